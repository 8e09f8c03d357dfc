import "server-only";
import { accessAtQuerySchema, type AccessAtQuery } from "../filters";
import { roleName } from "../roles";
import { Params, type Queryable, type SqlQuery } from "../sql";
import { GRANT_END_ACTIONS } from "../types";
import { APPROVERS_JSON, toApprovers, type Approver, type GrantAccess, type Permission, type RawApprover } from "./grant-history";

// Who had access at an instant: computed from the trail's activations and endings, not from the grants' state.

export interface AccessAtRow extends GrantAccess {
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
