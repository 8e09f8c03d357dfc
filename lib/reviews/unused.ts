import "server-only";
import type { Queryable } from "../sql";
import type { ReviewConfig } from "./config";
import { DAY_MS } from "./timing";

// Unused access between campaigns (docs/reviews.md): active robots and group grants with no pull or push for
// BERTH_UNUSED_DAYS, from the usage check's stored reads. Only a project Harbor was read for, that logs pulls, counts:
// everything else is "unknown", and the approvers' home says so instead of calling it unused.

export interface UnusedGrant {
  grantId: string;
  projectName: string;
  ownerGroup: string;
  subjectType: "GROUP" | "ROBOT";
  subjectName: string;
  harborRobotName: string | null;
  roleId: number | null;
  startsAt: Date;
  /** The last pull or push within the window read (the robot's; for a group, anyone's in the project). */
  lastUsed: Date | null;
  checkedAt: Date;
  windowFrom: Date;
  /** The reason a revocation would start with: the evidence, in words. */
  evidence: string;
}

export interface UnreadableProject {
  projectName: string;
  status: string;
  reason: string | null;
  attemptedAt: Date | null;
}

export interface UnusedOverview {
  logging: ReviewConfig["auditLogging"];
  unusedDays: number;
  total: number;
  grants: UnusedGrant[];
  /** Projects whose latest read Harbor answered. */
  read: number;
  notReadYet: number;
  unreadable: { count: number; projects: UnreadableProject[] };
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const minute = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** The evidence as the revocation's reason, pre-filled for the approver (they may edit it). */
export function unusedEvidence(g: Omit<UnusedGrant, "evidence">, unusedDays: number): string {
  const who = g.subjectType === "ROBOT" ? (g.harborRobotName ?? g.subjectName) : `anyone in ${g.projectName} (Harbor logs people, not groups)`;
  const since = g.lastUsed ? `the last on ${day(g.lastUsed)}` : `none since ${day(g.windowFrom)}`;
  return `Unused for ${unusedDays} days: Harbor's audit log shows no pull or push by ${who} in the last ${unusedDays} days (${since}; read ${minute(g.checkedAt)}).`;
}

/** The approvers' list of unused access, oldest grants first, with how much of the registry could be read at all. */
export async function unusedAccess(db: Queryable, config: Pick<ReviewConfig, "auditLogging" | "unusedDays">, now = new Date(), limit = 20): Promise<UnusedOverview> {
  const threshold = new Date(now.getTime() - config.unusedDays * DAY_MS);
  const [found, state] = await Promise.all([
    config.auditLogging === "on"
      ? db.query<Omit<UnusedGrant, "evidence"> & { total: number }>(
          `WITH candidates AS (
             SELECT g.id AS "grantId", g."projectName", p."ownerGroup", g."subjectType"::text AS "subjectType", g."subjectName", g."harborRobotName", g."roleId", g."startsAt",
               u."checkedAt", u."windowFrom",
               CASE WHEN g."subjectType" = 'ROBOT' THEN u.robots -> coalesce(g."harborRobotName", 'robot$' || g."projectName" || '+' || g."subjectName") ELSE u.users END AS f
             FROM "Grant" g
             JOIN "Project" p ON p.id = g."projectId"
             JOIN "UsageCheck" u ON u."projectId" = g."projectId"
             WHERE g.state = 'ACTIVE' AND p.state = 'ACTIVE' AND NOT (g."subjectType" = 'GROUP' AND g."subjectName" = p."ownerGroup")
               AND u.status = 'ok' AND u."pullsLogged" AND g."startsAt" <= $1 AND u."windowFrom" <= $1::timestamptz + interval '1 day'
           ), used AS (
             SELECT c.*, greatest((c.f ->> 'lastPull')::timestamptz, (c.f ->> 'lastPush')::timestamptz) AS "lastUsed" FROM candidates c
           )
           SELECT "grantId", "projectName", "ownerGroup", "subjectType", "subjectName", "harborRobotName", "roleId", "startsAt", "checkedAt", "windowFrom", "lastUsed",
             count(*) OVER ()::int AS total
           FROM used WHERE "lastUsed" IS NULL OR "lastUsed" < $1
           ORDER BY "startsAt", "projectName", "subjectName" LIMIT $2`,
          [threshold, limit],
        )
      : Promise.resolve({ rows: [] as (Omit<UnusedGrant, "evidence"> & { total: number })[] }),
    // the counts and the newest unreadable projects in one statement: a row per listed project, the counts on each
    db.query<{ read: number; notReadYet: number; unreadable: number } & { [K in keyof UnreadableProject]: UnreadableProject[K] | null }>(
      `SELECT s.read, s."notReadYet", s.unreadable, l."projectName", l.status, l.reason, l."attemptedAt"
       FROM (
         SELECT count(*) FILTER (WHERE u.status = 'ok')::int AS read, count(*) FILTER (WHERE u.status IS NULL)::int AS "notReadYet",
           count(*) FILTER (WHERE u.status IN ('forbidden', 'project-not-found', 'unavailable'))::int AS unreadable
         FROM "UsageCheck" u JOIN "Project" p ON p.id = u."projectId" WHERE p.state = 'ACTIVE'
       ) s
       LEFT JOIN LATERAL (
         SELECT u."projectName", u.status, u.reason, u."attemptedAt" FROM "UsageCheck" u JOIN "Project" p ON p.id = u."projectId"
         WHERE p.state = 'ACTIVE' AND u.status IN ('forbidden', 'project-not-found', 'unavailable') ORDER BY u."attemptedAt" DESC NULLS LAST, u."projectName" LIMIT 5
       ) l ON true
       ORDER BY l."attemptedAt" DESC NULLS LAST, l."projectName"`,
    ),
  ]);
  const s = state.rows[0] ?? { read: 0, notReadYet: 0, unreadable: 0 };
  const unreadable = state.rows.flatMap((r) => (r.projectName !== null && r.status !== null ? [{ projectName: r.projectName, status: r.status, reason: r.reason, attemptedAt: r.attemptedAt }] : []));
  return {
    logging: config.auditLogging,
    unusedDays: config.unusedDays,
    total: found.rows[0]?.total ?? 0,
    grants: found.rows.map(({ total: _total, ...g }) => ({ ...g, evidence: unusedEvidence(g, config.unusedDays) })),
    read: s.read,
    notReadYet: s.notReadYet,
    unreadable: { count: s.unreadable, projects: unreadable },
  };
}
