import "server-only";
import { errorField, logger } from "../log";
import { cache } from "react";
import { database } from "../db";
import { checkTrailRole } from "./db-role";
import { auditKeyring } from "./signing";
import { reads, type Queryable } from "../sql";
import { chainStatus, type ChainStatus } from "./verify";

// What the auditor pages show besides the query views: the chain's status once per page request, this month's
// grant counts, and names for the pickers.

/** The chain status once per request (layout and page may both show it); null when the database did not answer. */
export const loadChainStatus = cache(async (): Promise<ChainStatus | null> => {
  try {
    return await chainStatus(database().pool, { keyring: auditKeyring(), reads: reads() });
  } catch (e) {
    logger().error("chain status failed", { error: errorField(e) });
    return null;
  }
});

/**
 * What Berth's database role could do to the trail that it must not (empty when it may only read and append), once per
 * request; null when the database did not answer. Start-up refuses such a role unless BERTH_ALLOW_PRIVILEGED_DB_ROLE is
 * set, and rights can change while Berth runs, so every audit page asks again.
 */
export const loadTrailRoleProblems = cache(async (): Promise<string[] | null> => {
  try {
    const check = await checkTrailRole(reads());
    return check.state === "checked" ? check.problems : [];
  } catch (e) {
    console.error("[berth] database role check failed:", e instanceof Error ? e.message : "unknown error");
    return null;
  }
});

export interface MonthCounts {
  monthStart: Date;
  started: number;
  expired: number;
  revoked: number;
  superseded: number;
}

/** Grants started and ended in the current UTC month, counted from the trail (activation and ending events). */
export async function grantsThisMonth(db: Queryable, now = new Date()): Promise<MonthCounts> {
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const { rows } = await db.query<{ action: string; n: string }>(
    `SELECT action, count(*)::text AS n FROM "AuditEvent"
     WHERE at >= $1::timestamptz AND "objectType" = 'grant' AND action IN ('grant.activated', 'grant.expired', 'grant.revoked', 'grant.superseded')
     GROUP BY action`,
    [monthStart.toISOString()],
  );
  const count = (action: string) => Number(rows.find((r) => r.action === action)?.n ?? 0);
  return { monthStart, started: count("grant.activated"), expired: count("grant.expired"), revoked: count("grant.revoked"), superseded: count("grant.superseded") };
}

/** Names for the pickers (datalists): projects, and groups that ever held a grant. Capped: they are suggestions. */
export async function pickerNames(db: Queryable): Promise<{ projects: string[]; groups: string[] }> {
  const [projects, groups] = await Promise.all([
    db.query<{ name: string }>(`SELECT name FROM "Project" ORDER BY name LIMIT 500`),
    db.query<{ name: string }>(`SELECT DISTINCT "subjectName" AS name FROM "Grant" WHERE "subjectType" = 'GROUP' ORDER BY 1 LIMIT 500`),
  ]);
  return { projects: projects.rows.map((r) => r.name), groups: groups.rows.map((r) => r.name) };
}
