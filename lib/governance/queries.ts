import "server-only";
import { plainText, wholeNumber } from "../core/validation";
import { z } from "zod";
import type { Principal } from "../authz/principal";
import type { Db } from "../db";
import type { Queryable } from "../sql";
import { likeContains } from "../audit/sql";
import type { Grant, Prisma, Project } from "../generated/prisma/client";
import type { DriftFinding } from "../core/drift";
import { notFound } from "../core/errors";
import { roleLabel } from "../core/roles";
import { KIND_LABELS, REQUEST_KINDS, typedRequest, type RequestKindName } from "../core/payloads";
import type { PolicyCheck } from "./policy";
import { GRANT_STATES, OPEN_STATES, REQUEST_STATES } from "../core/states";
import { describeRequest } from "./requests";
import { can } from "../authz/permissions";
import { canManageProject, canSeeRequest, grantScope, projectScope } from "../authz/scope";


const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());

/** A request with its approvals, as requestRows reads it. */
interface RequestRowData {
  id: string;
  number: number;
  kind: RequestKindName;
  payload: Prisma.JsonValue;
  state: string;
  projectName: string;
  requesterId: string;
  requesterName: string;
  requiredApprovals: number;
  createdAt: Date;
  endsAt: Date | null;
  approvals: { approverId: string; approverName: string; decision: string }[];
}

/**
 * Requests with their approvals in one statement (Prisma loads the approvals with a second one), plus the policy
 * checks when asked. `where` uses the alias r and `$n` of `values`.
 */
async function requestRows(db: Queryable, where: string[], values: unknown[], options: { dir: "ASC" | "DESC"; limit: number; policyChecks?: boolean }) {
  const { rows } = await db.query<RequestRowData & { policyChecks?: Prisma.JsonValue }>(
    `SELECT r.id, r.number, r.kind::text AS kind, r.payload, r.state::text AS state, r."projectName", r."requesterId", r."requesterName",
       r."requiredApprovals", r."createdAt", r."endsAt",${options.policyChecks ? ` r."policyChecks",` : ""}
       coalesce((SELECT json_agg(json_build_object('approverId', a."approverId", 'approverName', a."approverName", 'decision', a.decision) ORDER BY a."createdAt", a.id)
                 FROM "Approval" a WHERE a."requestId" = r.id), '[]'::json) AS approvals
     FROM "Request" r WHERE ${where.length ? where.join(" AND ") : "true"}
     ORDER BY r."createdAt" ${options.dir}, r.id ${options.dir} LIMIT ${Math.trunc(options.limit)}`,
    values,
  );
  return rows;
}

export interface RequestSummary {
  id: string;
  number: number;
  kind: RequestKindName;
  kindLabel: string;
  summary: string;
  state: string;
  projectName: string;
  requesterId: string;
  requesterName: string;
  approvals: number;
  requiredApprovals: number;
  approvers: string[];
  createdAt: Date;
  endsAt: Date | null;
}

function summarize(row: RequestRowData): RequestSummary {
  const approvals = row.approvals.filter((a) => a.decision === "APPROVE");
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    kindLabel: KIND_LABELS[row.kind],
    summary: describeRequest(typedRequest(row.kind, row.payload)),
    state: row.state,
    projectName: row.projectName,
    requesterId: row.requesterId,
    requesterName: row.requesterName,
    approvals: approvals.length,
    requiredApprovals: row.requiredApprovals,
    approvers: approvals.map((a) => a.approverName),
    createdAt: row.createdAt,
    endsAt: row.endsAt,
  };
}

export const requestListFilters = z.object({
  state: optional(z.enum(REQUEST_STATES)),
  kind: optional(z.enum(REQUEST_KINDS)),
  project: optional(plainText("Project", { max: 255 })),
});
export type RequestListFilters = z.infer<typeof requestListFilters>;

/** The signed-in user's own requests, newest first. */
export async function myRequests(db: Queryable, principal: Principal, filters: RequestListFilters, take = 100): Promise<RequestSummary[]> {
  const values: unknown[] = [principal.id];
  const where = [`r."requesterId" = $1`];
  if (filters.state) where.push(`r.state::text = $${values.push(filters.state)}`);
  if (filters.kind) where.push(`r.kind::text = $${values.push(filters.kind)}`);
  if (filters.project) where.push(`r."projectName" = $${values.push(filters.project)}`);
  return (await requestRows(db, where, values, { dir: "DESC", limit: take })).map(summarize);
}

export const queueFilters = z.object({
  kind: optional(z.enum(REQUEST_KINDS)),
  project: optional(plainText("Project", { max: 255 })),
  requester: optional(plainText("Requester", { max: 200 })),
  /** "needs-me": requests this approver can act on; "all": every pending one. */
  show: optional(z.enum(["needs-me", "all"])),
  approvals: optional(z.enum(["1", "2"])),
});
export type QueueFilters = z.infer<typeof queueFilters>;

export interface QueueItem extends RequestSummary {
  ageMs: number;
  /** Why this approver cannot act, if they cannot. */
  blockedFor: "own" | "already-approved" | null;
  policyChecks: PolicyCheck[];
}

/** Pending requests, oldest first, with what the approver may do about each. */
export async function approvalQueue(db: Queryable, principal: Principal, filters: QueueFilters, now = new Date()): Promise<QueueItem[]> {
  const values: unknown[] = [];
  const where = [`r.state = 'PENDING'`];
  if (filters.kind) where.push(`r.kind::text = $${values.push(filters.kind)}`);
  if (filters.project) where.push(`r."projectName" ILIKE $${values.push(likeContains(filters.project))}`);
  if (filters.requester) where.push(`r."requesterName" ILIKE $${values.push(likeContains(filters.requester))}`);
  if (filters.approvals) where.push(`r."requiredApprovals" = $${values.push(Number(filters.approvals))}::int`);
  const rows = await requestRows(db, where, values, { dir: "ASC", limit: 500, policyChecks: true });
  const items = rows.map((row) => {
    const blockedFor: QueueItem["blockedFor"] = row.requesterId === principal.id ? "own" : row.approvals.some((a) => a.approverId === principal.id) ? "already-approved" : null;
    return { ...summarize(row), ageMs: now.getTime() - row.createdAt.getTime(), blockedFor, policyChecks: row.policyChecks as unknown as PolicyCheck[] };
  });
  return filters.show === "all" ? items : items.filter((i) => i.blockedFor === null);
}

/** How many pending requests this approver could decide (the navigation badge). */
export async function approvalsWaitingFor(db: Queryable, principal: Principal): Promise<number> {
  if (!can(principal, "request:decide")) return 0;
  // on every page an approver opens: one plain statement (callers pass a prepared() pool)
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Request" r
     WHERE r.state = 'PENDING' AND r."requesterId" <> $1
       AND NOT EXISTS (SELECT 1 FROM "Approval" a WHERE a."requestId" = r.id AND a."approverId" = $1)`,
    [principal.id],
  );
  return rows[0]?.n ?? 0;
}

/** Everything the request page shows; refuses what the principal may not see. */
export async function requestDetail(db: Db, principal: Principal, id: string) {
  if (!z.string().uuid().safeParse(id).success) throw notFound("That request");
  const request = await db.request.findUnique({
    where: { id },
    include: {
      approvals: { orderBy: { createdAt: "asc" } },
      jobs: { orderBy: { createdAt: "asc" }, include: { steps: { orderBy: { ordinal: "asc" } } } },
      grants: { orderBy: { createdAt: "asc" }, select: { id: true, state: true, subjectType: true, subjectName: true, roleId: true, startsAt: true, endsAt: true, endedAt: true, endReason: true, endedBy: true, endedByName: true, harborRobotName: true, projectName: true } },
      secrets: { orderBy: { createdAt: "desc" }, select: { id: true, robotName: true, createdAt: true, expiresAt: true, revealedAt: true, wipedAt: true, ciphertext: false } },
    },
  });
  if (!request || !canSeeRequest(principal, request)) throw notFound("That request");
  const typed = typedRequest(request.kind, request.payload);
  const project = await db.project.findUnique({ where: { name: request.projectName }, select: { ownerGroup: true, state: true } });
  return {
    ...request,
    typed,
    summary: describeRequest(typed),
    kindLabel: KIND_LABELS[request.kind],
    policyChecks: request.policyChecks as unknown as PolicyCheck[],
    project,
    grants: request.grants.map((g) => ({ ...g, roleLabel: roleLabel(g.roleId) })),
  };
}
export type RequestDetail = Awaited<ReturnType<typeof requestDetail>>;

export const grantFilters = z.object({
  project: optional(plainText("Project", { max: 255 })),
  subject: optional(plainText("Group or robot", { max: 255 })),
  type: optional(z.enum(["GROUP", "ROBOT"])),
  role: optional(wholeNumber("Role", 1, 5)),
  state: optional(z.enum(GRANT_STATES)),
  expiring: optional(wholeNumber("Days", 1, 365)),
});
export type GrantFilters = z.infer<typeof grantFilters>;

/** A grant as the grant lists show it: the grant's columns, its request's number and requester, its project's owner. */
export type GrantRow = Pick<
  Grant,
  "id" | "projectId" | "projectName" | "subjectType" | "subjectName" | "roleId" | "permissions" | "state" | "startsAt" | "endsAt" | "endedAt" | "endReason" | "endedBy" | "endedByName" | "harborRobotName" | "requestId" | "createdAt"
> & {
  roleLabel: string;
  request: { id: string; number: number; requesterName: string };
  project: { ownerGroup: string };
  canManage: boolean;
};

/**
 * The grants the principal may see (grantScope's rule in SQL), filtered, newest first — or, with `expiring`, the
 * active ones ending within that many days, soonest first. One statement with its request and project joined (the
 * grants page and every requester's home read it; Prisma read them with three).
 */
export async function listGrants(db: Queryable, principal: Principal, filters: GrantFilters, now = new Date(), take = 200): Promise<GrantRow[]> {
  const values: unknown[] = [];
  const where: string[] = [];
  if (!can(principal, "grant:read-any")) {
    const groups = `$${values.push(principal.groups)}::text[]`;
    where.push(`(p."ownerGroup" = ANY(${groups}) OR (g."subjectType" = 'GROUP' AND g."subjectName" = ANY(${groups})))`);
  }
  if (filters.project) where.push(`g."projectName" ILIKE $${values.push(likeContains(filters.project))}`);
  if (filters.subject) where.push(`g."subjectName" ILIKE $${values.push(likeContains(filters.subject))}`);
  if (filters.type) where.push(`g."subjectType"::text = $${values.push(filters.type)}`);
  if (filters.role) where.push(`g."roleId" = $${values.push(filters.role)}::int`);
  if (filters.expiring) {
    where.push(`g.state = 'ACTIVE'`, `g."endsAt" <= $${values.push(new Date(now.getTime() + filters.expiring * 86400_000))}`);
  } else if (filters.state) {
    where.push(`g.state::text = $${values.push(filters.state)}`);
  }
  const order = filters.expiring ? `g."endsAt" ASC, g.id ASC` : `g."createdAt" DESC, g.id DESC`;
  const { rows } = await db.query<Omit<GrantRow, "roleLabel" | "request" | "project" | "canManage"> & { requestNumber: number; requesterName: string; ownerGroup: string }>(
    `SELECT g.id, g."projectId", g."projectName", g."subjectType"::text AS "subjectType", g."subjectName", g."roleId", g.permissions,
       g.state::text AS state, g."startsAt", g."endsAt", g."endedAt", g."endReason", g."endedBy", g."endedByName", g."harborRobotName",
       g."requestId", g."createdAt", r.number AS "requestNumber", r."requesterName", p."ownerGroup"
     FROM "Grant" g JOIN "Project" p ON p.id = g."projectId" JOIN "Request" r ON r.id = g."requestId"
     WHERE ${where.length ? where.join(" AND ") : "true"}
     ORDER BY ${order} LIMIT ${Math.trunc(take)}`,
    values,
  );
  return rows.map(({ requestNumber, requesterName, ownerGroup, ...g }) => ({
    ...g,
    roleLabel: roleLabel(g.roleId),
    request: { id: g.requestId, number: requestNumber, requesterName },
    project: { ownerGroup },
    canManage: canManageProject(principal, { ownerGroup }),
  }));
}

/** Active grants the principal's groups own or hold that end within `days`. */
export function expiringSoon(db: Queryable, principal: Principal, days: number, now = new Date()) {
  return listGrants(db, principal, { expiring: days }, now, 50);
}

/** Active projects in which the principal may ask for access, robots and quota (the request forms' choices). */
export async function manageableProjects(db: Db, principal: Principal) {
  const projects = await db.project.findMany({ where: { state: "ACTIVE" }, orderBy: { name: "asc" }, select: { name: true, ownerGroup: true, quotaGiB: true } });
  return projects.filter((p) => canManageProject(principal, p));
}

/** One grant, if the principal may see it (null for an unknown id, a malformed one, or a grant outside their scope). */
export function visibleGrant(db: Db, principal: Principal, grantId: string) {
  if (!z.uuid().safeParse(grantId).success) return Promise.resolve(null);
  return db.grant.findFirst({ where: { AND: [{ id: grantId }, grantScope(principal)] }, include: { project: true } });
}

export async function listProjects(db: Db, principal: Principal) {
  const projects = await db.project.findMany({
    where: projectScope(principal),
    orderBy: { name: "asc" },
    include: { _count: { select: { grants: { where: { state: "ACTIVE" } } } } },
  });
  return projects;
}

/**
 * Everything the project page shows; refuses what the principal may not see. Three plain statements (the project in
 * projectScope's rule, then its grants with their requests and its open requests together) where Prisma needed four.
 */
export async function projectDetail(db: Queryable, principal: Principal, name: string) {
  const values: unknown[] = [name];
  const scope = can(principal, "project:read-any") ? "" : ` AND p."ownerGroup" = ANY($${values.push(principal.groups)}::text[])`;
  // asked for together (one pipeline, ADR 026); the grants and requests are returned only once the project is found
  // within the principal's scope
  const [{ rows: found }, grants, openRequests] = await Promise.all([
    db.query<Project>(`SELECT p.* FROM "Project" p WHERE p.name = $1${scope}`, values),
    // the state's order is the enum's, as Prisma's orderBy on it
    db.query<Grant & { number: number; requesterName: string }>(
      `SELECT g.*, r.number, r."requesterName" FROM "Grant" g JOIN "Request" r ON r.id = g."requestId"
       WHERE g."projectId" = (SELECT id FROM "Project" WHERE name = $1) ORDER BY g.state ASC, g."createdAt" DESC, g.id DESC`,
      [name],
    ),
    requestRows(db, [`r."projectName" = $1`, `r.state::text = ANY($2::text[])`], [name, [...OPEN_STATES]], { dir: "DESC", limit: 1000 }),
  ]);
  const project = found[0];
  if (!project) throw notFound("That project");
  return {
    project,
    // the approvers as the grant keeps them (ADR 025), in approval order: no query of the approvals per page
    grants: grants.rows.map(({ number, requesterName, ...g }) => ({
      ...g,
      roleLabel: roleLabel(g.roleId),
      request: { id: g.requestId, number, requesterName, approvals: (g.approvers as { name: string }[]).map((a) => ({ approverName: a.name })) },
    })),
    openRequests: openRequests.map(summarize),
    canManage: canManageProject(principal, project),
  };
}

/** Robot secrets of the principal's requests that wait to be revealed, soonest expiry first (one statement). */
export async function secretsWaiting(db: Queryable, principal: Principal, now = new Date()) {
  const { rows } = await db.query<{ id: string; robotName: string; expiresAt: Date; requestId: string; number: number; projectName: string }>(
    `SELECT s.id, s."robotName", s."expiresAt", s."requestId", r.number, r."projectName"
     FROM "RobotSecret" s JOIN "Request" r ON r.id = s."requestId"
     WHERE r."requesterId" = $1 AND s."revealedAt" IS NULL AND s."wipedAt" IS NULL AND s."expiresAt" > $2
     ORDER BY s."expiresAt" ASC, s.id ASC`,
    [principal.id, now],
  );
  return rows.map(({ number, projectName, ...secret }) => ({ ...secret, request: { number, projectName } }));
}

export interface FailedJob {
  id: string;
  kind: string;
  state: string;
  lastError: string | null;
  updatedAt: Date;
  request: { id: string; number: number; projectName: string; kind: RequestKindName } | null;
  grant: { subjectName: string; projectName: string } | null;
}

/** Provisioning jobs that failed and wait for an approver's retry, latest first (one statement). */
export async function failedJobs(db: Queryable, take = 50): Promise<FailedJob[]> {
  const { rows } = await db.query<Omit<FailedJob, "request" | "grant"> & { requestId: string | null; number: number | null; requestProject: string | null; requestKind: RequestKindName | null; subjectName: string | null; grantProject: string | null }>(
    `SELECT j.id, j.kind::text AS kind, j.state::text AS state, j."lastError", j."updatedAt",
       r.id AS "requestId", r.number, r."projectName" AS "requestProject", r.kind::text AS "requestKind",
       g."subjectName", g."projectName" AS "grantProject"
     FROM "ProvisioningJob" j LEFT JOIN "Request" r ON r.id = j."requestId" LEFT JOIN "Grant" g ON g.id = j."grantId"
     WHERE j.state = 'FAILED'
     ORDER BY j."updatedAt" DESC, j.id DESC LIMIT ${Math.trunc(take)}`,
  );
  return rows.map((j) => ({
    id: j.id,
    kind: j.kind,
    state: j.state,
    lastError: j.lastError,
    updatedAt: j.updatedAt,
    request: j.requestId === null ? null : { id: j.requestId, number: j.number!, projectName: j.requestProject!, kind: j.requestKind! },
    grant: j.subjectName === null ? null : { subjectName: j.subjectName, projectName: j.grantProject! },
  }));
}

export interface DriftProject {
  projectName: string;
  findings: DriftFinding[];
  since: Date | null;
  checkedAt: Date | null;
  failure: string | null;
  failedAt: Date | null;
}

export interface DriftOverview {
  /** managed projects the background check has compared with Harbor at least once */
  checked: number;
  /** the oldest of those comparisons (how stale "no drift" may be) */
  oldestCheck: Date | null;
  /** how many projects differ from what was approved, and the first of them, most findings first */
  differing: { count: number; projects: DriftProject[] };
  /** how many projects without findings could not be read in Harbor at their last check, and the latest of them */
  unreadable: { count: number; projects: DriftProject[] };
}

/** The background drift check's latest state for the approvers' home: every active project (approvers see all). */
export async function driftOverview(db: Queryable, take = 10): Promise<DriftOverview> {
  // one statement on every approver's home: the totals in the first row, then the two short lists, each in its order
  const { rows } = await db.query<DriftProject & { list: "totals" | "differing" | "unreadable"; checked: number | null; oldestCheck: Date | null; differing: number | null; unreadable: number | null }>(
    `
    WITH d AS MATERIALIZED (
      SELECT dc."projectName", dc.findings, dc.since, dc."checkedAt", dc.failure, dc."failedAt", dc."findingCount"
      FROM "DriftCheck" dc JOIN "Project" p ON p.id = dc."projectId" WHERE p.state = 'ACTIVE'
    )
    SELECT 'totals' AS list, NULL::text AS "projectName", NULL::jsonb AS findings, NULL::timestamptz AS since, NULL::timestamptz AS "checkedAt", NULL::text AS failure, NULL::timestamptz AS "failedAt",
      (SELECT count(*) FROM d WHERE "checkedAt" IS NOT NULL)::int AS checked, (SELECT min("checkedAt") FROM d) AS "oldestCheck",
      (SELECT count(*) FROM d WHERE "findingCount" > 0)::int AS differing, (SELECT count(*) FROM d WHERE "findingCount" = 0 AND failure IS NOT NULL)::int AS unreadable
    UNION ALL (
      SELECT 'differing', "projectName", findings, since, "checkedAt", failure, "failedAt", NULL, NULL, NULL, NULL
      FROM d WHERE "findingCount" > 0 ORDER BY "findingCount" DESC, "projectName" LIMIT $1
    )
    UNION ALL (
      SELECT 'unreadable', "projectName", findings, since, "checkedAt", failure, "failedAt", NULL, NULL, NULL, NULL
      FROM d WHERE "findingCount" = 0 AND failure IS NOT NULL ORDER BY "failedAt" DESC, "projectName" LIMIT $2
    )`,
    [take, Math.ceil(take / 2)],
  );
  const totals = rows[0]!;
  const listed = (list: "differing" | "unreadable"): DriftProject[] =>
    rows.filter((r) => r.list === list).map((r) => ({ projectName: r.projectName, findings: r.findings as DriftFinding[], since: r.since, checkedAt: r.checkedAt, failure: r.failure, failedAt: r.failedAt }));
  return {
    checked: totals.checked ?? 0,
    oldestCheck: totals.oldestCheck,
    differing: { count: totals.differing ?? 0, projects: listed("differing") },
    unreadable: { count: totals.unreadable ?? 0, projects: listed("unreadable") },
  };
}
