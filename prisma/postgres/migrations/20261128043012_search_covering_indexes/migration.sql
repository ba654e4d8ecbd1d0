-- DropIndex
DROP INDEX "Honoree_pinyinFull_name_idx";

-- DropIndex
DROP INDEX "Honoree_pinyinInitials_name_idx";

-- CreateIndex
CREATE INDEX "Honoree_pinyinInitials_name_fileNo_employer_idx" ON "Honoree"("pinyinInitials", "name", "fileNo", "employer");

-- CreateIndex
CREATE INDEX "Honoree_pinyinFull_name_fileNo_employer_idx" ON "Honoree"("pinyinFull", "name", "fileNo", "employer");
