-- CreateEnum
CREATE TYPE "RequestKind" AS ENUM ('NEW_PROJECT', 'GROUP_ACCESS', 'ROBOT_ACCOUNT', 'ROBOT_ROTATION', 'GRANT_EXTENSION', 'QUOTA_CHANGE');

-- CreateEnum
CREATE TYPE "RequestState" AS ENUM ('PENDING', 'APPROVED', 'PROVISIONING', 'ACTIVE', 'REJECTED', 'CANCELLED', 'FAILED', 'EXPIRED', 'REVOKED');

-- CreateEnum
CREATE TYPE "Decision" AS ENUM ('APPROVE', 'REJECT');

-- CreateEnum
CREATE TYPE "SubjectType" AS ENUM ('GROUP', 'ROBOT');

-- CreateEnum
CREATE TYPE "GrantState" AS ENUM ('PENDING', 'ACTIVE', 'FAILED', 'EXPIRED', 'REVOKED', 'SUPERSEDED');

-- CreateEnum
CREATE TYPE "ProjectState" AS ENUM ('PROVISIONING', 'ACTIVE', 'FAILED');

-- CreateEnum
CREATE TYPE "JobKind" AS ENUM ('PROVISION', 'EXPIRE', 'REVOKE');

-- CreateEnum
CREATE TYPE "JobState" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "StepState" AS ENUM ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "Request" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "kind" "RequestKind" NOT NULL,
    "payload" JSONB NOT NULL,
    "justification" TEXT NOT NULL,
    "requesterId" TEXT NOT NULL,
    "requesterName" TEXT NOT NULL,
    "requesterGroups" TEXT[],
    "projectName" TEXT NOT NULL,
    "subjectKey" TEXT,
    "endsAt" TIMESTAMPTZ(3),
    "state" "RequestState" NOT NULL DEFAULT 'PENDING',
    "policyChecks" JSONB NOT NULL,
    "requiredApprovals" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "decidedAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Approval" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "approverId" TEXT NOT NULL,
    "approverName" TEXT NOT NULL,
    "decision" "Decision" NOT NULL,
    "comment" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Approval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Project" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "ownerGroup" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "quotaGiB" INTEGER NOT NULL,
    "harborId" INTEGER,
    "state" "ProjectState" NOT NULL DEFAULT 'PROVISIONING',
    "requestId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Grant" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "projectName" TEXT NOT NULL,
    "subjectType" "SubjectType" NOT NULL,
    "subjectName" TEXT NOT NULL,
    "roleId" INTEGER,
    "permissions" JSONB,
    "state" "GrantState" NOT NULL DEFAULT 'PENDING',
    "startsAt" TIMESTAMPTZ(3),
    "endsAt" TIMESTAMPTZ(3),
    "endedAt" TIMESTAMPTZ(3),
    "endReason" TEXT,
    "endedBy" TEXT,
    "harborMemberId" INTEGER,
    "harborRobotId" INTEGER,
    "harborRobotName" TEXT,
    "requestId" UUID NOT NULL,
    "supersedesId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Grant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProvisioningJob" (
    "id" UUID NOT NULL,
    "kind" "JobKind" NOT NULL,
    "state" "JobState" NOT NULL DEFAULT 'QUEUED',
    "requestId" UUID,
    "grantId" UUID,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 8,
    "runAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedBy" TEXT,
    "lockedUntil" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ProvisioningJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProvisioningStep" (
    "id" UUID NOT NULL,
    "jobId" UUID NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "state" "StepState" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "harborRequestId" TEXT,
    "error" TEXT,
    "result" JSONB,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ProvisioningStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RobotSecret" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "grantId" UUID NOT NULL,
    "robotName" TEXT NOT NULL,
    "ciphertext" BYTEA,
    "iv" BYTEA,
    "authTag" BYTEA,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "revealedAt" TIMESTAMPTZ(3),
    "wipedAt" TIMESTAMPTZ(3),

    CONSTRAINT "RobotSecret_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "seq" BIGINT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorName" TEXT,
    "actorGroups" TEXT[],
    "sourceIp" TEXT,
    "userAgent" TEXT,
    "action" TEXT NOT NULL,
    "objectType" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "projectName" TEXT,
    "subject" TEXT,
    "requestId" UUID,
    "before" JSONB,
    "after" JSONB,
    "harborRequestId" TEXT,
    "portalRequestId" TEXT,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "AuditHead" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "seq" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditHead_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Request_number_key" ON "Request"("number");

-- CreateIndex
CREATE INDEX "Request_state_createdAt_idx" ON "Request"("state", "createdAt");

-- CreateIndex
CREATE INDEX "Request_requesterId_createdAt_idx" ON "Request"("requesterId", "createdAt");

-- CreateIndex
CREATE INDEX "Request_projectName_idx" ON "Request"("projectName");

-- CreateIndex
CREATE INDEX "Approval_approverId_idx" ON "Approval"("approverId");

-- CreateIndex
CREATE UNIQUE INDEX "Approval_requestId_approverId_key" ON "Approval"("requestId", "approverId");

-- CreateIndex
CREATE UNIQUE INDEX "Project_name_key" ON "Project"("name");

-- CreateIndex
CREATE INDEX "Project_ownerGroup_idx" ON "Project"("ownerGroup");

-- CreateIndex
CREATE INDEX "Grant_projectId_state_idx" ON "Grant"("projectId", "state");

-- CreateIndex
CREATE INDEX "Grant_state_endsAt_idx" ON "Grant"("state", "endsAt");

-- CreateIndex
CREATE INDEX "Grant_subjectType_subjectName_idx" ON "Grant"("subjectType", "subjectName");

-- CreateIndex
CREATE INDEX "Grant_requestId_idx" ON "Grant"("requestId");

-- CreateIndex
CREATE INDEX "ProvisioningJob_state_runAt_idx" ON "ProvisioningJob"("state", "runAt");

-- CreateIndex
CREATE INDEX "ProvisioningJob_requestId_idx" ON "ProvisioningJob"("requestId");

-- CreateIndex
CREATE INDEX "ProvisioningJob_grantId_idx" ON "ProvisioningJob"("grantId");

-- CreateIndex
CREATE INDEX "ProvisioningStep_jobId_ordinal_idx" ON "ProvisioningStep"("jobId", "ordinal");

-- CreateIndex
CREATE UNIQUE INDEX "ProvisioningStep_jobId_key_key" ON "ProvisioningStep"("jobId", "key");

-- CreateIndex
CREATE INDEX "RobotSecret_requestId_idx" ON "RobotSecret"("requestId");

-- CreateIndex
CREATE INDEX "RobotSecret_expiresAt_idx" ON "RobotSecret"("expiresAt");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_action_seq_idx" ON "AuditEvent"("action", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_objectType_objectId_seq_idx" ON "AuditEvent"("objectType", "objectId", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_projectName_seq_idx" ON "AuditEvent"("projectName", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_projectName_action_at_idx" ON "AuditEvent"("projectName", "action", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_subject_action_at_idx" ON "AuditEvent"("subject", "action", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_seq_idx" ON "AuditEvent"("actorId", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_requestId_idx" ON "AuditEvent"("requestId");

-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "Request"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "Request"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProvisioningJob" ADD CONSTRAINT "ProvisioningJob_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "Request"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProvisioningJob" ADD CONSTRAINT "ProvisioningJob_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProvisioningStep" ADD CONSTRAINT "ProvisioningStep_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "ProvisioningJob"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RobotSecret" ADD CONSTRAINT "RobotSecret_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "Request"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RobotSecret" ADD CONSTRAINT "RobotSecret_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Guarantees the database keeps even if the application has a bug.
-- ---------------------------------------------------------------------------

-- Nobody approves (or rejects) their own request.
CREATE FUNCTION berth_refuse_self_approval() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "Request" r WHERE r.id = NEW."requestId" AND r."requesterId" = NEW."approverId") THEN
    RAISE EXCEPTION 'an approver cannot decide their own request'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'approval_not_by_requester';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER approval_not_by_requester BEFORE INSERT OR UPDATE ON "Approval"
  FOR EACH ROW EXECUTE FUNCTION berth_refuse_self_approval();

-- At most one active and one pending grant per subject and project.
CREATE UNIQUE INDEX "Grant_one_active_per_subject" ON "Grant" ("projectId", "subjectType", "subjectName") WHERE state = 'ACTIVE';
CREATE UNIQUE INDEX "Grant_one_pending_per_subject" ON "Grant" ("projectId", "subjectType", "subjectName") WHERE state = 'PENDING';

-- A group grant has a Harbor role; a robot grant has permissions.
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_subject_shape" CHECK (
  ("subjectType" = 'GROUP' AND "roleId" BETWEEN 1 AND 5) OR ("subjectType" = 'ROBOT' AND permissions IS NOT NULL)
);
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_ends_after_start" CHECK ("endsAt" IS NULL OR "startsAt" IS NULL OR "endsAt" > "startsAt");

ALTER TABLE "Request" ADD CONSTRAINT "Request_required_approvals" CHECK ("requiredApprovals" BETWEEN 1 AND 2);
ALTER TABLE "Request" ADD CONSTRAINT "Request_justification_present" CHECK (length(btrim(justification)) > 0);

-- One open job of a kind per grant (expiry and revocation cannot be queued twice).
CREATE UNIQUE INDEX "ProvisioningJob_one_open_per_grant" ON "ProvisioningJob" ("grantId", kind) WHERE state IN ('QUEUED', 'RUNNING') AND "grantId" IS NOT NULL;
-- One open job per request (double clicks and racing approvers cannot queue provisioning twice).
CREATE UNIQUE INDEX "ProvisioningJob_one_open_per_request" ON "ProvisioningJob" ("requestId") WHERE state IN ('QUEUED', 'RUNNING') AND "requestId" IS NOT NULL;

-- A robot secret at rest is ciphertext with its nonce and tag, or nothing at all.
ALTER TABLE "RobotSecret" ADD CONSTRAINT "RobotSecret_sealed" CHECK (
  (ciphertext IS NULL AND iv IS NULL AND "authTag" IS NULL) OR
  (ciphertext IS NOT NULL AND octet_length(iv) = 12 AND octet_length("authTag") = 16)
);

-- The audit trail is append-only.
CREATE FUNCTION berth_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION berth_audit_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION berth_audit_append_only();
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_hash_shape" CHECK (hash ~ '^[0-9a-f]{64}$' AND "prevHash" ~ '^[0-9a-f]{64}$');

-- The chain head: exactly one row, created here.
ALTER TABLE "AuditHead" ADD CONSTRAINT "AuditHead_single_row" CHECK (id = 1);
INSERT INTO "AuditHead" (id, seq, hash) VALUES (1, 0, repeat('0', 64));
