-- CreateTable
CREATE TABLE "GroupWebhook" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "groupId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "GroupWebhook_groupId_key" ON "GroupWebhook"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "GroupWebhook_key_key" ON "GroupWebhook"("key");
