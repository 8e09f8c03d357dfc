-- CreateIndex
CREATE INDEX "Approval_approverName_idx" ON "Approval"("approverName");

-- CreateIndex
CREATE INDEX "Request_requesterName_idx" ON "Request"("requesterName");

-- Hand-written: grant history filtered by state, in its two time orders (keys as GRANT_SORT_KEYS).
CREATE INDEX "Grant_history_state_start_idx" ON "Grant" (state, (COALESCE("startsAt", "createdAt")), id);
CREATE INDEX "Grant_history_state_end_idx" ON "Grant" (state, (COALESCE("endsAt", 'infinity'::timestamptz)), id);
