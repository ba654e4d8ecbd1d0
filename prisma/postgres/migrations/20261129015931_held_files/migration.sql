-- CreateTable
CREATE TABLE "HeldFile" (
    "id" SERIAL NOT NULL,
    "accountId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "mimeType" TEXT,
    "data" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HeldFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "HeldFile_createdAt_idx" ON "HeldFile"("createdAt");
