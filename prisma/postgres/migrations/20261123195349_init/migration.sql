-- CreateTable
CREATE TABLE "Account" (
    "id" SERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL DEFAULT '',
    "role" TEXT NOT NULL,
    "locale" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InviteCode" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "usedById" INTEGER,

    CONSTRAINT "InviteCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Honoree" (
    "id" SERIAL NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Honoree_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Honour" (
    "id" SERIAL NOT NULL,
    "honoreeId" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "awardingBody" TEXT,
    "documentNo" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Honour_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CollectiveHonour" (
    "id" SERIAL NOT NULL,
    "teamName" TEXT NOT NULL,
    "employer" TEXT,
    "category" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "awardingBody" TEXT,
    "documentNo" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CollectiveHonour_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CollectiveHonourMember" (
    "id" SERIAL NOT NULL,
    "collectiveHonourId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "honoreeId" INTEGER,

    CONSTRAINT "CollectiveHonourMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Survey" (
    "id" SERIAL NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Survey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Visit" (
    "id" SERIAL NOT NULL,
    "honoreeId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "visitDate" TEXT NOT NULL,
    "moneyFen" INTEGER NOT NULL DEFAULT 0,
    "gifts" TEXT,
    "notes" TEXT,
    "recordedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Visit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" INTEGER,
    "actorLabel" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "changes" TEXT NOT NULL,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConversationState" (
    "key" TEXT NOT NULL,
    "flow" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConversationState_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ProcessedUpdate" (
    "key" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedUpdate_pkey" PRIMARY KEY ("key")
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

-- AddForeignKey
ALTER TABLE "InviteCode" ADD CONSTRAINT "InviteCode_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InviteCode" ADD CONSTRAINT "InviteCode_usedById_fkey" FOREIGN KEY ("usedById") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Honour" ADD CONSTRAINT "Honour_honoreeId_fkey" FOREIGN KEY ("honoreeId") REFERENCES "Honoree"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CollectiveHonourMember" ADD CONSTRAINT "CollectiveHonourMember_collectiveHonourId_fkey" FOREIGN KEY ("collectiveHonourId") REFERENCES "CollectiveHonour"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CollectiveHonourMember" ADD CONSTRAINT "CollectiveHonourMember_honoreeId_fkey" FOREIGN KEY ("honoreeId") REFERENCES "Honoree"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Survey" ADD CONSTRAINT "Survey_honoreeId_fkey" FOREIGN KEY ("honoreeId") REFERENCES "Honoree"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_honoreeId_fkey" FOREIGN KEY ("honoreeId") REFERENCES "Honoree"("id") ON DELETE CASCADE ON UPDATE CASCADE;
