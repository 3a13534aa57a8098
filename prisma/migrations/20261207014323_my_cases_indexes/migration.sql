-- CreateIndex
CREATE INDEX "BatonHandover_toId_status_idx" ON "BatonHandover"("toId", "status");

-- CreateIndex
CREATE INDEX "Case_batonHolderId_idx" ON "Case"("batonHolderId");
