-- CreateTable
CREATE TABLE "Account" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL DEFAULT '',
    "role" TEXT NOT NULL,
    "locale" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "InviteCode" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "usedById" INTEGER,
    CONSTRAINT "InviteCode_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Account" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "InviteCode_usedById_fkey" FOREIGN KEY ("usedById") REFERENCES "Account" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Honoree" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "fileNo" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "pinyinFull" TEXT NOT NULL,
    "pinyinInitials" TEXT NOT NULL,
    "gender" TEXT,
    "ethnicity" TEXT,
    "birthDate" TEXT,
    "idNumber" TEXT,
    "phone" TEXT,
    "phoneLast4" TEXT,
    "employer" TEXT,
    "position" TEXT,
    "employmentStatus" TEXT NOT NULL DEFAULT 'employed',
    "address" TEXT,
    "notes" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Honour" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "honoreeId" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "awardingBody" TEXT,
    "documentNo" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Honour_honoreeId_fkey" FOREIGN KEY ("honoreeId") REFERENCES "Honoree" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CollectiveHonour" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "teamName" TEXT NOT NULL,
    "employer" TEXT,
    "category" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "awardingBody" TEXT,
    "documentNo" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "CollectiveHonourMember" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "collectiveHonourId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "honoreeId" INTEGER,
    CONSTRAINT "CollectiveHonourMember_collectiveHonourId_fkey" FOREIGN KEY ("collectiveHonourId") REFERENCES "CollectiveHonour" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CollectiveHonourMember_honoreeId_fkey" FOREIGN KEY ("honoreeId") REFERENCES "Honoree" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Survey" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "honoreeId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "workSituation" TEXT,
    "householdIncomeFen" INTEGER,
    "perCapitaIncomeFen" INTEGER,
    "familyMembers" TEXT,
    "hardshipCauses" TEXT,
    "healthStatus" TEXT,
    "priorityHardship" BOOLEAN NOT NULL DEFAULT false,
    "priorityHealth" BOOLEAN NOT NULL DEFAULT false,
    "priorityReason" TEXT,
    "surveyedById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Survey_honoreeId_fkey" FOREIGN KEY ("honoreeId") REFERENCES "Honoree" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Visit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "honoreeId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "visitDate" TEXT NOT NULL,
    "moneyFen" INTEGER NOT NULL DEFAULT 0,
    "gifts" TEXT,
    "notes" TEXT,
    "recordedById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Visit_honoreeId_fkey" FOREIGN KEY ("honoreeId") REFERENCES "Honoree" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" INTEGER,
    "actorLabel" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "changes" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "ConversationState" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "flow" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ProcessedUpdate" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "Account_channel_externalId_key" ON "Account"("channel", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "InviteCode_code_key" ON "InviteCode"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Honoree_fileNo_key" ON "Honoree"("fileNo");

-- CreateIndex
CREATE UNIQUE INDEX "Honoree_idNumber_key" ON "Honoree"("idNumber");

-- CreateIndex
CREATE INDEX "Honoree_pinyinInitials_idx" ON "Honoree"("pinyinInitials");

-- CreateIndex
CREATE INDEX "Honoree_pinyinFull_idx" ON "Honoree"("pinyinFull");

-- CreateIndex
CREATE INDEX "Honoree_phoneLast4_idx" ON "Honoree"("phoneLast4");

-- CreateIndex
CREATE INDEX "Honoree_name_idx" ON "Honoree"("name");

-- CreateIndex
CREATE INDEX "Honour_honoreeId_idx" ON "Honour"("honoreeId");

-- CreateIndex
CREATE UNIQUE INDEX "Honour_honoreeId_category_level_year_key" ON "Honour"("honoreeId", "category", "level", "year");

-- CreateIndex
CREATE UNIQUE INDEX "CollectiveHonour_teamName_category_level_year_key" ON "CollectiveHonour"("teamName", "category", "level", "year");

-- CreateIndex
CREATE INDEX "CollectiveHonourMember_collectiveHonourId_idx" ON "CollectiveHonourMember"("collectiveHonourId");

-- CreateIndex
CREATE INDEX "Survey_year_priorityHardship_idx" ON "Survey"("year", "priorityHardship");

-- CreateIndex
CREATE INDEX "Survey_year_priorityHealth_idx" ON "Survey"("year", "priorityHealth");

-- CreateIndex
CREATE UNIQUE INDEX "Survey_honoreeId_year_key" ON "Survey"("honoreeId", "year");

-- CreateIndex
CREATE INDEX "Visit_honoreeId_visitDate_idx" ON "Visit"("honoreeId", "visitDate");

-- CreateIndex
CREATE INDEX "Visit_visitDate_idx" ON "Visit"("visitDate");

-- CreateIndex
CREATE INDEX "AuditEntry_entity_entityId_idx" ON "AuditEntry"("entity", "entityId");

-- CreateIndex
CREATE INDEX "AuditEntry_at_idx" ON "AuditEntry"("at");

-- CreateIndex
CREATE INDEX "ProcessedUpdate_at_idx" ON "ProcessedUpdate"("at");
