-- CreateTable
CREATE TABLE "NotifyGroup" (
    "id" SERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "via" TEXT NOT NULL DEFAULT '',
    "chatId" TEXT NOT NULL,
    "title" TEXT NOT NULL DEFAULT '',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "boundById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotifyGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reminder" (
    "id" SERIAL NOT NULL,
    "ownerId" INTEGER NOT NULL,
    "groupId" INTEGER,
    "text" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "honoreeId" INTEGER,
    "nextAt" TIMESTAMP(3),
    "status" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "via" TEXT NOT NULL DEFAULT '',
    "chatId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Reminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" SERIAL NOT NULL,
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
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "leaseHolder" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "sentParts" INTEGER NOT NULL DEFAULT 0,
    "sentAt" TIMESTAMP(3),
    "messageIds" TEXT,
    "reminderId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PhoneTask" (
    "id" SERIAL NOT NULL,
    "accountId" INTEGER,
    "honoreeId" INTEGER,
    "groupId" INTEGER,
    "about" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "notificationId" INTEGER,
    "status" TEXT NOT NULL,
    "doneById" INTEGER,
    "doneAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PhoneTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScheduleRun" (
    "name" TEXT NOT NULL,
    "lastRunAt" TIMESTAMP(3),
    "leaseHolder" TEXT,
    "leaseUntil" TIMESTAMP(3),

    CONSTRAINT "ScheduleRun_pkey" PRIMARY KEY ("name")
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
