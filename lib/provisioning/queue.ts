import type { Tx } from "../db";
import { LeaseLostError } from "./plan";
import type { Queryable } from "./sql";

// The job queue on "ProvisioningJob" (ADR 006): SKIP LOCKED claims, leases renewed by a heartbeat, NOTIFY on enqueue.

export const JOBS_CHANNEL = "berth_jobs";

export interface ClaimedJob {
  id: string;
  kind: "PROVISION" | "EXPIRE" | "REVOKE";
  requestId: string | null;
  grantId: string | null;
  attempts: number;
  maxAttempts: number;
}

/**
 * Claims the next due job: a queued one whose time has come, or a running one whose lease ran out (its worker
 * died). SKIP LOCKED lets any number of workers claim at once without waiting on each other or taking the same job.
 */
export async function claimNextJob(db: Queryable, workerId: string, leaseSeconds: number): Promise<ClaimedJob | null> {
  const { rows } = await db.query<ClaimedJob>(
    `UPDATE "ProvisioningJob" AS j
     SET state = 'RUNNING', "lockedBy" = $1, "lockedUntil" = now() + make_interval(secs => $2::int),
         attempts = j.attempts + 1, "updatedAt" = now()
     WHERE j.id = (
       SELECT id FROM "ProvisioningJob"
       WHERE (state = 'QUEUED' AND "runAt" <= now()) OR (state = 'RUNNING' AND "lockedUntil" < now())
       ORDER BY "runAt", "createdAt"
       LIMIT 1
       FOR UPDATE SKIP LOCKED)
     RETURNING j.id, j.kind::text AS kind, j."requestId", j."grantId", j.attempts, j."maxAttempts"`,
    [workerId, leaseSeconds],
  );
  return rows[0] ?? null;
}

/** Extends the lease; false when the job is no longer this worker's. */
export async function renewLease(db: Queryable, jobId: string, workerId: string, leaseSeconds: number): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE "ProvisioningJob" SET "lockedUntil" = now() + make_interval(secs => $3::int)
     WHERE id = $1 AND "lockedBy" = $2 AND state = 'RUNNING'`,
    [jobId, workerId, leaseSeconds],
  );
  return (rowCount ?? 0) > 0;
}

/**
 * Inside a recording transaction: holds the job row and proves the lease is still ours, so a worker that stalled
 * past its lease cannot record over the one that took the job over.
 */
export async function fence(client: Queryable, jobId: string, workerId: string): Promise<void> {
  const { rowCount } = await client.query(`SELECT 1 FROM "ProvisioningJob" WHERE id = $1 AND "lockedBy" = $2 AND state = 'RUNNING' FOR UPDATE`, [jobId, workerId]);
  if (!rowCount) throw new LeaseLostError(jobId);
}

/** Wakes listening workers once the caller's transaction commits (NOTIFY is transactional). */
export async function notifyJobs(tx: Tx, jobId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${JOBS_CHANNEL}, ${jobId})`;
}

/** Milliseconds until the next job becomes due (queued with a later runAt, or a lease running out); null if none. */
export async function msUntilNextDue(db: Queryable): Promise<number | null> {
  // MIN over no rows is NULL (GREATEST would turn that NULL into 0): clamp in JS instead.
  const { rows } = await db.query<{ ms: number | null }>(
    `SELECT (EXTRACT(EPOCH FROM (MIN(CASE WHEN state = 'QUEUED' THEN "runAt" ELSE "lockedUntil" END) - now())) * 1000)::float8 AS ms
     FROM "ProvisioningJob" WHERE state IN ('QUEUED', 'RUNNING')`,
  );
  const ms = rows[0]?.ms;
  return ms === null || ms === undefined ? null : Math.max(0, Number(ms));
}
