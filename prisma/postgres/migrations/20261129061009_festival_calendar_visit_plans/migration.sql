-- CreateTable
CREATE TABLE "FestivalEntry" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "date" TEXT,
    "name" TEXT,
    "enabled" BOOLEAN,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FestivalEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HolidayDay" (
    "date" TEXT NOT NULL,
    "off" BOOLEAN NOT NULL,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HolidayDay_pkey" PRIMARY KEY ("date")
);

-- CreateTable
CREATE TABLE "VisitPlan" (
    "id" SERIAL NOT NULL,
    "festival" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "festivalDate" TEXT NOT NULL,
    "windowStart" TEXT NOT NULL,
    "windowEnd" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "VisitPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VisitPlanEntry" (
    "id" SERIAL NOT NULL,
    "planId" INTEGER NOT NULL,
    "honoreeId" INTEGER NOT NULL,
    "rank" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "reasons" TEXT NOT NULL,
    "assigneeId" INTEGER,
    "removed" BOOLEAN NOT NULL DEFAULT false,
    "addedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VisitPlanEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FestivalEntry_key_year_key" ON "FestivalEntry"("key", "year");

-- CreateIndex
CREATE UNIQUE INDEX "VisitPlan_festival_year_key" ON "VisitPlan"("festival", "year");

-- CreateIndex
CREATE INDEX "VisitPlanEntry_planId_rank_idx" ON "VisitPlanEntry"("planId", "rank");

-- CreateIndex
CREATE UNIQUE INDEX "VisitPlanEntry_planId_honoreeId_key" ON "VisitPlanEntry"("planId", "honoreeId");

-- AddForeignKey
ALTER TABLE "VisitPlanEntry" ADD CONSTRAINT "VisitPlanEntry_planId_fkey" FOREIGN KEY ("planId") REFERENCES "VisitPlan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
