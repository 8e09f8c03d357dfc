import "server-only";
import { z } from "zod";
import { hiddenCharacter, plainText } from "../core/validation";
import { appendAuditEvents } from "../audit/append";
import { likeContains } from "../audit/sql";
import type { AuditContext } from "../audit/types";
import { can } from "../authz/permissions";
import type { Principal } from "../authz/principal";
import { emptyAsUnset } from "../core/settings";
import { subjectKey } from "../core/names";
import type { Db } from "../db";
import { Prisma } from "../generated/prisma/client";
import type { Queryable } from "../sql";
import type { ReviewConfig } from "./config";
import { EVIDENCE_COLUMNS, EVIDENCE_JOINS, itemEvidence, type EvidenceColumns, type ItemEvidence } from "./evidence-read";
import { reviewerStanding, type ReviewerStanding } from "./reviewers";

// What the reviewer's page shows, read in one statement over the stored evidence (no Harbor call), and the rule of
// reviewers.ts written as SQL so the list holds exactly the items the server would let this person decide, plus the
// ones that would be theirs but for separation of duties (shown with the reason, not selectable).

/** A SQL text with its parameters, exactly as sent (the benchmark replays it through raw pg). */
export interface SqlQuery {
  text: string;
  values: unknown[];
}

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyAsUnset, schema.optional());

export const inboxFiltersSchema = z.object({
  campaign: optional(z.uuid("Unknown campaign.")),
  project: optional(plainText("Project", { max: 255 })),
  type: optional(z.enum(["GROUP", "ROBOT"], { error: "Choose groups or robots." })),
  status: optional(z.enum(["open", "decided", "all"], { error: "Choose open, decided or all." })),
  cursor: optional(z.string().max(1000)),
});
export type InboxFilters = z.infer<typeof inboxFiltersSchema>;

export const INBOX_PAGE = 100;

/** The reviewer's standing as SQL over `i`: owner (team lead of the reviewer group) or fallback (approvers). */
function reviewerCondition(principal: Principal, add: (v: unknown) => string): string {
  const owner = can(principal, "review:decide");
  const fallback = can(principal, "review:decide-fallback");
  const parts: string[] = [];
  if (owner) parts.push(`i."reviewerGroup" = ANY(${add(principal.groups)}::text[])`);
  if (fallback) parts.push(`(i."reviewerGroup" IS NULL OR i."routedAt" IS NOT NULL OR i."escalatedAt" IS NOT NULL)`);
  return parts.length ? `(${parts.join(" OR ")})` : "false";
}

/** Separation of duties as SQL: excluded people and members of the reviewed group may not decide. */
function blockedCondition(principal: Principal, add: (v: unknown) => string): string {
  return `(${add(principal.id)} = ANY(i."excludedIds") OR (i."subjectType" = 'GROUP' AND i."subjectName" = ANY(${add(principal.groups)}::text[])))`;
}

interface Cursor {
  p: string;
  s: string;
  id: string;
}

function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Cursor;
    // a hand-made cursor with NUL would be refused by PostgreSQL: it is ignored like any other unreadable one
    return typeof c.p === "string" && typeof c.s === "string" && !hiddenCharacter(c.p) && !hiddenCharacter(c.s) && z.uuid().safeParse(c.id).success ? c : null;
  } catch {
    return null;
  }
}

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c), "utf8").toString("base64url");

/** The reviewer page's statement: the principal's items of open campaigns, with grant, decision and evidence. */
export function inboxQuery(principal: Principal, filters: InboxFilters, limit = INBOX_PAGE): SqlQuery {
  const values: unknown[] = [];
  const add = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const where = [`c."closedAt" IS NULL`, reviewerCondition(principal, add)];
  const status = filters.status ?? "open";
  if (status === "open") where.push(`d."itemId" IS NULL`);
  if (status === "decided") where.push(`d."itemId" IS NOT NULL`);
  if (filters.campaign) where.push(`i."campaignId" = ${add(filters.campaign)}::uuid`);
  if (filters.type) where.push(`i."subjectType" = ${add(filters.type)}::"SubjectType"`);
  if (filters.project) where.push(`i."projectName" ILIKE ${add(likeContains(filters.project))}`);
  const cursor = decodeCursor(filters.cursor);
  if (cursor) where.push(`(i."projectName", i."subjectName", i.id) > (${add(cursor.p)}, ${add(cursor.s)}, ${add(cursor.id)}::uuid)`);
  // the page is chosen on narrow rows first (one index or a top-N sort of ids), then only its rows are joined wide
  const text = `
    WITH page AS MATERIALIZED (
      SELECT i.id, i."projectName", i."subjectName"
      FROM "ReviewItem" i
      JOIN "ReviewCampaign" c ON c.id = i."campaignId"
      LEFT JOIN "ReviewDecision" d ON d."itemId" = i.id
      WHERE ${where.join(" AND ")}
      ORDER BY i."projectName", i."subjectName", i.id
      LIMIT ${add(limit + 1)}
    )
    SELECT i.id, i."campaignId", c.number AS "campaignNumber", c.name AS "campaignName", c."deadlineAt", c."escalateAt",
      i."grantId", i."projectName", i."ownerGroup", i."subjectType"::text AS "subjectType", i."subjectName", i."harborRobotName", i."roleId", i.permissions,
      i."grantStartsAt", i."grantEndsAt", i."requestId", i."requestNumber", i."requesterName", i.approvers,
      i."reviewerGroup", i."routedAt", i."routedReason", i."excludedIds", i."escalatedAt",
      g.state::text AS "grantState", g."endsAt" AS "currentEndsAt", g."roleId" AS "currentRoleId",
      d.kind::text AS decision, d.reason AS "decisionReason", d."deciderName", d."decidedAt", d."byPolicy",
      ${blockedCondition(principal, add)} AS blocked,
      ${EVIDENCE_COLUMNS}
    FROM page
    JOIN "ReviewItem" i ON i.id = page.id
    JOIN "ReviewCampaign" c ON c.id = i."campaignId"
    JOIN "Grant" g ON g.id = i."grantId"
    LEFT JOIN "ReviewDecision" d ON d."itemId" = i.id
    ${EVIDENCE_JOINS}
    ORDER BY page."projectName", page."subjectName", page.id`;
  return { text, values };
}

export interface InboxRow extends EvidenceColumns {
  id: string;
  campaignId: string;
  campaignNumber: number;
  campaignName: string;
  deadlineAt: Date;
  escalateAt: Date;
  grantId: string;
  projectName: string;
  ownerGroup: string;
  subjectType: "GROUP" | "ROBOT";
  subjectName: string;
  harborRobotName: string | null;
  roleId: number | null;
  permissions: { resource: string; action: string }[] | null;
  grantStartsAt: Date | null;
  grantEndsAt: Date | null;
  requestId: string;
  requestNumber: number;
  requesterName: string;
  approvers: { id: string; name: string }[];
  reviewerGroup: string | null;
  routedAt: Date | null;
  routedReason: string | null;
  excludedIds: string[];
  escalatedAt: Date | null;
  grantState: string;
  currentEndsAt: Date | null;
  currentRoleId: number | null;
  decision: string | null;
  decisionReason: string | null;
  deciderName: string | null;
  decidedAt: Date | null;
  byPolicy: boolean | null;
  blocked: boolean;
}

export interface InboxItem extends InboxRow {
  standing: ReviewerStanding;
  evidence: ItemEvidence;
}

export interface Inbox {
  items: InboxItem[];
  nextCursor: string | null;
}

/** The reviewer page: their items (open by default), each with what the server would let them do and the evidence. */
export async function reviewerInbox(db: Queryable, principal: Principal, filters: InboxFilters, config: Pick<ReviewConfig, "auditLogging" | "unusedDays">, now = new Date(), pageSize = INBOX_PAGE): Promise<Inbox> {
  const q = inboxQuery(principal, filters, pageSize);
  const { rows } = await db.query<InboxRow>(q.text, q.values);
  const page = rows.slice(0, pageSize);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({ ...r, standing: reviewerStanding(principal, r), evidence: itemEvidence(r, config, now) })),
    nextCursor: rows.length > pageSize && last ? encodeCursor({ p: last.projectName, s: last.subjectName, id: last.id }) : null,
  };
}

/**
 * Separation of duties discovered on the way: a team lead who belongs to a group under review cannot certify it, so
 * such items of open campaigns go to the fallback reviewers now, saying why (once; an event per item). Berth learns
 * a person's groups only when they come, so this runs when a reviewer's items are read.
 */
export async function routeMembershipConflicts(db: Db, principal: Principal, audit: AuditContext, now = new Date()): Promise<number> {
  if (!can(principal, "review:decide") || principal.groups.length === 0) return 0;
  // open items of a group this reviewer leads and belongs to, not routed or decided yet (i: the item, c: its campaign)
  const conflicting = Prisma.sql`c.id = i."campaignId" AND c."closedAt" IS NULL AND i."routedAt" IS NULL AND i."subjectType" = 'GROUP'
        AND i."reviewerGroup" = ANY(${principal.groups}::text[]) AND i."subjectName" = ANY(${principal.groups}::text[])
        AND NOT EXISTS (SELECT 1 FROM "ReviewDecision" d WHERE d."itemId" = i.id)`;
  // nearly always there is nothing to route, which one read says without a transaction (an item that appears meanwhile
  // is routed on the next visit, as one created after this one would be); the pages skip even that read unless the
  // reviewer's campaigns, which they read anyway, count an item due (reviewerHome's routeDue)
  const [check] = await db.$queryRaw<{ due: boolean }[]>`SELECT EXISTS (SELECT 1 FROM "ReviewItem" i, "ReviewCampaign" c WHERE ${conflicting}) AS due`;
  if (!check?.due) return 0;
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; campaignId: string; projectName: string; subjectName: string; reason: string }[]>`
      UPDATE "ReviewItem" i SET "routedAt" = ${now},
        "routedReason" = ${principal.name} || ', a team lead of ' || i."reviewerGroup" || ', belongs to ' || i."subjectName" || '; nobody certifies access of a group they belong to, so the approvers review it.'
      FROM "ReviewCampaign" c
      WHERE ${conflicting}
      RETURNING i.id, i."campaignId", i."projectName", i."subjectName", i."routedReason" AS reason`;
    await appendAuditEvents(
      tx,
      audit,
      rows.map((r) => ({ action: "review.item.routed", objectType: "review" as const, objectId: r.id, projectName: r.projectName, subject: subjectKey("GROUP", r.subjectName), after: { campaignId: r.campaignId, reason: r.reason } })),
    );
    return rows.length;
  });
}
