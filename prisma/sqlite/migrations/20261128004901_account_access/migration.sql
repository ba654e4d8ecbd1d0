-- AlterTable: plain ADD COLUMN (no table redefinition), so no row of Account or of the tables
-- that refer to it is copied or touched.
ALTER TABLE "Account" ADD COLUMN "active" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "Account" ADD COLUMN "adminVia" TEXT;
ALTER TABLE "Account" ADD COLUMN "lastSeenAt" DATETIME;
