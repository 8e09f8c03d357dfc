import "server-only";
import { appendAuditEvents } from "../audit/append";
import { SYSTEM_CONTEXT, type AuditEventInput } from "../audit/types";
import type { Db, Tx } from "../db";
import { queueRemoval } from "../provisioning/enqueue";
import { silentLogger, type Logger } from "../log";
import { sqlOf, type Queryable } from "../sql";
import { LONG_TRANSACTION, startDueCampaigns, type StartedCampaign } from "./campaigns";
import type { ReviewConfig } from "./config";
import { appendInChunks, evidenceRecord, insertDecisions, lockGrants, reviewedEvent } from "./decisions";
import { EVIDENCE_COLUMNS, EVIDENCE_JOINS, itemEvidence, type EvidenceColumns } from "./evidence-read";
import { dueReminder, timesBetween } from "./timing";

// The scheduler's review pass: starts campaigns whose time has come, sends the in-app reminders (start, halfway,
// two days before the deadline), escalates what is still undecided at the last call to the fallback reviewers, and
// at the deadline applies the campaign's outcome to every undecided item as a decision by policy (actor
// system:scheduler). Every step is safe with several schedulers: reminders are unique per campaign, kind and
// audience; escalation and deadlines lock the campaign with SKIP LOCKED.

/** Items the deadline pass decides per transaction. */
const DEADLINE_BATCH = 100;

export interface ReviewPassDeps {
  db: Db;
  config: ReviewConfig;
  clock?: () => Date;
  log?: Logger;
}

export interface ReviewPass {
  started: StartedCampaign[];
  /** Reminder rows written (one per campaign, kind and audience). */
  reminders: number;
  /** Items escalated to the fallback reviewers. */
  escalated: number;
  /** Items decided by policy at a deadline. */
  decidedByPolicy: number;
  /** Campaigns closed (every item decided). */
  closed: string[];
}

interface OpenCampaign {
  id: string;
  number: number;
  name: string;
  startedAt: Date;
  escalateAt: Date;
  deadlineAt: Date;
  escalatedAt: Date | null;
  deadlineOutcome: "REMOVE" | "KEEP_AND_ESCALATE";
}

const CAMPAIGN_COLUMNS = `id, number, name, "startedAt", "escalateAt", "deadlineAt", "escalatedAt", "deadlineOutcome"::text AS "deadlineOutcome"`;

/** Who each reminder is for: the team leads of each owner group with undecided items, and the approvers for theirs. */
const AUDIENCES = `
  SELECT 'group:' || i."reviewerGroup" AS audience, count(*)::int AS n
  FROM "ReviewItem" i WHERE i."campaignId" = $1::uuid AND i."reviewerGroup" IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM "ReviewDecision" d WHERE d."itemId" = i.id)
  GROUP BY i."reviewerGroup"
  UNION ALL
  SELECT 'approvers', count(*)::int FROM "ReviewItem" i WHERE i."campaignId" = $1::uuid
    AND (i."reviewerGroup" IS NULL OR i."routedAt" IS NOT NULL OR i."escalatedAt" IS NOT NULL)
    AND NOT EXISTS (SELECT 1 FROM "ReviewDecision" d WHERE d."itemId" = i.id)
  HAVING count(*) > 0`;

async function remind(tx: Tx, c: OpenCampaign, kind: string, audiences: string, now: Date): Promise<number> {
  const q = sqlOf(tx);
  const { rows } = await q.query<{ audience: string; openItems: number }>(
    `INSERT INTO "ReviewReminder" (id, "campaignId", kind, audience, "openItems", "dueAt", "createdAt")
     SELECT gen_random_uuid(), $1::uuid, $2, a.audience, a.n, $3::timestamptz, $4::timestamptz FROM (${audiences}) a
     ON CONFLICT ("campaignId", kind, audience) DO NOTHING
     RETURNING audience, "openItems"`,
    [c.id, kind, c.deadlineAt, now],
  );
  if (rows.length === 0) return 0;
  await appendAuditEvents(
    tx,
    SYSTEM_CONTEXT.scheduler,
    rows.map((r) => ({
      action: "review.reminder.sent",
      objectType: "review" as const,
      objectId: c.id,
      after: { campaignNumber: c.number, campaignName: c.name, kind, audience: r.audience, openItems: r.openItems, dueAt: c.deadlineAt.toISOString() },
    })),
  );
  return rows.length;
}

/** The reminder each open campaign is due (at most one kind per campaign and pass), once per audience. */
export async function sendReminders(db: Db, now: Date): Promise<number> {
  const campaigns = await db.$queryRawUnsafe<OpenCampaign[]>(`SELECT ${CAMPAIGN_COLUMNS} FROM "ReviewCampaign" WHERE "closedAt" IS NULL AND "deadlineAt" > $1 AND "startedAt" <= $1`, now);
  let sent = 0;
  for (const c of campaigns) {
    const kind = dueReminder(timesBetween(c.startedAt, c.deadlineAt), now);
    if (!kind) continue;
    sent += await db.$transaction((tx) => remind(tx, c, kind, AUDIENCES, now));
  }
  return sent;
}

/** At a campaign's escalation instant, what is still undecided may be decided by the fallback reviewers too. */
export async function escalateOverdue(db: Db, now: Date): Promise<number> {
  const due = await db.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM "ReviewCampaign" WHERE "closedAt" IS NULL AND "escalatedAt" IS NULL AND "escalateAt" <= $1`, now);
  let escalated = 0;
  for (const { id } of due) {
    escalated += await db.$transaction(async (tx) => {
      const q = sqlOf(tx);
      const [c] = (await q.query<OpenCampaign>(`SELECT ${CAMPAIGN_COLUMNS} FROM "ReviewCampaign" WHERE id = $1::uuid AND "escalatedAt" IS NULL AND "closedAt" IS NULL FOR UPDATE SKIP LOCKED`, [id])).rows;
      if (!c) return 0;
      const { rows } = await q.query<{ reviewerGroup: string | null }>(
        `UPDATE "ReviewItem" i SET "escalatedAt" = $2 WHERE i."campaignId" = $1::uuid AND i."escalatedAt" IS NULL
           AND NOT EXISTS (SELECT 1 FROM "ReviewDecision" d WHERE d."itemId" = i.id)
         RETURNING i."reviewerGroup"`,
        [c.id, now],
      );
      await q.query(`UPDATE "ReviewCampaign" SET "escalatedAt" = $2 WHERE id = $1::uuid`, [c.id, now]);
      const byGroup: Record<string, number> = {};
      for (const r of rows) byGroup[r.reviewerGroup ?? "(approvers)"] = (byGroup[r.reviewerGroup ?? "(approvers)"] ?? 0) + 1;
      await appendAuditEvents(tx, SYSTEM_CONTEXT.scheduler, [
        { action: "review.campaign.escalated", objectType: "review", objectId: c.id, after: { campaignNumber: c.number, items: rows.length, byReviewerGroup: byGroup, deadlineAt: c.deadlineAt.toISOString() } },
      ]);
      if (rows.length) await remind(tx, c, "escalation", `SELECT 'approvers' AS audience, ${rows.length}::int AS n`, now);
      return rows.length;
    });
  }
  return escalated;
}

interface UndecidedItem extends EvidenceColumns {
  id: string;
  grantId: string;
  projectName: string;
  subjectType: "GROUP" | "ROBOT";
  subjectName: string;
  harborRobotName: string | null;
  grantStartsAt: Date | null;
}

/** A grant queueRemoval would refuse for now: a role change in flight is about to take over its membership. */
async function successorInFlight(q: Queryable, grantId: string): Promise<boolean> {
  const { rows } = await q.query(
    `SELECT 1 FROM "Grant" n JOIN "ProvisioningJob" j ON j."grantId" = n.id WHERE n."supersedesId" = $1::uuid AND n.state = 'PENDING' AND j.state IN ('QUEUED', 'RUNNING') LIMIT 1`,
    [grantId],
  );
  return rows.length > 0;
}

async function openRemovalJob(q: Queryable, grantId: string): Promise<string | null> {
  const { rows } = await q.query<{ id: string }>(`SELECT id FROM "ProvisioningJob" WHERE "grantId" = $1::uuid AND kind IN ('EXPIRE', 'REVOKE') AND state IN ('QUEUED', 'RUNNING') LIMIT 1`, [grantId]);
  return rows[0]?.id ?? null;
}

/**
 * One batch of a campaign past its deadline: its undecided items get the outcome as a decision by policy. Returns
 * how many were decided, and whether the campaign closed; null when another scheduler holds the campaign.
 */
async function deadlineBatch(db: Db, config: ReviewConfig, campaignId: string, now: Date): Promise<{ decided: number; deferred: number; closed: boolean } | null> {
  return db.$transaction(async (tx) => {
    const q = sqlOf(tx);
    const [c] = (await q.query<OpenCampaign>(`SELECT ${CAMPAIGN_COLUMNS} FROM "ReviewCampaign" WHERE id = $1::uuid AND "closedAt" IS NULL AND "deadlineAt" <= $2 FOR UPDATE SKIP LOCKED`, [campaignId, now])).rows;
    if (!c) return null;
    const { rows: items } = await q.query<UndecidedItem>(
      `SELECT i.id, i."grantId", i."projectName", i."subjectType"::text AS "subjectType", i."subjectName", i."harborRobotName", i."grantStartsAt", ${EVIDENCE_COLUMNS}
       FROM "ReviewItem" i ${EVIDENCE_JOINS}
       WHERE i."campaignId" = $1::uuid AND NOT EXISTS (SELECT 1 FROM "ReviewDecision" d WHERE d."itemId" = i.id)
       ORDER BY i.id LIMIT ${DEADLINE_BATCH}`,
      [c.id],
    );
    if (items.length === 0) {
      const { rows } = await q.query<{ kind: string; byPolicy: boolean; n: number }>(
        `SELECT kind::text AS kind, "byPolicy", count(*)::int AS n FROM "ReviewDecision" WHERE "campaignId" = $1::uuid GROUP BY 1, 2 ORDER BY 1, 2`,
        [c.id],
      );
      await q.query(`UPDATE "ReviewCampaign" SET "closedAt" = $2 WHERE id = $1::uuid`, [c.id, now]);
      const keptByPolicy = rows.find((r) => r.kind === "KEEP" && r.byPolicy)?.n ?? 0;
      if (keptByPolicy) await remind(tx, c, "kept-by-policy", `SELECT 'approvers' AS audience, ${keptByPolicy}::int AS n`, now);
      await appendAuditEvents(tx, SYSTEM_CONTEXT.scheduler, [
        { action: "review.campaign.closed", objectType: "review", objectId: c.id, after: { campaignNumber: c.number, deadlineOutcome: c.deadlineOutcome, decisions: rows.map((r) => ({ kind: r.kind, byPolicy: r.byPolicy, count: r.n })) } },
      ]);
      return { decided: 0, deferred: 0, closed: true };
    }
    const grants = await lockGrants(q, items.map((i) => i.grantId));
    const events: AuditEventInput[] = [];
    const decisions: Parameters<typeof insertDecisions>[1] = [];
    let deferred = 0;
    for (const item of items) {
      const grant = grants.get(item.grantId)!;
      const evidence = evidenceRecord(itemEvidence(item, config, now));
      const active = grant.state === "ACTIVE";
      let kind: "KEEP" | "REMOVE" = c.deadlineOutcome === "REMOVE" ? "REMOVE" : "KEEP";
      let reason: string;
      let jobId: string | null = null;
      if (!active) {
        kind = "REMOVE";
        reason = `Undecided at the deadline of access review #${c.number}; the access had already ended (${grant.state.toLowerCase()}), so nothing was left to remove.`;
      } else if (kind === "KEEP") {
        reason = `Undecided at the deadline of access review #${c.number}: kept by the review's policy and escalated to the approvers.`;
      } else {
        reason = `Undecided at the deadline of access review #${c.number}: removed by the review's policy.`;
        jobId = await openRemovalJob(q, grant.id);
        if (jobId) reason = `Undecided at the deadline of access review #${c.number}; the access was already being removed from Harbor.`;
        else if (await successorInFlight(q, grant.id)) {
          // a role change is about to take over the membership: decide on the next pass, once it is done
          deferred += 1;
          continue;
        }
      }
      const reviewed = reviewedEvent(grant, { campaignId: c.id, campaignNumber: c.number, itemId: item.id, kind, reason, byPolicy: true, decider: null, newRoleId: null, newEndsAt: null, evidence });
      if (kind === "REMOVE" && active && !jobId) {
        ({ jobId } = await queueRemoval(tx, grant, SYSTEM_CONTEXT.scheduler, "REVOKE", reason, { events: [reviewed], collect: events }));
      } else events.push(reviewed);
      decisions.push({ itemId: item.id, campaignId: c.id, kind, reason, byPolicy: true, deciderId: null, deciderName: null, deciderGroups: [], decidedAt: now, newRoleId: null, newEndsAt: null, requestId: null, jobId, evidence });
    }
    await insertDecisions(q, decisions);
    if (c.deadlineOutcome === "KEEP_AND_ESCALATE" && decisions.length) {
      await q.query(`UPDATE "ReviewItem" SET "escalatedAt" = coalesce("escalatedAt", $2) WHERE id = ANY($1::uuid[])`, [decisions.map((d) => d.itemId), now]);
    }
    await appendInChunks(tx, SYSTEM_CONTEXT.scheduler, events);
    return { decided: decisions.length, deferred, closed: false };
  }, LONG_TRANSACTION);
}

/** Applies the outcome of every campaign past its deadline and closes the campaigns with nothing left undecided. */
export async function applyDeadlines(db: Db, config: ReviewConfig, now: Date): Promise<{ decided: number; closed: string[] }> {
  const due = await db.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM "ReviewCampaign" WHERE "closedAt" IS NULL AND "deadlineAt" <= $1 ORDER BY "deadlineAt"`, now);
  let decided = 0;
  const closed: string[] = [];
  for (const { id } of due) {
    for (;;) {
      const batch = await deadlineBatch(db, config, id, now);
      if (!batch) break;
      decided += batch.decided;
      if (batch.closed) closed.push(id);
      // what is left waits for a role change in flight: the next pass comes back to it
      if (batch.closed || batch.decided === 0) break;
    }
  }
  return { decided, closed };
}

/** One review pass of the scheduler. */
export async function runReviewPass(deps: ReviewPassDeps): Promise<ReviewPass> {
  const now = (deps.clock ?? (() => new Date()))();
  const started = await startDueCampaigns(deps.db, now);
  const reminders = await sendReminders(deps.db, now);
  const escalated = await escalateOverdue(deps.db, now);
  const { decided, closed } = await applyDeadlines(deps.db, deps.config, now);
  const pass = { started, reminders, escalated, decidedByPolicy: decided, closed };
  if (started.length || escalated || decided || closed.length) {
    (deps.log ?? silentLogger).info("review pass", { started: started.length, reminders, escalated, decidedByPolicy: decided, closed: closed.length });
  }
  return pass;
}
