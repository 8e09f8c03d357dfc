import "server-only";
import { can } from "../authz/permissions";
import type { Principal } from "../authz/principal";
import type { Queryable } from "../sql";
import { forbidden } from "../core/errors";

const DAY = 86_400_000;

export interface DayStat {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  requests: number;
  decided: number;
  medianDecisionMs: number | null;
}

export interface RequestStats {
  days: DayStat[];
  totalRequests: number;
  totalDecided: number;
  /** Median time from submission to the final decision (approval complete or rejection), over the whole window. */
  medianDecisionMs: number | null;
}

export const utcDay = (d: Date) => d.toISOString().slice(0, 10);

/** The first instant of the window: midnight UTC, `days - 1` days before today, so today is the last bar. */
export function windowStart(now: Date, days: number): Date {
  const start = new Date(now.getTime() - (days - 1) * DAY);
  start.setUTCHours(0, 0, 0, 0);
  return start;
}

export interface SubmittedRow {
  day: string;
  n: number;
}

export interface DecidedRow {
  /** null for the whole-window total (GROUPING SETS). */
  day: string | null;
  n: number;
  median_ms: number | null;
}

/** Every day of the window, with zeros where nothing happened. */
export function fillDays(start: Date, days: number, submitted: readonly SubmittedRow[], decided: readonly DecidedRow[]): RequestStats {
  const sub = new Map(submitted.map((r) => [r.day, Number(r.n)]));
  const dec = new Map(decided.filter((r) => r.day !== null).map((r) => [r.day!, r]));
  const total = decided.find((r) => r.day === null);
  const out: DayStat[] = [];
  for (let i = 0; i < days; i++) {
    const day = utcDay(new Date(start.getTime() + i * DAY));
    const d = dec.get(day);
    out.push({ day, requests: sub.get(day) ?? 0, decided: d ? Number(d.n) : 0, medianDecisionMs: d?.median_ms ?? null });
  }
  return {
    days: out,
    totalRequests: out.reduce((s, d) => s + d.requests, 0),
    totalDecided: total ? Number(total.n) : 0,
    medianDecisionMs: total?.median_ms ?? null,
  };
}

/** Requests per day and time to decision over the last `days` days, for approvers (the home page chart), in one statement. */
export async function requestStats(db: Queryable, principal: Principal, now = new Date(), days = 30): Promise<RequestStats> {
  if (!can(principal, "request:read-any")) throw forbidden();
  const since = windowStart(now, days);
  const { rows } = await db.query<DecidedRow & { kind: "submitted" | "decided" }>(
    `SELECT 'submitted' AS kind, to_char(("createdAt" AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day, count(*)::int AS n, NULL::float8 AS median_ms
       FROM "Request" WHERE "createdAt" >= $1::timestamptz AND "createdAt" <= $2::timestamptz
       GROUP BY 2
     UNION ALL
     SELECT 'decided', day, count(*)::int, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::float8
       FROM (
         SELECT to_char(("decidedAt" AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day, extract(epoch FROM "decidedAt" - "createdAt") * 1000 AS ms
         FROM "Request" WHERE "decidedAt" >= $1::timestamptz AND "decidedAt" <= $2::timestamptz
       ) d
       GROUP BY GROUPING SETS ((day), ())`,
    [since, now],
  );
  const submitted = rows.filter((r) => r.kind === "submitted").map((r) => ({ day: r.day!, n: r.n }));
  return fillDays(since, days, submitted, rows.filter((r) => r.kind === "decided"));
}
