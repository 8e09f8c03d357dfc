-- CreateEnum
CREATE TYPE "ReviewScope" AS ENUM ('ALL', 'PATTERN', 'PROJECT');

-- CreateEnum
CREATE TYPE "ReviewSubjects" AS ENUM ('GROUPS', 'ROBOTS', 'BOTH');

-- CreateEnum
CREATE TYPE "ReviewReviewers" AS ENUM ('OWNER_TEAM_LEADS', 'APPROVERS');

-- CreateEnum
CREATE TYPE "ReviewOutcome" AS ENUM ('REMOVE', 'KEEP_AND_ESCALATE');

-- CreateEnum
CREATE TYPE "ReviewDecisionKind" AS ENUM ('KEEP', 'SHORTEN', 'LOWER_ROLE', 'REMOVE');

-- CreateTable
CREATE TABLE "ReviewDefinition" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "scope" "ReviewScope" NOT NULL,
    "scopeValue" TEXT,
    "subjects" "ReviewSubjects" NOT NULL,
    "reviewers" "ReviewReviewers" NOT NULL,
    "durationDays" INTEGER NOT NULL,
    "recurrenceDays" INTEGER,
    "deadlineOutcome" "ReviewOutcome" NOT NULL,
    "nextStartAt" TIMESTAMPTZ(3),
    "createdById" TEXT NOT NULL,
    "createdByName" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReviewDefinition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewCampaign" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "definitionId" UUID NOT NULL,
    "scheduledFor" TIMESTAMPTZ(3) NOT NULL,
    "name" TEXT NOT NULL,
    "scope" "ReviewScope" NOT NULL,
    "scopeValue" TEXT,
    "subjects" "ReviewSubjects" NOT NULL,
    "reviewers" "ReviewReviewers" NOT NULL,
    "deadlineOutcome" "ReviewOutcome" NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "escalateAt" TIMESTAMPTZ(3) NOT NULL,
    "deadlineAt" TIMESTAMPTZ(3) NOT NULL,
    "startedBy" TEXT NOT NULL,
    "startedByName" TEXT NOT NULL,
    "itemCount" INTEGER NOT NULL,
    "escalatedAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ReviewCampaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewItem" (
    "id" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "grantId" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "projectName" TEXT NOT NULL,
    "ownerGroup" TEXT NOT NULL,
    "subjectType" "SubjectType" NOT NULL,
    "subjectName" TEXT NOT NULL,
    "harborRobotName" TEXT,
    "roleId" INTEGER,
    "permissions" JSONB,
    "grantStartsAt" TIMESTAMPTZ(3),
    "grantEndsAt" TIMESTAMPTZ(3),
    "requestId" UUID NOT NULL,
    "requestNumber" INTEGER NOT NULL,
    "requesterId" TEXT NOT NULL,
    "requesterName" TEXT NOT NULL,
    "approvers" JSONB NOT NULL,
    "reviewerGroup" TEXT,
    "routedAt" TIMESTAMPTZ(3),
    "routedReason" TEXT,
    "excludedIds" TEXT[],
    "escalatedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ReviewItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewDecision" (
    "itemId" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "kind" "ReviewDecisionKind" NOT NULL,
    "reason" TEXT NOT NULL,
    "byPolicy" BOOLEAN NOT NULL,
    "deciderId" TEXT,
    "deciderName" TEXT,
    "deciderGroups" TEXT[],
    "decidedAt" TIMESTAMPTZ(3) NOT NULL,
    "newRoleId" INTEGER,
    "newEndsAt" TIMESTAMPTZ(3),
    "requestId" UUID,
    "jobId" UUID,
    "evidence" JSONB NOT NULL,

    CONSTRAINT "ReviewDecision_pkey" PRIMARY KEY ("itemId")
);

-- CreateTable
CREATE TABLE "ReviewReminder" (
    "id" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "openItems" INTEGER NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "notifiedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ReviewReminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UsageCheck" (
    "projectId" UUID NOT NULL,
    "projectName" TEXT NOT NULL,
    "claimedAt" TIMESTAMPTZ(3),
    "wantedAt" TIMESTAMPTZ(3),
    "checkedAt" TIMESTAMPTZ(3),
    "windowFrom" TIMESTAMPTZ(3),
    "windowTo" TIMESTAMPTZ(3),
    "pullsLogged" BOOLEAN NOT NULL DEFAULT true,
    "robots" JSONB NOT NULL DEFAULT '{}',
    "users" JSONB,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "events" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT,
    "reason" TEXT,
    "attemptedAt" TIMESTAMPTZ(3),

    CONSTRAINT "UsageCheck_pkey" PRIMARY KEY ("projectId")
);

-- CreateIndex
CREATE INDEX "ReviewDefinition_nextStartAt_idx" ON "ReviewDefinition"("nextStartAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewCampaign_number_key" ON "ReviewCampaign"("number");

-- CreateIndex
CREATE INDEX "ReviewCampaign_closedAt_deadlineAt_idx" ON "ReviewCampaign"("closedAt", "deadlineAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewCampaign_definitionId_scheduledFor_key" ON "ReviewCampaign"("definitionId", "scheduledFor");

-- CreateIndex
CREATE INDEX "ReviewItem_grantId_idx" ON "ReviewItem"("grantId");

-- CreateIndex
CREATE INDEX "ReviewItem_reviewerGroup_campaignId_idx" ON "ReviewItem"("reviewerGroup", "campaignId");

-- CreateIndex
CREATE INDEX "ReviewItem_campaignId_projectName_subjectName_idx" ON "ReviewItem"("campaignId", "projectName", "subjectName");

-- CreateIndex
CREATE INDEX "ReviewItem_projectName_subjectName_id_idx" ON "ReviewItem"("projectName", "subjectName", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewItem_campaignId_grantId_key" ON "ReviewItem"("campaignId", "grantId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewItem_id_campaignId_key" ON "ReviewItem"("id", "campaignId");

-- CreateIndex
CREATE INDEX "ReviewDecision_campaignId_decidedAt_idx" ON "ReviewDecision"("campaignId", "decidedAt");

-- CreateIndex
CREATE INDEX "ReviewDecision_deciderId_idx" ON "ReviewDecision"("deciderId");

-- CreateIndex
CREATE INDEX "ReviewDecision_jobId_idx" ON "ReviewDecision"("jobId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewDecision_itemId_campaignId_key" ON "ReviewDecision"("itemId", "campaignId");

-- CreateIndex
CREATE INDEX "ReviewReminder_audience_createdAt_idx" ON "ReviewReminder"("audience", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewReminder_campaignId_kind_audience_key" ON "ReviewReminder"("campaignId", "kind", "audience");

-- CreateIndex
CREATE INDEX "UsageCheck_claimedAt_idx" ON "UsageCheck"("claimedAt");

-- AddForeignKey
ALTER TABLE "ReviewCampaign" ADD CONSTRAINT "ReviewCampaign_definitionId_fkey" FOREIGN KEY ("definitionId") REFERENCES "ReviewDefinition"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewItem" ADD CONSTRAINT "ReviewItem_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "ReviewCampaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewItem" ADD CONSTRAINT "ReviewItem_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewDecision" ADD CONSTRAINT "ReviewDecision_itemId_campaignId_fkey" FOREIGN KEY ("itemId", "campaignId") REFERENCES "ReviewItem"("id", "campaignId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewDecision" ADD CONSTRAINT "ReviewDecision_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "ReviewCampaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewReminder" ADD CONSTRAINT "ReviewReminder_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "ReviewCampaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsageCheck" ADD CONSTRAINT "UsageCheck_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- What must never happen in an access review, refused by the database itself (docs/reviews.md).
-- ---------------------------------------------------------------------------

ALTER TABLE "ReviewDefinition" ADD CONSTRAINT "ReviewDefinition_name_present" CHECK (length(btrim(name)) > 0);
ALTER TABLE "ReviewDefinition" ADD CONSTRAINT "ReviewDefinition_scope_value" CHECK ((scope = 'ALL') = ("scopeValue" IS NULL));
-- a campaign ends before the next one of the same review starts
ALTER TABLE "ReviewDefinition" ADD CONSTRAINT "ReviewDefinition_days" CHECK (
  "durationDays" BETWEEN 1 AND 365 AND ("recurrenceDays" IS NULL OR "recurrenceDays" BETWEEN "durationDays" AND 3650)
);

ALTER TABLE "ReviewCampaign" ADD CONSTRAINT "ReviewCampaign_times" CHECK ("startedAt" <= "escalateAt" AND "escalateAt" <= "deadlineAt" AND "startedAt" < "deadlineAt");

-- A decision says why. A person's decision names the person; the policy decides only what a deadline outcome can.
ALTER TABLE "ReviewDecision" ADD CONSTRAINT "ReviewDecision_reason_present" CHECK (length(btrim(reason)) > 0);
ALTER TABLE "ReviewDecision" ADD CONSTRAINT "ReviewDecision_decider" CHECK (
  (NOT "byPolicy" AND "deciderId" IS NOT NULL AND "deciderName" IS NOT NULL) OR
  ("byPolicy" AND "deciderId" IS NULL AND "deciderName" IS NULL AND kind IN ('KEEP', 'REMOVE'))
);
ALTER TABLE "ReviewDecision" ADD CONSTRAINT "ReviewDecision_change_shape" CHECK (
  (kind = 'LOWER_ROLE') = ("newRoleId" IS NOT NULL) AND (kind = 'SHORTEN') = ("newEndsAt" IS NOT NULL)
);

-- Separation of duties and closed campaigns: nobody decides an item they are excluded from (a robot they requested)
-- or a grant to a group they belonged to when deciding, and nothing is decided once the campaign is closed.
CREATE FUNCTION berth_review_decision_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  item "ReviewItem"%ROWTYPE;
BEGIN
  SELECT * INTO item FROM "ReviewItem" WHERE id = NEW."itemId";
  IF NOT NEW."byPolicy" AND NEW."deciderId" = ANY(item."excludedIds") THEN
    RAISE EXCEPTION 'a reviewer cannot decide an item they are excluded from'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'review_decision_not_excluded';
  END IF;
  IF NOT NEW."byPolicy" AND item."subjectType" = 'GROUP' AND item."subjectName" = ANY(NEW."deciderGroups") THEN
    RAISE EXCEPTION 'a reviewer cannot certify access of a group they belong to'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'review_decision_not_member';
  END IF;
  IF EXISTS (SELECT 1 FROM "ReviewCampaign" c WHERE c.id = NEW."campaignId" AND c."closedAt" IS NOT NULL) THEN
    RAISE EXCEPTION 'the campaign is closed'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'review_decision_campaign_open';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER review_decision_guard BEFORE INSERT ON "ReviewDecision"
  FOR EACH ROW EXECUTE FUNCTION berth_review_decision_guard();

-- Decisions are evidence: never rewritten or removed.
CREATE FUNCTION berth_review_decision_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'review decisions are append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER review_decision_no_update BEFORE UPDATE OR DELETE ON "ReviewDecision"
  FOR EACH ROW EXECUTE FUNCTION berth_review_decision_append_only();

ALTER TABLE "ReviewReminder" ADD CONSTRAINT "ReviewReminder_kind" CHECK (kind IN ('start', 'halfway', 'two-days', 'escalation', 'kept-by-policy'));
ALTER TABLE "UsageCheck" ADD CONSTRAINT "UsageCheck_status" CHECK (status IS NULL OR status IN ('ok', 'logging-off', 'forbidden', 'project-not-found', 'unavailable'));

-- the fallback reviewers' items: routed, escalated, or in a campaign the approvers review
CREATE INDEX "ReviewItem_fallback_idx" ON "ReviewItem" ("campaignId") WHERE "routedAt" IS NOT NULL OR "escalatedAt" IS NOT NULL OR "reviewerGroup" IS NULL;
