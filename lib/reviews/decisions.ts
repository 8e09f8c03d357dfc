import "server-only";
import { appendAuditEvents } from "../audit/append";
import type { AuditContext, AuditEventInput, JsonValue } from "../audit/types";
import type { Principal } from "../authz/principal";
import { conflict, forbidden, invalid, notFound } from "../core/errors";
import { subjectKey, subjectLabel } from "../core/names";
import { exceeds, isRoleId, roleLabel } from "../core/roles";
import type { Tx } from "../db";
import type { Grant } from "../generated/prisma/client";
import { queueRemoval } from "../provisioning/enqueue";
import { sqlOf, type Queryable } from "../sql";
import { LONG_TRANSACTION, type ReviewDeps } from "./campaigns";
import { requestChange } from "./changes";
import { EVIDENCE_COLUMNS, EVIDENCE_JOINS, itemEvidence, type EvidenceColumns, type ItemEvidence } from "./evidence-read";
import type { DecideItemsInput, DecisionKind } from "./inputs";
import { reviewerStanding } from "./reviewers";

// Reviewers decide items: keep, keep with an earlier end, lower the role, remove — each with a reason, one by one or a
// selection at once. A selection is one transaction: every item is checked before anything is written, and any
// refusal leaves every item as it was. Removals go through provisioning's queueRemoval (REVOKE, the reviewer as
// actor); a lower role or an earlier end becomes an approved request (ADR 015).

interface LockedItem extends EvidenceColumns {
  id: string;
  campaignId: string;
  campaignNumber: number;
  campaignName: string;
  closedAt: Date | null;
  decided: boolean;
  grantId: string;
  projectName: string;
  subjectType: "GROUP" | "ROBOT";
  subjectName: string;
  harborRobotName: string | null;
  grantStartsAt: Date | null;
  reviewerGroup: string | null;
  routedAt: Date | null;
  escalatedAt: Date | null;
  excludedIds: string[];
}

export interface DecideOutcome {
  decided: number;
  /** Removal jobs queued. */
  removals: number;
  /** Change requests (lower role, earlier end) approved and queued. */
  changes: { requestId: string; requestNumber: number }[];
}

/** Locks the items (and reads their campaign, decision and evidence) in id order, so racing deciders queue up. */
async function lockItems(q: Queryable, ids: string[]): Promise<LockedItem[]> {
  const { rows } = await q.query<LockedItem>(
    `SELECT i.id, i."campaignId", c.number AS "campaignNumber", c.name AS "campaignName", c."closedAt", (d."itemId" IS NOT NULL) AS decided,
       i."grantId", i."projectName", i."subjectType"::text AS "subjectType", i."subjectName", i."harborRobotName", i."grantStartsAt",
       i."reviewerGroup", i."routedAt", i."escalatedAt", i."excludedIds", ${EVIDENCE_COLUMNS}
     FROM "ReviewItem" i
     JOIN "ReviewCampaign" c ON c.id = i."campaignId"
     LEFT JOIN "ReviewDecision" d ON d."itemId" = i.id
     ${EVIDENCE_JOINS}
     WHERE i.id = ANY($1::uuid[])
     ORDER BY i.id
     FOR UPDATE OF i`,
    [ids],
  );
  return rows;
}

/** Locks the grants in id order (the order every review transaction takes them in, so two never deadlock). */
export async function lockGrants(q: Queryable, ids: string[]): Promise<Map<string, Grant>> {
  const { rows } = await q.query<Grant>(`SELECT * FROM "Grant" WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
  return new Map(rows.map((g) => [g.id, g]));
}

const label = (item: Pick<LockedItem, "subjectType" | "subjectName" | "projectName" | "harborRobotName">) => `${subjectLabel(item)} in ${item.projectName}`;

/** Every refusal before anything is written: a selection is decided whole or not at all. */
function check(principal: Principal, input: DecideItemsInput, items: LockedItem[], grants: Map<string, Grant>, now: Date): void {
  if (items.length !== input.itemIds.length) throw notFound(input.itemIds.length === 1 ? "That review item" : "One of the selected review items");
  for (const item of items) {
    const standing = reviewerStanding(principal, item);
    // an item that is not theirs reads like one that does not exist
    if (!standing.may && standing.why === "not-reviewer") throw notFound(items.length === 1 ? "That review item" : "One of the selected review items");
    if (!standing.may) throw forbidden(`${label(item)}: ${standing.message}`);
    if (item.closedAt) throw conflict(`Campaign #${item.campaignNumber} is closed: ${label(item)} can no longer be decided.`);
    if (item.decided) throw conflict(`${label(item)} was already decided. Reload to see the decision.`);
    const grant = grants.get(item.grantId);
    if (!grant || grant.state !== "ACTIVE") throw conflict(`${label(item)} no longer has this access (${grant?.state.toLowerCase() ?? "gone"}): nothing to decide.`);
    if (input.decision === "LOWER_ROLE") {
      if (grant.subjectType !== "GROUP" || grant.roleId === null || !isRoleId(grant.roleId)) throw invalid(`${label(item)} is a robot: it has permissions, not a role. Remove it or give it an earlier end.`, { decision: ["Only a group's role can be lowered."] });
      if (!exceeds(grant.roleId, input.newRoleId!)) throw invalid(`${label(item)} is ${roleLabel(grant.roleId)}: choose a role below it.`, { newRoleId: [`Choose a role below ${roleLabel(grant.roleId)}.`] });
    }
    if (input.decision === "SHORTEN") {
      const end = input.newEndsAt!;
      if (end.getTime() <= now.getTime()) throw invalid("The new end date has passed: remove the access instead.", { newEndsAt: ["Choose a date in the future."] });
      if (grant.endsAt && end.getTime() >= grant.endsAt.getTime()) throw invalid(`${label(item)} already ends on ${grant.endsAt.toISOString().slice(0, 10)}: choose an earlier date.`, { newEndsAt: [`Choose a date before ${grant.endsAt.toISOString().slice(0, 10)}.`] });
    }
  }
}

/** What the decision keeps as evidence, and puts in the trail: the usage and drift the decider was shown. */
export function evidenceRecord(e: ItemEvidence): JsonValue {
  return { usage: e.usage as unknown as JsonValue, drift: e.drift as unknown as JsonValue, suggestion: e.suggestion as unknown as JsonValue };
}

interface DecisionRow {
  itemId: string;
  campaignId: string;
  kind: DecisionKind;
  reason: string;
  byPolicy: boolean;
  deciderId: string | null;
  deciderName: string | null;
  deciderGroups: string[];
  decidedAt: Date;
  newRoleId: number | null;
  newEndsAt: Date | null;
  requestId: string | null;
  jobId: string | null;
  evidence: JsonValue;
}

/** All decisions in one INSERT (a selection of 1000 is one statement). */
export async function insertDecisions(q: Queryable, rows: DecisionRow[]): Promise<void> {
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO "ReviewDecision" ("itemId", "campaignId", kind, reason, "byPolicy", "deciderId", "deciderName", "deciderGroups", "decidedAt", "newRoleId", "newEndsAt", "requestId", "jobId", evidence)
     SELECT t."itemId", t."campaignId", t.kind::"ReviewDecisionKind", t.reason, t."byPolicy", t."deciderId", t."deciderName",
       coalesce(ARRAY(SELECT jsonb_array_elements_text(t."deciderGroups")), ARRAY[]::text[]), t."decidedAt", t."newRoleId", t."newEndsAt", t."requestId", t."jobId", t.evidence
     FROM jsonb_to_recordset($1::jsonb) AS t("itemId" uuid, "campaignId" uuid, kind text, reason text, "byPolicy" boolean, "deciderId" text, "deciderName" text,
       "deciderGroups" jsonb, "decidedAt" timestamptz, "newRoleId" int, "newEndsAt" timestamptz, "requestId" uuid, "jobId" uuid, evidence jsonb)`,
    [JSON.stringify(rows)],
  );
}

/** One append per thousand events: a statement takes at most 65,535 parameters (20 per event). */
export async function appendInChunks(tx: Tx, audit: AuditContext, events: AuditEventInput[]): Promise<void> {
  for (let i = 0; i < events.length; i += 1000) await appendAuditEvents(tx, audit, events.slice(i, i + 1000));
}

/** The decision as the grant's own audit event: it shows on the grant's timeline and in the auditor's views. */
export function reviewedEvent(
  grant: Pick<Grant, "id" | "projectName" | "subjectType" | "subjectName" | "requestId">,
  d: { campaignId: string; campaignNumber: number; itemId: string; kind: DecisionKind; reason: string; byPolicy: boolean; decider: { id: string; name: string } | null; newRoleId: number | null; newEndsAt: Date | null; evidence: JsonValue },
): AuditEventInput {
  return {
    action: "grant.reviewed",
    objectType: "grant",
    objectId: grant.id,
    projectName: grant.projectName,
    subject: subjectKey(grant.subjectType, grant.subjectName),
    requestId: grant.requestId,
    after: {
      campaignId: d.campaignId,
      campaignNumber: d.campaignNumber,
      itemId: d.itemId,
      decision: d.kind,
      reason: d.reason,
      byPolicy: d.byPolicy,
      decider: d.decider,
      newRoleId: d.newRoleId,
      newEndsAt: d.newEndsAt?.toISOString() ?? null,
      evidence: d.evidence,
    },
  };
}

/**
 * A reviewer decides one item or a selection. Checks, per item: the principal is a reviewer of it (rule of
 * reviewers.ts, on this call's groups), it is undecided, its campaign open and its grant still active; then writes.
 */
export async function decideItems(deps: ReviewDeps, principal: Principal, input: DecideItemsInput, audit: AuditContext): Promise<DecideOutcome> {
  const { now } = deps;
  return deps.db.$transaction(async (tx: Tx) => {
    const q = sqlOf(tx);
    const items = await lockItems(q, input.itemIds);
    const grants = await lockGrants(q, items.map((i) => i.grantId));
    check(principal, input, items, grants, now);
    const decider = { id: principal.id, name: principal.name };
    // every event of the selection, appended at the end: the chain head is locked only from then to the commit
    const events: AuditEventInput[] = [];
    const rows: DecisionRow[] = [];
    const outcome: DecideOutcome = { decided: items.length, removals: 0, changes: [] };
    for (const item of items) {
      const grant = grants.get(item.grantId)!;
      const evidence = evidenceRecord(itemEvidence(item, deps.config, now));
      const newRoleId = input.decision === "LOWER_ROLE" ? input.newRoleId! : null;
      const newEndsAt = input.decision === "SHORTEN" ? input.newEndsAt! : null;
      const reviewed = reviewedEvent(grant, { campaignId: item.campaignId, campaignNumber: item.campaignNumber, itemId: item.id, kind: input.decision, reason: input.reason, byPolicy: false, decider, newRoleId, newEndsAt, evidence });
      let requestId: string | null = null;
      let jobId: string | null = null;
      if (input.decision === "KEEP") events.push(reviewed);
      else if (input.decision === "REMOVE") {
        ({ jobId } = await queueRemoval(tx, grant, audit, "REVOKE", `Access review #${item.campaignNumber}: ${input.reason}`, { events: [reviewed], collect: events }));
        outcome.removals += 1;
      } else {
        const change = await requestChange(tx, grant, { kind: input.decision, newRoleId: newRoleId ?? undefined, newEndsAt: newEndsAt ?? undefined }, {
          campaign: { id: item.campaignId, number: item.campaignNumber, name: item.campaignName },
          itemId: item.id,
          reviewer: principal,
          reason: input.reason,
          now,
          audit,
          events: [reviewed],
          collect: events,
        });
        ({ requestId, jobId } = change);
        outcome.changes.push({ requestId: change.requestId, requestNumber: change.requestNumber });
      }
      rows.push({ itemId: item.id, campaignId: item.campaignId, kind: input.decision, reason: input.reason, byPolicy: false, deciderId: principal.id, deciderName: principal.name, deciderGroups: principal.groups, decidedAt: now, newRoleId, newEndsAt, requestId, jobId, evidence });
    }
    await insertDecisions(q, rows);
    await appendInChunks(tx, audit, events);
    return outcome;
  }, LONG_TRANSACTION);
}

