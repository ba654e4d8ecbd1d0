-- CreateTable
CREATE TABLE "ImportStagedFile" (
    "id" SERIAL NOT NULL,
    "importId" TEXT NOT NULL,
    "fileNo" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "pinyinFull" TEXT NOT NULL,
    "pinyinInitials" TEXT NOT NULL,
    "gender" TEXT,
    "ethnicity" TEXT,
    "birthDate" TEXT,
    "idNumber" TEXT NOT NULL,
    "phone" TEXT,
    "phoneLast4" TEXT,
    "employer" TEXT,
    "position" TEXT,
    "employmentStatus" TEXT NOT NULL,
    "address" TEXT,
    "notes" TEXT,
    "audit" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImportStagedFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportStagedHonour" (
    "id" SERIAL NOT NULL,
    "importId" TEXT NOT NULL,
    "idNumber" TEXT,
    "honoreeId" INTEGER,
    "category" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "awardingBody" TEXT,
    "documentNo" TEXT,
    "audit" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImportStagedHonour_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ImportStagedFile_importId_idx" ON "ImportStagedFile"("importId");

-- CreateIndex
CREATE INDEX "ImportStagedFile_createdAt_idx" ON "ImportStagedFile"("createdAt");

-- CreateIndex
CREATE INDEX "ImportStagedHonour_importId_idx" ON "ImportStagedHonour"("importId");

-- CreateIndex
CREATE INDEX "ImportStagedHonour_createdAt_idx" ON "ImportStagedHonour"("createdAt");
