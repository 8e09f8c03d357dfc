import "server-only";
import { appendAuditEvents } from "../audit/append";
import { SYSTEM_CONTEXT, type AuditContext } from "../audit/types";
import { can } from "../authz/permissions";
import type { Principal } from "../authz/principal";
import { conflict, forbidden, invalid, notFound } from "../core/errors";
import type { Db, Tx } from "../db";
import { sqlOf, type Queryable } from "../sql";
import type { ReviewConfig } from "./config";
import type { ReviewDefinitionInput } from "./inputs";
import { campaignTimes, DAY_MS, globToLike, nextStartAfter } from "./timing";

// Defining a review and starting its campaigns: by hand, or by the scheduler when a definition's next start has
// come (one campaign per schedule instant, whatever the number of schedulers). A campaign's items are a snapshot of
// the grants in scope, taken by one INSERT … SELECT: a grant made after that statement is not in it.

/** Long enough for a snapshot of tens of thousands of grants, or a selection of 1000 decisions with a job each (Prisma's default is 5 s). */
export const LONG_TRANSACTION = { timeout: 120_000, maxWait: 10_000 } as const;

export interface ReviewDeps {
  db: Db;
  config: ReviewConfig;
  now: Date;
}

interface DefinitionRow {
  id: string;
  name: string;
  scope: "ALL" | "PATTERN" | "PROJECT";
  scopeValue: string | null;
  subjects: "GROUPS" | "ROBOTS" | "BOTH";
  reviewers: "OWNER_TEAM_LEADS" | "APPROVERS";
  durationDays: number;
  recurrenceDays: number | null;
  deadlineOutcome: "REMOVE" | "KEEP_AND_ESCALATE";
  nextStartAt: Date | null;
}

export interface StartedCampaign {
  id: string;
  number: number;
  items: number;
  /** Items routed to the fallback reviewers at the start (separation of duties). */
  routed: number;
  deadlineAt: Date;
}

/** Who starts a campaign: a person, or the scheduler. */
interface Starter {
  id: string;
  name: string;
  audit: AuditContext;
}

const SCHEDULER: Starter = { id: "system:scheduler", name: "Berth's scheduler", audit: SYSTEM_CONTEXT.scheduler };

/**
 * The snapshot: every ACTIVE grant in scope of an ACTIVE project, except the owner group's own membership (it ends
 * only with the project), with the request and approvals behind it and who reviews it. Robots name their requester
 * as excluded; a robot whose requester belongs to the owner group goes to the fallback reviewers at once, saying why.
 */
const SNAPSHOT = `
WITH inserted AS (
  INSERT INTO "ReviewItem" (id, "campaignId", "grantId", "projectId", "projectName", "ownerGroup", "subjectType", "subjectName", "harborRobotName",
    "roleId", permissions, "grantStartsAt", "grantEndsAt", "requestId", "requestNumber", "requesterId", "requesterName", approvers,
    "reviewerGroup", "routedAt", "routedReason", "excludedIds")
  SELECT gen_random_uuid(), $1::uuid, g.id, p.id, p.name, p."ownerGroup", g."subjectType", g."subjectName", g."harborRobotName",
    g."roleId", g.permissions, g."startsAt", g."endsAt", r.id, r.number, r."requesterId", r."requesterName",
    coalesce((SELECT jsonb_agg(jsonb_build_object('id', a."approverId", 'name', a."approverName") ORDER BY a."createdAt", a."approverId")
              FROM "Approval" a WHERE a."requestId" = r.id AND a.decision = 'APPROVE'), '[]'::jsonb),
    CASE WHEN $2 = 'OWNER_TEAM_LEADS' THEN p."ownerGroup" END,
    CASE WHEN $2 = 'OWNER_TEAM_LEADS' AND g."subjectType" = 'ROBOT' AND p."ownerGroup" = ANY(r."requesterGroups") THEN $3::timestamptz END,
    CASE WHEN $2 = 'OWNER_TEAM_LEADS' AND g."subjectType" = 'ROBOT' AND p."ownerGroup" = ANY(r."requesterGroups")
      THEN r."requesterName" || ' asked for this robot and is a team lead of ' || p."ownerGroup" || '; nobody certifies a robot they requested, so the approvers review it.' END,
    CASE WHEN g."subjectType" = 'ROBOT' THEN ARRAY[r."requesterId"] ELSE ARRAY[]::text[] END
  FROM "Grant" g
  JOIN "Project" p ON p.id = g."projectId"
  JOIN "Request" r ON r.id = g."requestId"
  WHERE g.state = 'ACTIVE' AND p.state = 'ACTIVE'
    AND NOT (g."subjectType" = 'GROUP' AND g."subjectName" = p."ownerGroup")
    AND ($4 = 'BOTH' OR ($4 = 'GROUPS') = (g."subjectType" = 'GROUP'))
    AND ($5 = 'ALL' OR ($5 = 'PROJECT' AND p.name = $6) OR ($5 = 'PATTERN' AND p.name LIKE $6))
  RETURNING "routedAt"
)
SELECT count(*)::int AS items, count("routedAt")::int AS routed FROM inserted`;

/** Marks the campaign's projects for a fresh read of Harbor's audit log, ahead of the usage check's interval. */
async function wantUsage(q: Queryable, campaignId: string, now: Date) {
  await q.query(
    `INSERT INTO "UsageCheck" ("projectId", "projectName", "wantedAt")
     SELECT DISTINCT "projectId", "projectName", $2::timestamptz FROM "ReviewItem" WHERE "campaignId" = $1::uuid
     ON CONFLICT ("projectId") DO UPDATE SET "wantedAt" = EXCLUDED."wantedAt"`,
    [campaignId, now],
  );
}

/** Opens a campaign of `def` for the schedule instant `scheduledFor`, in the caller's transaction. */
async function openCampaign(tx: Tx, def: DefinitionRow, scheduledFor: Date, now: Date, starter: Starter): Promise<StartedCampaign> {
  const times = campaignTimes(now, def.durationDays);
  const campaign = await tx.reviewCampaign.create({
    data: {
      definitionId: def.id,
      scheduledFor,
      name: def.name,
      scope: def.scope,
      scopeValue: def.scopeValue,
      subjects: def.subjects,
      reviewers: def.reviewers,
      deadlineOutcome: def.deadlineOutcome,
      startedAt: now,
      escalateAt: times.escalateAt,
      deadlineAt: times.deadlineAt,
      startedBy: starter.id,
      startedByName: starter.name,
      itemCount: 0,
    },
  });
  const q = sqlOf(tx);
  const pattern = def.scope === "PATTERN" ? globToLike(def.scopeValue ?? "") : (def.scopeValue ?? "");
  const { rows } = await q.query<{ items: number; routed: number }>(SNAPSHOT, [campaign.id, def.reviewers, now, def.subjects, def.scope, pattern]);
  const { items, routed } = rows[0] ?? { items: 0, routed: 0 };
  await tx.reviewCampaign.update({ where: { id: campaign.id }, data: { itemCount: items } });
  await wantUsage(q, campaign.id, now);
  await appendAuditEvents(tx, starter.audit, [
    {
      action: "review.campaign.started",
      objectType: "review",
      objectId: campaign.id,
      projectName: def.scope === "PROJECT" ? def.scopeValue : null,
      after: {
        number: campaign.number,
        name: def.name,
        definitionId: def.id,
        scheduledFor: scheduledFor.toISOString(),
        scope: def.scope,
        scopeValue: def.scopeValue,
        subjects: def.subjects,
        reviewers: def.reviewers,
        deadlineOutcome: def.deadlineOutcome,
        escalateAt: times.escalateAt.toISOString(),
        deadlineAt: times.deadlineAt.toISOString(),
        items,
        routed,
        startedBy: { id: starter.id, name: starter.name },
      },
    },
  ]);
  return { id: campaign.id, number: campaign.number, items, routed, deadlineAt: times.deadlineAt };
}

async function lockDefinition(tx: Tx, id: string): Promise<DefinitionRow | null> {
  const rows = await tx.$queryRaw<DefinitionRow[]>`
    SELECT id, name, scope::text AS scope, "scopeValue", subjects::text AS subjects, reviewers::text AS reviewers, "durationDays", "recurrenceDays",
      "deadlineOutcome"::text AS "deadlineOutcome", "nextStartAt"
    FROM "ReviewDefinition" WHERE id = ${id}::uuid FOR UPDATE`;
  return rows[0] ?? null;
}

/**
 * An approver defines a review, and starts its first campaign now or schedules it. The form's omissions take the
 * configured defaults; a project scope must name a project Berth manages.
 */
export async function defineReview(deps: ReviewDeps, principal: Principal, input: ReviewDefinitionInput, audit: AuditContext): Promise<{ definitionId: string; campaign: StartedCampaign | null }> {
  if (!can(principal, "review:define")) throw forbidden("Only approvers define access reviews.");
  const { config, now } = deps;
  const durationDays = input.durationDays ?? config.durationDays;
  const recurrenceDays = input.recurrence === "once" ? null : (input.recurrenceDays ?? config.recurrenceDays);
  if (recurrenceDays !== null && recurrenceDays < durationDays) {
    throw invalid("A review must end before it starts again.", { recurrenceDays: [`Repeat every ${durationDays} days or more: each campaign runs ${durationDays} days.`] });
  }
  const startNow = (input.start ?? "now") === "now";
  if (!startNow && (!input.startAt || input.startAt.getTime() <= now.getTime())) throw invalid("The first start must be in the future.", { startAt: ["Give a time in the future, or start now."] });
  if (!startNow && input.startAt!.getTime() > now.getTime() + 366 * DAY_MS) throw invalid("The first start must be within a year.", { startAt: ["Give a time within the next year."] });
  const scopeValue = input.scope === "ALL" ? null : input.scopeValue!;
  if (input.scope === "PROJECT") {
    const project = await deps.db.project.findUnique({ where: { name: scopeValue! }, select: { state: true } });
    if (!project || project.state !== "ACTIVE") throw invalid(`Berth manages no active project ${scopeValue}.`, { scopeValue: [`Berth manages no active project ${scopeValue}.`] });
  }
  return deps.db.$transaction(async (tx) => {
    const definition = await tx.reviewDefinition.create({
      data: {
        name: input.name,
        scope: input.scope,
        scopeValue,
        subjects: input.subjects ?? "BOTH",
        reviewers: input.reviewers ?? "OWNER_TEAM_LEADS",
        durationDays,
        recurrenceDays,
        deadlineOutcome: input.deadlineOutcome ?? config.deadlineOutcome,
        nextStartAt: startNow ? nextStartAfter(now, recurrenceDays, now) : input.startAt!,
        createdById: principal.id,
        createdByName: principal.name,
      },
    });
    await appendAuditEvents(tx, audit, [
      {
        action: "review.defined",
        objectType: "review",
        objectId: definition.id,
        projectName: input.scope === "PROJECT" ? scopeValue : null,
        after: {
          name: definition.name,
          scope: definition.scope,
          scopeValue,
          subjects: definition.subjects,
          reviewers: definition.reviewers,
          durationDays,
          recurrenceDays,
          deadlineOutcome: definition.deadlineOutcome,
          nextStartAt: definition.nextStartAt?.toISOString() ?? null,
        },
      },
    ]);
    if (!startNow) return { definitionId: definition.id, campaign: null };
    const row = await lockDefinition(tx, definition.id);
    const campaign = await openCampaign(tx, row!, now, now, { id: principal.id, name: principal.name, audit });
    return { definitionId: definition.id, campaign };
  }, LONG_TRANSACTION);
}

/** An approver runs a defined review now, outside its schedule (the schedule stays as it was). */
export async function startReviewNow(deps: ReviewDeps, principal: Principal, definitionId: string, audit: AuditContext): Promise<StartedCampaign> {
  if (!can(principal, "review:define")) throw forbidden("Only approvers start access reviews.");
  return deps.db.$transaction(async (tx) => {
    const def = await lockDefinition(tx, definitionId);
    if (!def) throw notFound("That review");
    const open = await tx.reviewCampaign.findFirst({ where: { definitionId, closedAt: null }, select: { number: true } });
    if (open) throw conflict(`Campaign #${open.number} of this review is still running; it must end before the review starts again.`);
    return openCampaign(tx, def, deps.now, deps.now, { id: principal.id, name: principal.name, audit });
  }, LONG_TRANSACTION);
}

/** An approver stops a review's schedule; campaigns already running go on to their deadline. */
export async function stopReviewSchedule(deps: ReviewDeps, principal: Principal, definitionId: string, audit: AuditContext): Promise<{ stopped: boolean }> {
  if (!can(principal, "review:define")) throw forbidden("Only approvers change access reviews.");
  return deps.db.$transaction(async (tx) => {
    const def = await lockDefinition(tx, definitionId);
    if (!def) throw notFound("That review");
    if (def.nextStartAt === null) return { stopped: false };
    await tx.reviewDefinition.update({ where: { id: definitionId }, data: { nextStartAt: null } });
    await appendAuditEvents(tx, audit, [
      { action: "review.schedule.stopped", objectType: "review", objectId: definitionId, before: { nextStartAt: def.nextStartAt.toISOString() }, after: { nextStartAt: null } },
    ]);
    return { stopped: true };
  });
}

/**
 * The scheduler's part: starts a campaign for every definition whose next start has come. Each in its own
 * transaction that locks the definition with SKIP LOCKED, so parallel schedulers never take the same one; the
 * definition's next start moves on in the same transaction, and (definitionId, scheduledFor) is unique besides.
 */
export async function startDueCampaigns(db: Db, now: Date, max = 50): Promise<StartedCampaign[]> {
  const started: StartedCampaign[] = [];
  for (let i = 0; i < max; i++) {
    const campaign = await db.$transaction(async (tx) => {
      const [def] = await tx.$queryRaw<DefinitionRow[]>`
        SELECT id, name, scope::text AS scope, "scopeValue", subjects::text AS subjects, reviewers::text AS reviewers, "durationDays", "recurrenceDays",
          "deadlineOutcome"::text AS "deadlineOutcome", "nextStartAt"
        FROM "ReviewDefinition" WHERE "nextStartAt" <= ${now}
        ORDER BY "nextStartAt", id LIMIT 1
        FOR UPDATE SKIP LOCKED`;
      if (!def || !def.nextStartAt) return null;
      const opened = await openCampaign(tx, def, def.nextStartAt, now, SCHEDULER);
      await tx.reviewDefinition.update({ where: { id: def.id }, data: { nextStartAt: nextStartAfter(def.nextStartAt, def.recurrenceDays, now) } });
      return opened;
    }, LONG_TRANSACTION);
    if (!campaign) break;
    started.push(campaign);
  }
  return started;
}

/**
 * End-to-end tests only (BERTH_E2E_CONTROLS, allowed on the demo stack alone): the deadline becomes now, so the
 * scheduler applies the outcome on its next pass. Recorded like any other change.
 */
export async function moveDeadlineForTest(deps: ReviewDeps, principal: Principal, campaignId: string, audit: AuditContext): Promise<{ deadlineAt: Date }> {
  if (!deps.config.e2eControls) throw notFound("That page");
  if (!can(principal, "review:define")) throw forbidden("Only approvers may move a review's deadline.");
  return deps.db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ deadlineAt: Date; escalateAt: Date; startedAt: Date; closedAt: Date | null }[]>`
      SELECT "deadlineAt", "escalateAt", "startedAt", "closedAt" FROM "ReviewCampaign" WHERE id = ${campaignId}::uuid FOR UPDATE`;
    const c = rows[0];
    if (!c) throw notFound("That campaign");
    if (c.closedAt) throw conflict("That campaign is closed.");
    const deadlineAt = new Date(Math.max(deps.now.getTime(), c.startedAt.getTime() + 1));
    const escalateAt = c.escalateAt < deadlineAt ? c.escalateAt : deadlineAt;
    await tx.reviewCampaign.update({ where: { id: campaignId }, data: { deadlineAt, escalateAt } });
    await appendAuditEvents(tx, audit, [
      { action: "review.campaign.deadline_moved", objectType: "review", objectId: campaignId, before: { deadlineAt: c.deadlineAt.toISOString() }, after: { deadlineAt: deadlineAt.toISOString(), by: "end-to-end test control" } },
    ]);
    return { deadlineAt };
  });
}
