import "server-only";
import type { Tx } from "../db";
import { LeaseLostError } from "./plan";
import type { Queryable } from "../sql";

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

/** The rows a job run needs, as JSON, read with the claim (lib/provisioning/steps.ts turns them into a JobContext). */
export interface ContextRows {
  steps: Record<string, unknown>[];
  request: Record<string, unknown> | null;
  approvals: Record<string, unknown>[];
  grant: Record<string, unknown> | null;
  project: Record<string, unknown> | null;
}

export interface Claim extends ClaimedJob {
  rows: ContextRows;
  /** The first unfinished step, marked RUNNING by the claim (null: no step to start). */
  startedStepId: string | null;
  /** Whether the claim moved the job's request to PROVISIONING (its first run). */
  requestMoved: boolean;
}

/**
 * Claims the next due job: a queued one whose time has come, or a running one whose lease ran out (its worker
 * died). SKIP LOCKED lets any number of workers claim at once without waiting on each other or taking the same job.
 * The same statement reads the job's rows, marks its first unfinished step RUNNING and, on a provisioning job's
 * first run, moves its request to PROVISIONING; the caller's transaction adds the audit event and commits before
 * Harbor is called.
 */
export async function claimNextJob(db: Queryable, workerId: string, leaseSeconds: number, now: Date): Promise<Claim | null> {
  const { rows } = await db.query<ClaimedJob & ContextRows & { startedStepId: string | null; requestMoved: number }>(
    `WITH c AS (
       UPDATE "ProvisioningJob" AS j
       SET state = 'RUNNING', "lockedBy" = $1, "lockedUntil" = now() + make_interval(secs => $2::int),
           attempts = j.attempts + 1, "updatedAt" = now()
       WHERE j.id = (
         SELECT id FROM "ProvisioningJob"
         WHERE (state = 'QUEUED' AND "runAt" <= now()) OR (state = 'RUNNING' AND "lockedUntil" < now())
         ORDER BY "runAt", "createdAt"
         LIMIT 1
         FOR UPDATE SKIP LOCKED)
       RETURNING j.id, j.kind, j."requestId", j."grantId", j.attempts, j."maxAttempts"),
     first AS (
       SELECT s.id FROM "ProvisioningStep" s JOIN c ON s."jobId" = c.id
       WHERE s.state <> 'SUCCEEDED' AND c.attempts <= c."maxAttempts"
       ORDER BY s.ordinal LIMIT 1),
     started AS (
       UPDATE "ProvisioningStep" s SET state = 'RUNNING', attempts = s.attempts + 1, "startedAt" = $3, "finishedAt" = NULL, error = NULL, "harborRequestId" = NULL
       FROM first WHERE s.id = first.id RETURNING s.id),
     moved AS (
       UPDATE "Request" r SET state = 'PROVISIONING', "updatedAt" = now()
       FROM c WHERE r.id = c."requestId" AND c.kind = 'PROVISION' AND r.state <> 'PROVISIONING' AND EXISTS (SELECT 1 FROM first)
       RETURNING r.id)
     SELECT c.id, c.kind::text AS kind, c."requestId", c."grantId", c.attempts, c."maxAttempts",
       (SELECT id FROM started) AS "startedStepId",
       (SELECT count(*) FROM moved)::int AS "requestMoved",
       (SELECT coalesce(json_agg(s ORDER BY s.ordinal), '[]') FROM "ProvisioningStep" s WHERE s."jobId" = c.id) AS steps,
       (SELECT row_to_json(r) FROM "Request" r WHERE r.id = c."requestId") AS request,
       (SELECT coalesce(json_agg(a ORDER BY a."createdAt"), '[]') FROM "Approval" a WHERE a."requestId" = c."requestId") AS approvals,
       (SELECT row_to_json(g) FROM "Grant" g WHERE g.id = c."grantId") AS grant,
       (SELECT row_to_json(p) FROM "Project" p
        WHERE p.id = coalesce((SELECT "projectId" FROM "Grant" WHERE id = c."grantId"),
                              (SELECT p2.id FROM "Project" p2 JOIN "Request" r2 ON r2."projectName" = p2.name WHERE r2.id = c."requestId"))) AS project
     FROM c`,
    [workerId, leaseSeconds, now],
  );
  const row = rows[0];
  if (!row) return null;
  // The sub-selects read the rows as they were before this statement's own updates.
  const { steps, request, approvals, grant, project, startedStepId, requestMoved, ...job } = row;
  return { ...job, rows: { steps, request, approvals, grant, project }, startedStepId, requestMoved: requestMoved > 0 };
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

/**
 * Hands a claimed job back to the queue at once (a worker stopping between two steps): QUEUED and due now, the step
 * it had started but not called Harbor for back to PENDING, the claim not counted as an attempt; NOTIFY wakes
 * another worker. Fenced: a job this worker no longer holds is left alone (false).
 */
export async function releaseJob(client: Queryable, jobId: string, workerId: string, unstartedStepId: string | null): Promise<boolean> {
  const { rowCount } = await client.query(
    `UPDATE "ProvisioningJob" SET state = 'QUEUED', "lockedBy" = NULL, "lockedUntil" = NULL, "runAt" = now(), attempts = GREATEST(attempts - 1, 0), "updatedAt" = now()
     WHERE id = $1 AND "lockedBy" = $2 AND state = 'RUNNING'`,
    [jobId, workerId],
  );
  if (!rowCount) return false;
  if (unstartedStepId) {
    await client.query(`UPDATE "ProvisioningStep" SET state = 'PENDING', attempts = GREATEST(attempts - 1, 0), "startedAt" = NULL WHERE id = $1 AND state = 'RUNNING'`, [unstartedStepId]);
  }
  await client.query(`SELECT pg_notify($1, $2)`, [JOBS_CHANNEL, jobId]);
  return true;
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
