-- DropIndex
DROP INDEX "Honoree_pinyinFull_idx";

-- DropIndex
DROP INDEX "Honoree_pinyinInitials_idx";

-- CreateIndex
CREATE INDEX "Honoree_pinyinInitials_name_idx" ON "Honoree"("pinyinInitials", "name");

-- CreateIndex
CREATE INDEX "Honoree_pinyinFull_name_idx" ON "Honoree"("pinyinFull", "name");
