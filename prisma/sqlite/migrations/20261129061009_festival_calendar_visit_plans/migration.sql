-- CreateTable
CREATE TABLE "FestivalEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "date" TEXT,
    "name" TEXT,
    "enabled" BOOLEAN,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "HolidayDay" (
    "date" TEXT NOT NULL PRIMARY KEY,
    "off" BOOLEAN NOT NULL,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "VisitPlan" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "festival" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "festivalDate" TEXT NOT NULL,
    "windowStart" TEXT NOT NULL,
    "windowEnd" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "closedAt" DATETIME
);

-- CreateTable
CREATE TABLE "VisitPlanEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "planId" INTEGER NOT NULL,
    "honoreeId" INTEGER NOT NULL,
    "rank" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "reasons" TEXT NOT NULL,
    "assigneeId" INTEGER,
    "removed" BOOLEAN NOT NULL DEFAULT false,
    "addedById" INTEGER,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "VisitPlanEntry_planId_fkey" FOREIGN KEY ("planId") REFERENCES "VisitPlan" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "FestivalEntry_key_year_key" ON "FestivalEntry"("key", "year");

-- CreateIndex
CREATE UNIQUE INDEX "VisitPlan_festival_year_key" ON "VisitPlan"("festival", "year");

-- CreateIndex
CREATE INDEX "VisitPlanEntry_planId_rank_idx" ON "VisitPlanEntry"("planId", "rank");

-- CreateIndex
CREATE UNIQUE INDEX "VisitPlanEntry_planId_honoreeId_key" ON "VisitPlanEntry"("planId", "honoreeId");
