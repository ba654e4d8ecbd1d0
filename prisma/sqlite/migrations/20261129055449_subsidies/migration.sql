-- CreateTable
CREATE TABLE "SubsidyPolicy" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SubsidyPayment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "policyId" INTEGER NOT NULL,
    "honoreeId" INTEGER NOT NULL,
    "period" INTEGER NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "dueDate" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "paidOn" TEXT,
    "reference" TEXT,
    "paidById" INTEGER,
    "paidAt" DATETIME,
    "reversedAt" DATETIME,
    "reversedById" INTEGER,
    "reverseReason" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SubsidyPayment_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "SubsidyPolicy" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SubsidyPayment_period_status_idx" ON "SubsidyPayment"("period", "status");

-- CreateIndex
CREATE INDEX "SubsidyPayment_honoreeId_idx" ON "SubsidyPayment"("honoreeId");

-- CreateIndex
CREATE UNIQUE INDEX "SubsidyPayment_policyId_honoreeId_period_key" ON "SubsidyPayment"("policyId", "honoreeId", "period");
