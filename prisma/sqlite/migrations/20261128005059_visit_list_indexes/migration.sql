-- DropIndex
DROP INDEX "Visit_visitDate_idx";

-- DropIndex
DROP INDEX "Visit_honoreeId_visitDate_idx";

-- CreateIndex
CREATE INDEX "Visit_honoreeId_visitDate_id_idx" ON "Visit"("honoreeId", "visitDate", "id");

-- CreateIndex
CREATE INDEX "Visit_visitDate_id_idx" ON "Visit"("visitDate", "id");

-- CreateIndex
CREATE INDEX "Visit_visitDate_honoreeId_moneyFen_idx" ON "Visit"("visitDate", "honoreeId", "moneyFen");
