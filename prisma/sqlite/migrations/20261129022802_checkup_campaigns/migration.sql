-- AlterTable
ALTER TABLE "Notification" ADD COLUMN "appointmentId" INTEGER;
ALTER TABLE "Notification" ADD COLUMN "choices" TEXT;

-- CreateTable
CREATE TABLE "CheckupCampaign" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "year" INTEGER NOT NULL,
    "hospital" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "preparation" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL,
    "cadence" TEXT NOT NULL,
    "silenceDays" INTEGER NOT NULL DEFAULT 3,
    "followUpDays" INTEGER NOT NULL DEFAULT 30,
    "createdById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "closedAt" DATETIME
);

-- CreateTable
CREATE TABLE "CheckupSlot" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "start" TEXT NOT NULL,
    "end" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "taken" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "CheckupSlot_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "CheckupCampaign" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CheckupAppointment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "honoreeId" INTEGER NOT NULL,
    "slotId" INTEGER,
    "status" TEXT NOT NULL,
    "rescheduled" BOOLEAN NOT NULL DEFAULT false,
    "declineReason" TEXT,
    "declineNote" TEXT,
    "invitedAt" DATETIME NOT NULL,
    "answeredAt" DATETIME,
    "answeredById" INTEGER,
    "callOutcome" TEXT,
    "callAgainOn" TEXT,
    "reportSummary" TEXT,
    "findings" TEXT,
    "guidance" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CheckupAppointment_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "CheckupCampaign" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CheckupAppointment_slotId_fkey" FOREIGN KEY ("slotId") REFERENCES "CheckupSlot" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Account" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL DEFAULT '',
    "role" TEXT NOT NULL,
    "locale" TEXT,
    "honoreeId" INTEGER,
    "via" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "adminVia" TEXT,
    "lastSeenAt" DATETIME
);
INSERT INTO "new_Account" ("active", "adminVia", "channel", "createdAt", "displayName", "externalId", "honoreeId", "id", "lastSeenAt", "locale", "role") SELECT "active", "adminVia", "channel", "createdAt", "displayName", "externalId", "honoreeId", "id", "lastSeenAt", "locale", "role" FROM "Account";
DROP TABLE "Account";
ALTER TABLE "new_Account" RENAME TO "Account";
CREATE INDEX "Account_honoreeId_idx" ON "Account"("honoreeId");
CREATE UNIQUE INDEX "Account_channel_externalId_key" ON "Account"("channel", "externalId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "CheckupSlot_campaignId_date_start_key" ON "CheckupSlot"("campaignId", "date", "start");

-- CreateIndex
CREATE INDEX "CheckupAppointment_honoreeId_idx" ON "CheckupAppointment"("honoreeId");

-- CreateIndex
CREATE INDEX "CheckupAppointment_slotId_idx" ON "CheckupAppointment"("slotId");

-- CreateIndex
CREATE UNIQUE INDEX "CheckupAppointment_campaignId_honoreeId_key" ON "CheckupAppointment"("campaignId", "honoreeId");

-- CreateIndex
CREATE INDEX "Notification_appointmentId_idx" ON "Notification"("appointmentId");
