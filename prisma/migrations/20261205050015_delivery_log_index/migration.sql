-- CreateIndex
CREATE INDEX "NotifyDelivery_createdAt_id_idx" ON "NotifyDelivery"("createdAt", "id");
