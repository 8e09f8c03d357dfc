import "server-only";
import { Params, type Queryable, type SqlQuery } from "../sql";
import { roleName } from "../roles";
import { grantHistoryFiltersSchema, pageSchema, type GrantHistoryFilters, type GrantHistoryFiltersInput, type PageInput, GRANT_STATES } from "../filters";
import { isBadValue, keysetPage, UnreadableCursor, type PageResult } from "./keyset";

// The grant history: every grant with its request and approvers, filtered and sorted, a keyset page at a time.

export interface Approver {
  id: string;
  name: string;
  /** when the approval was recorded; null when only the trail's copy is known */
  at: Date | null;
}

export interface Permission {
  resource: string;
  action: string;
}

/** Who holds what where: the part of a grant every auditor view shows. */
export interface GrantAccess {
  grantId: string;
  projectName: string;
  subjectType: "GROUP" | "ROBOT";
  subjectName: string;
  roleId: number | null;
  roleName: string | null;
  permissions: Permission[] | null;
}

export interface GrantHistoryRow extends GrantAccess {
  state: (typeof GRANT_STATES)[number];
  startsAt: Date | null;
  endsAt: Date | null;
  endedAt: Date | null;
  endReason: string | null;
  endedBy: string | null;
  /** the person who ended it, as the IdP named them then; null for Berth itself and for grants ended before it was kept */
  endedByName: string | null;
  requestId: string;
  requestNumber: number;
  requesterId: string;
  requesterName: string;
  approvers: Approver[];
  supersedesId: string | null;
  createdAt: Date;
}

const START = `COALESCE(g."startsAt", g."createdAt")`;
const END = `COALESCE(g."endsAt", 'infinity'::timestamptz)`;

// Keyset keys per sort, each ending in the unique id; the hand-written indexes of the
// audit_indexes migration follow these expressions exactly.
export const GRANT_SORT_KEYS: Record<GrantHistoryFilters["sort"], { expr: string; type: string }[]> = {
  startsAt: [
    { expr: START, type: "timestamptz" },
    { expr: "g.id", type: "uuid" },
  ],
  endsAt: [
    { expr: END, type: "timestamptz" },
    { expr: "g.id", type: "uuid" },
  ],
  project: [
    { expr: `g."projectName"`, type: "text" },
    { expr: START, type: "timestamptz" },
    { expr: "g.id", type: "uuid" },
  ],
  subject: [
    { expr: `g."subjectName"`, type: "text" },
    { expr: START, type: "timestamptz" },
    { expr: "g.id", type: "uuid" },
  ],
};

interface GrantCursor {
  s: string;
  d: string;
  k: string[];
  /** set on a cursor to the page before the row `k` rather than after it */
  b?: 1;
}

export function encodeCursor(value: GrantCursor | string): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

interface Keyset {
  keys: string[];
  backward: boolean;
}

function decodeGrantCursor(cursor: string | undefined, sort: GrantHistoryFilters["sort"], dir: string): Keyset | null {
  if (!cursor) return null;
  const keys = GRANT_SORT_KEYS[sort];
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as GrantCursor;
    // a cursor from another sort order starts again at the first page rather than skipping rows
    if (parsed.s !== sort || parsed.d !== dir || !Array.isArray(parsed.k) || parsed.k.length !== keys.length) return null;
    if (!parsed.k.every((k) => typeof k === "string" && k.length <= 1000)) return null;
    return { keys: parsed.k, backward: parsed.b === 1 };
  } catch {
    return null;
  }
}

/** The approvers of a request, for rows of the trail (a grant keeps its own list: the column `approvers`, ADR 025). */
export const APPROVERS_JSON = (requestIdExpr: string) => `(SELECT coalesce(json_agg(json_build_object('id', apv."approverId", 'name', apv."approverName", 'at', apv."createdAt") ORDER BY apv."createdAt", apv."approverId"), '[]'::json)
     FROM "Approval" apv WHERE apv."requestId" = ${requestIdExpr} AND apv.decision = 'APPROVE')`;

/** The WHERE conditions of the grant-history filters (shared with the grant export). */
export function grantFilterConditions(f: GrantHistoryFilters, p: Params): string[] {
  const where: string[] = [];
  if (f.project !== undefined) where.push(`g."projectName" = ${p.add(f.project)}`);
  if (f.subject !== undefined) where.push(`g."subjectName" = ${p.add(f.subject)}`);
  if (f.subjectType !== undefined) where.push(`g."subjectType" = ${p.add(f.subjectType)}::"SubjectType"`);
  if (f.roleId !== undefined) where.push(`g."roleId" = ${p.add(f.roleId)}::int`);
  if (f.state !== undefined) where.push(`g.state = ${p.add(f.state)}::"GrantState"`);
  if (f.to !== undefined) where.push(`${START} < ${p.add(f.to.toISOString())}::timestamptz`);
  if (f.from !== undefined) where.push(`(g."endedAt" IS NULL OR g."endedAt" >= ${p.add(f.from.toISOString())}::timestamptz)`);
  // few approvers with many approvals each: let the planner walk grants in page order and probe
  if (f.approver !== undefined) {
    const x = p.add(f.approver);
    where.push(`g."requestId" IN (SELECT ap."requestId" FROM "Approval" ap WHERE ap.decision = 'APPROVE' AND (ap."approverId" = ${x} OR ap."approverName" = ${x}))`);
  }
  // many requesters with few requests each: fetch their request ids once and look their grants up by index
  if (f.requester !== undefined) {
    const x = p.add(f.requester);
    where.push(`g."requestId" = ANY (ARRAY(SELECT rq.id FROM "Request" rq WHERE rq."requesterId" = ${x} OR rq."requesterName" = ${x}))`);
  }
  return where;
}

/** The SQL of one grant-history page (limit + 1 rows, to know whether another page follows). */
export function grantHistoryQuery(filters: GrantHistoryFilters, page: { cursor?: string; limit: number }, select = GRANT_COLUMNS): SqlQuery {
  const p = new Params();
  const keys = GRANT_SORT_KEYS[filters.sort];
  const where = grantFilterConditions(filters, p);
  const at = decodeGrantCursor(page.cursor, filters.sort, filters.dir);
  // backward, the page before the cursor is the rows nearest to it in the opposite order
  const forward = (filters.dir === "desc") === !at?.backward;
  if (at) {
    const left = keys.map((k) => k.expr).join(", ");
    const right = keys.map((k, i) => `${p.add(at.keys[i])}::${k.type}`).join(", ");
    where.push(`(${left}) ${forward ? "<" : ">"} (${right})`);
  }
  const dir = filters.dir === "desc" ? "DESC" : "ASC";
  const innerDir = forward ? "DESC" : "ASC";
  // the page is chosen on narrow rows first; the wide columns are then
  // computed for those rows only, which also keeps the planner from trading an index for a sort
  const text = `SELECT ${select}, ${keys.map((_, i) => `p.k${i}::text AS k${i}`).join(", ")}
FROM (
  SELECT g.id, ${keys.map((k, i) => `${k.expr} AS k${i}`).join(", ")}
  FROM "Grant" g
  ${where.length ? `WHERE ${where.join("\n    AND ")}` : ""}
  ORDER BY ${keys.map((k) => `${k.expr} ${innerDir}`).join(", ")}
  LIMIT ${p.add(page.limit + 1)}
) p
JOIN "Grant" g ON g.id = p.id
JOIN "Request" r ON r.id = g."requestId"
ORDER BY ${keys.map((_, i) => `p.k${i} ${dir}`).join(", ")}`;
  return { text, values: p.values };
}

export const GRANT_COLUMNS = `g.id AS "grantId", g."projectName", g."subjectType", g."subjectName", g."roleId", g.permissions, g.state,
  g."startsAt", g."endsAt", g."endedAt", g."endReason", g."endedBy", g."endedByName", g."requestId", g."supersedesId", g."createdAt",
  r.number AS "requestNumber", r."requesterId", r."requesterName",
  g.approvers`;

export interface RawApprover {
  id: string;
  name: string;
  at: string | null;
}

export const toApprovers = (list: RawApprover[] | null | undefined): Approver[] => (list ?? []).map((a) => ({ id: a.id, name: a.name, at: a.at ? new Date(a.at) : null }));

export interface GrantRowRaw extends Omit<GrantHistoryRow, "approvers" | "roleName"> {
  approvers: RawApprover[];
  [key: `k${number}`]: string;
}

export function toGrantRow(r: GrantRowRaw): GrantHistoryRow {
  return {
    grantId: r.grantId,
    projectName: r.projectName,
    subjectType: r.subjectType,
    subjectName: r.subjectName,
    roleId: r.roleId,
    roleName: roleName(r.roleId),
    permissions: r.permissions,
    state: r.state,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    endedAt: r.endedAt,
    endReason: r.endReason,
    endedBy: r.endedBy,
    endedByName: r.endedByName,
    requestId: r.requestId,
    requestNumber: r.requestNumber,
    requesterId: r.requesterId,
    requesterName: r.requesterName,
    approvers: toApprovers(r.approvers),
    supersedesId: r.supersedesId,
    createdAt: r.createdAt,
  };
}

/** Every grant ever, filtered and sorted, one keyset page at a time. */
export async function grantHistory(db: Queryable, filters: GrantHistoryFiltersInput = {}, page: PageInput = {}): Promise<PageResult<GrantHistoryRow>> {
  const f = grantHistoryFiltersSchema.parse(filters);
  const pg = pageSchema.parse(page);
  const width = GRANT_SORT_KEYS[f.sort].length;
  const at = decodeGrantCursor(pg.cursor, f.sort, f.dir);
  const fetch = async (cursor: string | undefined): Promise<GrantRowRaw[]> => {
    const q = grantHistoryQuery(f, { cursor, limit: pg.limit });
    try {
      return (await db.query<GrantRowRaw>(q.text, q.values)).rows;
    } catch (e) {
      if (cursor && isBadValue(e)) throw new UnreadableCursor();
      throw e;
    }
  };
  const cursorOf = (row: GrantRowRaw, backward: boolean) =>
    encodeCursor({ s: f.sort, d: f.dir, k: Array.from({ length: width }, (_, i) => String(row[`k${i}`])), ...(backward ? { b: 1 as const } : {}) });
  // an unreadable cursor reads the first page, and says so by having no page before it; so does a hand-made one whose
  // keys do not cast (a date, a uuid), which only PostgreSQL can tell
  try {
    return await keysetPage(fetch, { cursor: at ? pg.cursor : undefined, limit: pg.limit }, at?.backward ?? false, cursorOf, toGrantRow);
  } catch (e) {
    if (e instanceof UnreadableCursor) return keysetPage(fetch, { limit: pg.limit }, false, cursorOf, toGrantRow);
    throw e;
  }
}

/** One event as the auditor views read it: every column, with seq as a decimal string (bigint in the database). */
