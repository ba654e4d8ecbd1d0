-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "active" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "adminVia" TEXT,
ADD COLUMN     "lastSeenAt" TIMESTAMP(3);
