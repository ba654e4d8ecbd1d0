-- CreateTable
CREATE TABLE "SubsidyPolicy" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "honours" TEXT NOT NULL,
    "onlyRetired" BOOLEAN NOT NULL DEFAULT false,
    "onlyHardship" BOOLEAN NOT NULL DEFAULT false,
    "amountFen" INTEGER NOT NULL,
    "scheduleKind" TEXT NOT NULL,
    "festival" TEXT,
    "daysBefore" INTEGER,
    "fixedDate" TEXT,
    "fromYear" INTEGER NOT NULL,
    "toYear" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SubsidyPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubsidyPayment" (
    "id" SERIAL NOT NULL,
    "policyId" INTEGER NOT NULL,
    "honoreeId" INTEGER NOT NULL,
    "period" INTEGER NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "dueDate" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "paidOn" TEXT,
    "reference" TEXT,
    "paidById" INTEGER,
    "paidAt" TIMESTAMP(3),
    "reversedAt" TIMESTAMP(3),
    "reversedById" INTEGER,
    "reverseReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SubsidyPayment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SubsidyPayment_period_status_idx" ON "SubsidyPayment"("period", "status");

-- CreateIndex
CREATE INDEX "SubsidyPayment_honoreeId_idx" ON "SubsidyPayment"("honoreeId");

-- CreateIndex
CREATE UNIQUE INDEX "SubsidyPayment_policyId_honoreeId_period_key" ON "SubsidyPayment"("policyId", "honoreeId", "period");

-- AddForeignKey
ALTER TABLE "SubsidyPayment" ADD CONSTRAINT "SubsidyPayment_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "SubsidyPolicy"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
