-- CreateTable
CREATE TABLE "NotifyGroup" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "via" TEXT NOT NULL DEFAULT '',
    "chatId" TEXT NOT NULL,
    "title" TEXT NOT NULL DEFAULT '',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "boundById" INTEGER,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Reminder" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ownerId" INTEGER NOT NULL,
    "groupId" INTEGER,
    "text" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "honoreeId" INTEGER,
    "nextAt" DATETIME,
    "status" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "via" TEXT NOT NULL DEFAULT '',
    "chatId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "dedupeKey" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "via" TEXT NOT NULL DEFAULT '',
    "chatId" TEXT NOT NULL,
    "chatKind" TEXT NOT NULL,
    "accountId" INTEGER,
    "groupId" INTEGER,
    "kind" TEXT NOT NULL,
    "messageKey" TEXT NOT NULL,
    "params" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "leaseHolder" TEXT,
    "leaseUntil" DATETIME,
    "lastError" TEXT,
    "sentParts" INTEGER NOT NULL DEFAULT 0,
    "sentAt" DATETIME,
    "messageIds" TEXT,
    "reminderId" INTEGER,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PhoneTask" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" INTEGER,
    "honoreeId" INTEGER,
    "groupId" INTEGER,
    "about" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "notificationId" INTEGER,
    "status" TEXT NOT NULL,
    "doneById" INTEGER,
    "doneAt" DATETIME,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ScheduleRun" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "lastRunAt" DATETIME,
    "leaseHolder" TEXT,
    "leaseUntil" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "NotifyGroup_channel_via_chatId_key" ON "NotifyGroup"("channel", "via", "chatId");

-- CreateIndex
CREATE INDEX "Reminder_status_nextAt_idx" ON "Reminder"("status", "nextAt");

-- CreateIndex
CREATE INDEX "Reminder_ownerId_status_idx" ON "Reminder"("ownerId", "status");

-- CreateIndex
CREATE INDEX "Reminder_groupId_status_idx" ON "Reminder"("groupId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_dedupeKey_key" ON "Notification"("dedupeKey");

-- CreateIndex
CREATE INDEX "Notification_status_nextAttemptAt_idx" ON "Notification"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Notification_reminderId_idx" ON "Notification"("reminderId");

-- CreateIndex
CREATE INDEX "Notification_accountId_status_idx" ON "Notification"("accountId", "status");

-- CreateIndex
CREATE INDEX "Notification_groupId_status_idx" ON "Notification"("groupId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "PhoneTask_notificationId_key" ON "PhoneTask"("notificationId");

-- CreateIndex
CREATE INDEX "PhoneTask_status_idx" ON "PhoneTask"("status");
