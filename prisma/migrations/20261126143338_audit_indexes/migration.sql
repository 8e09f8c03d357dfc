-- CreateTable
CREATE TABLE "AuditCheckpoint" (
    "seq" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,
    "checked" BIGINT NOT NULL,
    "verifiedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AuditCheckpoint_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE INDEX "Grant_supersedesId_idx" ON "Grant"("supersedesId");

-- ---------------------------------------------------------------------------
-- Hand-written: what Prisma cannot express (docs/audit.md, ADR 004).
-- ---------------------------------------------------------------------------

-- Checkpoints are evidence too: append-only, hash-shaped.
CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE OR DELETE ON "AuditCheckpoint"
  FOR EACH ROW EXECUTE FUNCTION berth_audit_append_only();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON "AuditCheckpoint"
  FOR EACH STATEMENT EXECUTE FUNCTION berth_audit_append_only();
ALTER TABLE "AuditCheckpoint" ADD CONSTRAINT "AuditCheckpoint_hash_shape" CHECK (hash ~ '^[0-9a-f]{64}$' AND seq > 0);

-- Point in time: the events that end or extend a grant, found per grant without touching the rest
-- of its history (lib/audit/queries.ts accessAtQuery names these actions as literals).
CREATE INDEX "AuditEvent_grant_lifecycle_idx" ON "AuditEvent" ("objectId", action, at)
  WHERE "objectType" = 'grant' AND action IN ('grant.extended', 'grant.superseded', 'grant.expired', 'grant.revoked');

-- Grant history keyset pages, one index per sort order (the expressions match GRANT_SORT_KEYS).
CREATE INDEX "Grant_history_start_idx" ON "Grant" ((COALESCE("startsAt", "createdAt")), id);
CREATE INDEX "Grant_history_end_idx" ON "Grant" ((COALESCE("endsAt", 'infinity'::timestamptz)), id);
CREATE INDEX "Grant_history_project_idx" ON "Grant" ("projectName", (COALESCE("startsAt", "createdAt")), id);
CREATE INDEX "Grant_history_subject_idx" ON "Grant" ("subjectName", (COALESCE("startsAt", "createdAt")), id);
