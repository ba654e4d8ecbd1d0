-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "honoreeId" INTEGER;

-- AlterTable
ALTER TABLE "Honoree" ADD COLUMN     "messagesOffAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "InviteCode" ADD COLUMN     "honoreeId" INTEGER;

-- CreateIndex
CREATE INDEX "Account_honoreeId_idx" ON "Account"("honoreeId");
