-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "via" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "appointmentId" INTEGER,
ADD COLUMN     "choices" TEXT;

-- CreateTable
CREATE TABLE "CheckupCampaign" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "hospital" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "preparation" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL,
    "cadence" TEXT NOT NULL,
    "silenceDays" INTEGER NOT NULL DEFAULT 3,
    "followUpDays" INTEGER NOT NULL DEFAULT 30,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "CheckupCampaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckupSlot" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "start" TEXT NOT NULL,
    "end" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "taken" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CheckupSlot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckupAppointment" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "honoreeId" INTEGER NOT NULL,
    "slotId" INTEGER,
    "status" TEXT NOT NULL,
    "rescheduled" BOOLEAN NOT NULL DEFAULT false,
    "declineReason" TEXT,
    "declineNote" TEXT,
    "invitedAt" TIMESTAMP(3) NOT NULL,
    "answeredAt" TIMESTAMP(3),
    "answeredById" INTEGER,
    "callOutcome" TEXT,
    "callAgainOn" TEXT,
    "reportSummary" TEXT,
    "findings" TEXT,
    "guidance" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CheckupAppointment_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "CheckupSlot" ADD CONSTRAINT "CheckupSlot_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "CheckupCampaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckupAppointment" ADD CONSTRAINT "CheckupAppointment_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "CheckupCampaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckupAppointment" ADD CONSTRAINT "CheckupAppointment_slotId_fkey" FOREIGN KEY ("slotId") REFERENCES "CheckupSlot"("id") ON DELETE SET NULL ON UPDATE CASCADE;
