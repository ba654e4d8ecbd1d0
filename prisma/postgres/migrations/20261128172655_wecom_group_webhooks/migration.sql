-- CreateTable
CREATE TABLE "GroupWebhook" (
    "id" SERIAL NOT NULL,
    "groupId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GroupWebhook_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "GroupWebhook_groupId_key" ON "GroupWebhook"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "GroupWebhook_key_key" ON "GroupWebhook"("key");
