import "server-only";
import {
  GRANT_STATES,
  accessAtQuerySchema,
  eventLogFiltersSchema,
  grantHistoryFiltersSchema,
  pageSchema,
  type AccessAtQuery,
  type EventLogFilters,
  type EventLogFiltersInput,
  type GrantHistoryFilters,
  type GrantHistoryFiltersInput,
  type PageInput,
} from "./filters";
import type { StoredAuditEvent } from "./chain";
import { roleName } from "./roles";
import { likePrefix, Params, type Queryable, type SqlQuery } from "./sql";
import { GRANT_END_ACTIONS, type JsonValue } from "./types";

// Read side of the trail for the auditor views. Thin on purpose: each function builds one
// parameterized SQL text (exported as *Query for the benchmark) and maps rows; no ORM in between.

export { chainStatus } from "./verify";
export * from "./filters";

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

export interface GrantHistoryRow {
  grantId: string;
  projectName: string;
  subjectType: "GROUP" | "ROBOT";
  subjectName: string;
  roleId: number | null;
  roleName: string | null;
  permissions: Permission[] | null;
  state: (typeof GRANT_STATES)[number];
  startsAt: Date | null;
  endsAt: Date | null;
  endedAt: Date | null;
  endReason: string | null;
  endedBy: string | null;
  requestId: string;
  requestNumber: number;
  requesterId: string;
  requesterName: string;
  approvers: Approver[];
  supersedesId: string | null;
  createdAt: Date;
}

export interface PageResult<T> {
  rows: T[];
  /** pass back as `cursor` for the next page; null on the last page */
  nextCursor: string | null;
  /** pass back as `cursor` for the page before this one; null on the first page */
  prevCursor: string | null;
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

class UnreadableCursor extends Error {}

/** PostgreSQL's "this text is not a value of that type" errors (class 22: data exception). */
const isBadValue = (e: unknown) => typeof e === "object" && e !== null && ["22007", "22008", "22P02", "22003"].includes(String((e as { code?: unknown }).code));

/**
 * One keyset page from the `limit + 1` rows a query returned in page order: forward, the extra row is the last
 * (another page follows); backward, it is the first (another page precedes). Backward, a page that reaches the
 * start is read again forward, so the first page is the same however it is reached.
 */
async function keysetPage<R, T>(
  fetch: (cursor: string | undefined) => Promise<R[]>,
  page: { cursor?: string; limit: number },
  backward: boolean,
  cursorOf: (row: R, backward: boolean) => string,
  map: (row: R) => T,
): Promise<PageResult<T>> {
  const rows = await fetch(page.cursor);
  const more = rows.length > page.limit;
  if (backward && !more) return keysetPage(fetch, { limit: page.limit }, false, cursorOf, map);
  const pageRows = !more ? rows : backward ? rows.slice(1) : rows.slice(0, page.limit);
  const first = pageRows[0];
  const last = pageRows[pageRows.length - 1];
  const hasNext = backward ? pageRows.length > 0 : more;
  const hasPrev = backward ? more : page.cursor !== undefined && pageRows.length > 0;
  return {
    rows: pageRows.map(map),
    nextCursor: hasNext && last ? cursorOf(last, false) : null,
    prevCursor: hasPrev && first ? cursorOf(first, true) : null,
  };
}

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
  // the page is chosen on narrow rows first; the wide columns and the approvers subquery are then
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
  g."startsAt", g."endsAt", g."endedAt", g."endReason", g."endedBy", g."requestId", g."supersedesId", g."createdAt",
  r.number AS "requestNumber", r."requesterId", r."requesterName",
  ${APPROVERS_JSON(`g."requestId"`)} AS approvers`;

interface RawApprover {
  id: string;
  name: string;
  at: string | null;
}

const toApprovers = (list: RawApprover[] | null | undefined): Approver[] => (list ?? []).map((a) => ({ id: a.id, name: a.name, at: a.at ? new Date(a.at) : null }));

interface GrantRowRaw extends Omit<GrantHistoryRow, "approvers" | "roleName"> {
  approvers: RawApprover[];
  [key: `k${number}`]: string;
}

function toGrantRow(r: GrantRowRaw): GrantHistoryRow {
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
export interface AuditEventRow extends Omit<StoredAuditEvent, "seq"> {
  seq: string;
}

export const EVENT_COLUMNS = `e.seq::text AS seq, e.at, e."actorType", e."actorId", e."actorName", e."actorGroups", e."sourceIp", e."userAgent",
  e.action, e."objectType", e."objectId", e."projectName", e.subject, e."requestId", e.before, e.after, e."harborRequestId",
  e."portalRequestId", e."clientRequestId", e."prevHash", e.hash`;

/** The WHERE conditions of the event-log filters (shared with the event export). */
export function eventFilterConditions(f: EventLogFilters, p: Params): string[] {
  const where: string[] = [];
  if (f.action !== undefined) where.push(`(e.action = ${p.add(f.action)} OR e.action LIKE ${p.add(likePrefix(`${f.action.replace(/\.+$/, "")}.`))})`);
  if (f.objectType !== undefined) where.push(`e."objectType" = ${p.add(f.objectType)}`);
  if (f.objectId !== undefined) where.push(`e."objectId" = ${p.add(f.objectId)}`);
  if (f.project !== undefined) where.push(`e."projectName" = ${p.add(f.project)}`);
  if (f.actor !== undefined) {
    const x = p.add(f.actor);
    where.push(`(e."actorId" = ${x} OR e."actorName" = ${x})`);
  }
  if (f.requestId !== undefined) where.push(`e."requestId" = ${p.add(f.requestId.toLowerCase())}::uuid`);
  if (f.from !== undefined) where.push(`e.at >= ${p.add(f.from.toISOString())}::timestamptz`);
  if (f.to !== undefined) where.push(`e.at < ${p.add(f.to.toISOString())}::timestamptz`);
  return where;
}

/** "123": events older than #123; "n123": events newer than #123. */
function parseSeqCursor(cursor: string | undefined): { seq: string; newer: boolean } | null {
  const m = cursor ? /^(n?)(\d{1,19})$/.exec(cursor) : null;
  // past bigint's range the cast would fail: read the first page instead
  return m && BigInt(m[2]!) <= 9223372036854775807n ? { seq: m[2]!, newer: m[1] === "n" } : null;
}

/** The SQL of one event-log page, newest first (limit + 1 rows). */
export function eventLogQuery(filters: EventLogFilters, page: { cursor?: string; limit: number }): SqlQuery {
  const p = new Params();
  const where = eventFilterConditions(filters, p);
  const at = parseSeqCursor(page.cursor);
  if (at) where.push(`e.seq ${at.newer ? ">" : "<"} ${p.add(at.seq)}::bigint`);
  const select = `SELECT ${EVENT_COLUMNS}
FROM "AuditEvent" e
${where.length ? `WHERE ${where.join("\n  AND ")}` : ""}
ORDER BY e.seq ${at?.newer ? "ASC" : "DESC"}
LIMIT ${p.add(page.limit + 1)}`;
  // newer events are the ones nearest the cursor going up; shown, like every page, newest first
  const text = at?.newer ? `SELECT * FROM (${select}) e ORDER BY e.seq::bigint DESC` : select;
  return { text, values: p.values };
}

/** All events, newest first, keyset-paginated on seq (the cursor names the seq to page from). */
export async function eventLog(db: Queryable, filters: EventLogFiltersInput = {}, page: PageInput = {}): Promise<PageResult<AuditEventRow>> {
  const f = eventLogFiltersSchema.parse(filters);
  const pg = pageSchema.parse(page);
  const at = parseSeqCursor(pg.cursor);
  const fetch = async (cursor: string | undefined) => {
    const q = eventLogQuery(f, { cursor, limit: pg.limit });
    return (await db.query<AuditEventRow>(q.text, q.values)).rows;
  };
  const cursorOf = (row: AuditEventRow, newer: boolean) => `${newer ? "n" : ""}${row.seq}`;
  return keysetPage(fetch, { cursor: at ? pg.cursor : undefined, limit: pg.limit }, at?.newer ?? false, cursorOf, (r) => r);
}

export interface AccessAtRow {
  grantId: string;
  projectName: string;
  subjectType: "GROUP" | "ROBOT";
  subjectName: string;
  roleId: number | null;
  roleName: string | null;
  permissions: Permission[] | null;
  startsAt: Date | null;
  /** the scheduled end as known at the instant (after any extension recorded by then) */
  endsAt: Date | null;
  requestId: string | null;
  requestNumber: number | null;
  requester: { id: string; name: string } | null;
  approvers: Approver[];
}

const END_ACTIONS_SQL = GRANT_END_ACTIONS.map((a) => `'${a}'`).join(", ");

/**
 * The SQL of "who had which role at instant T", from the trail alone: a grant is in force iff its
 * grant.activated is at or before T and none of its ending events is. Inclusive start, exclusive end.
 */
export function accessAtQuery(q: AccessAtQuery): SqlQuery {
  const p = new Params();
  const at = p.add(q.at.toISOString());
  const where = [`a.action = 'grant.activated'`, `a."objectType" = 'grant'`, `a.at <= ${at}::timestamptz`];
  if (q.project !== undefined) where.push(`a."projectName" = ${p.add(q.project)}`);
  if (q.group !== undefined) where.push(`a.subject = ${p.add(`group:${q.group}`)}`);
  // the action lists are literals, not parameters, so the partial lifecycle index applies
  const text = `SELECT q.* FROM (
  SELECT DISTINCT ON (a."objectId") a."objectId" AS "grantId", a."projectName", a.subject, a.after, a.at AS "activatedAt", a."requestId",
    (SELECT x.after->>'endsAt' FROM "AuditEvent" x
      WHERE x."objectType" = 'grant' AND x."objectId" = a."objectId" AND x.action = 'grant.extended' AND x.at <= ${at}::timestamptz
      ORDER BY x.at DESC, x.seq DESC LIMIT 1) AS "extendedEndsAt",
    r.number AS "requestNumber", r."requesterId", r."requesterName",
    ${APPROVERS_JSON(`a."requestId"`)} AS approvers
  FROM "AuditEvent" a
  -- one index probe per activation (LIMIT 1 keeps it a probe): as an anti-join the planner may
  -- instead read every grant's endings, which is far slower for a big project
  LEFT JOIN LATERAL (SELECT 1 AS ended FROM "AuditEvent" x
      WHERE x."objectType" = 'grant' AND x."objectId" = a."objectId" AND x.action IN (${END_ACTIONS_SQL}) AND x.at <= ${at}::timestamptz
      LIMIT 1) e ON true
  LEFT JOIN "Request" r ON r.id = a."requestId"
  WHERE ${where.join("\n    AND ")}
    AND e.ended IS NULL
  ORDER BY a."objectId", a.at DESC, a.seq DESC
) q
ORDER BY q."projectName", q.subject, q."grantId"`;
  return { text, values: p.values };
}

interface AccessAtRaw {
  grantId: string;
  projectName: string | null;
  subject: string | null;
  after: Record<string, unknown> | null;
  activatedAt: Date;
  requestId: string | null;
  extendedEndsAt: string | null;
  requestNumber: number | null;
  requesterId: string | null;
  requesterName: string | null;
  approvers: RawApprover[];
}

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const date = (v: unknown): Date | null => (typeof v === "string" && !Number.isNaN(Date.parse(v)) ? new Date(v) : null);

function toAccessRow(r: AccessAtRaw): AccessAtRow {
  const after = r.after ?? {};
  const subject = r.subject ?? "";
  const [prefix, ...rest] = subject.split(":");
  const subjectType = after.subjectType === "ROBOT" || after.subjectType === "GROUP" ? after.subjectType : prefix === "robot" ? "ROBOT" : "GROUP";
  const roleId = typeof after.roleId === "number" ? after.roleId : null;
  const fromTrail = Array.isArray(after.approvers) ? (after.approvers as { id: string; name: string }[]).map((a) => ({ id: String(a.id), name: String(a.name), at: null })) : [];
  const approvers = toApprovers(r.approvers);
  return {
    grantId: r.grantId,
    projectName: str(after.projectName) ?? r.projectName ?? "",
    subjectType,
    subjectName: str(after.subjectName) ?? rest.join(":"),
    roleId,
    roleName: str(after.roleName) ?? roleName(roleId),
    permissions: Array.isArray(after.permissions) ? (after.permissions as Permission[]) : null,
    startsAt: date(after.startsAt) ?? r.activatedAt,
    endsAt: r.extendedEndsAt !== null ? date(r.extendedEndsAt) : date(after.endsAt),
    requestId: r.requestId ?? str(after.requestId),
    requestNumber: r.requestNumber,
    requester: r.requesterId !== null && r.requesterName !== null ? { id: r.requesterId, name: r.requesterName } : null,
    // the approval records when they exist; the names the trail captured at activation otherwise
    approvers: approvers.length > 0 ? approvers : fromTrail,
  };
}

/** Who had which role in a project (or where a group had access) at an instant, answered from the trail. */
export async function accessAt(db: Queryable, query: { project?: string; group?: string; at: Date | string }): Promise<AccessAtRow[]> {
  const q = accessAtQuerySchema.parse(query);
  const sql = accessAtQuery(q);
  const { rows } = await db.query<AccessAtRaw>(sql.text, sql.values);
  return rows.map(toAccessRow);
}

export interface GrantDetail {
  grant: GrantHistoryRow & { harborMemberId: number | null; harborRobotId: number | null; harborRobotName: string | null; updatedAt: Date };
  request: {
    id: string;
    number: number;
    kind: string;
    state: string;
    payload: JsonValue;
    justification: string;
    requesterId: string;
    requesterName: string;
    requesterGroups: string[];
    projectName: string;
    endsAt: Date | null;
    policyChecks: JsonValue;
    requiredApprovals: number;
    createdAt: Date;
    decidedAt: Date | null;
    closedAt: Date | null;
  };
  approvals: { id: string; approverId: string; approverName: string; decision: "APPROVE" | "REJECT"; comment: string | null; createdAt: Date }[];
  jobs: {
    id: string;
    kind: string;
    state: string;
    attempts: number;
    lastError: string | null;
    createdAt: Date;
    finishedAt: Date | null;
    steps: { id: string; ordinal: number; key: string; label: string; state: string; attempts: number; harborRequestId: string | null; error: string | null; startedAt: Date | null; finishedAt: Date | null }[];
  }[];
  /** the grant this one replaced (role change), and the grant that replaced it */
  supersedesId: string | null;
  supersededById: string | null;
  /** the grant's own events and its request's, oldest first */
  events: AuditEventRow[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type JobRaw = Omit<GrantDetail["jobs"][number], "steps"> & { steps: (Omit<GrantDetail["jobs"][number]["steps"][number], "startedAt" | "finishedAt"> & { startedAt: string | null; finishedAt: string | null })[] };

/** One grant with its request, approvals, provisioning jobs and steps, and its audit events; null if unknown. */
export async function grantDetail(db: Queryable, grantId: string): Promise<GrantDetail | null> {
  if (!UUID.test(grantId)) return null;
  const id = grantId.toLowerCase();
  const { rows } = await db.query<GrantRowRaw & { harborMemberId: number | null; harborRobotId: number | null; harborRobotName: string | null; updatedAt: Date }>(
    `SELECT ${GRANT_COLUMNS}, g."harborMemberId", g."harborRobotId", g."harborRobotName", g."updatedAt"
     FROM "Grant" g JOIN "Request" r ON r.id = g."requestId" WHERE g.id = $1`,
    [id],
  );
  const raw = rows[0];
  if (!raw) return null;
  const [request, approvals, jobs, successor, events] = await Promise.all([
    db.query<GrantDetail["request"]>(
      `SELECT id, number, kind, state, payload, justification, "requesterId", "requesterName", "requesterGroups", "projectName", "endsAt",
              "policyChecks", "requiredApprovals", "createdAt", "decidedAt", "closedAt"
       FROM "Request" WHERE id = $1`,
      [raw.requestId],
    ),
    db.query<GrantDetail["approvals"][number]>(
      `SELECT id, "approverId", "approverName", decision, comment, "createdAt" FROM "Approval" WHERE "requestId" = $1 ORDER BY "createdAt", id`,
      [raw.requestId],
    ),
    db.query<JobRaw>(
      `SELECT j.id, j.kind, j.state, j.attempts, j."lastError", j."createdAt", j."finishedAt",
         (SELECT coalesce(json_agg(json_build_object('id', s.id, 'ordinal', s.ordinal, 'key', s.key, 'label', s.label, 'state', s.state,
                   'attempts', s.attempts, 'harborRequestId', s."harborRequestId", 'error', s.error, 'startedAt', s."startedAt", 'finishedAt', s."finishedAt")
                   ORDER BY s.ordinal, s.key), '[]'::json)
          FROM "ProvisioningStep" s WHERE s."jobId" = j.id) AS steps
       FROM "ProvisioningJob" j
       WHERE j."grantId" = $1 OR (j."requestId" = $2 AND j."grantId" IS NULL)
       ORDER BY j."createdAt", j.id`,
      [id, raw.requestId],
    ),
    db.query<{ id: string }>(`SELECT id FROM "Grant" WHERE "supersedesId" = $1 ORDER BY "createdAt" LIMIT 1`, [id]),
    db.query<AuditEventRow>(
      `SELECT ${EVENT_COLUMNS} FROM "AuditEvent" e
       WHERE (e."objectType" = 'grant' AND e."objectId" = $1) OR e."requestId" = $2::uuid
       ORDER BY e.seq`,
      [id, raw.requestId],
    ),
  ]);
  const req = request.rows[0];
  if (!req) return null;
  const grant = toGrantRow(raw);
  return {
    grant: { ...grant, harborMemberId: raw.harborMemberId, harborRobotId: raw.harborRobotId, harborRobotName: raw.harborRobotName, updatedAt: raw.updatedAt },
    request: req,
    approvals: approvals.rows,
    jobs: jobs.rows.map((j) => ({
      ...j,
      steps: j.steps.map((s) => ({ ...s, startedAt: s.startedAt ? new Date(s.startedAt) : null, finishedAt: s.finishedAt ? new Date(s.finishedAt) : null })),
    })),
    supersedesId: raw.supersedesId,
    supersededById: successor.rows[0]?.id ?? null,
    events: events.rows,
  };
}
