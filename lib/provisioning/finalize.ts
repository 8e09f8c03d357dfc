import "server-only";
import type { AuditEventInput } from "../audit/types";
import type { RequestKindName } from "../core/payloads";
import type { Grant, ProvisioningStep } from "../generated/prisma/client";
import { jsonParam, type Queryable } from "../sql";
import { FLOWS, type Flow } from "./flows";
import { LeaseLostError, StepError, type ClassifiedError } from "./plan";
import { grantEvent, iso, jobEvent, readGrant, requestEvent, setRequestState, wipeSecretsOfGrant, type JobContext } from "./records";

// What a job's end writes: the records Harbor's new state makes true, and their audit events, in one transaction.

/** job.step.succeeded: the step, its attempt and result (ids only), with Harbor's request id. */
export function stepSucceededEvent(ctx: JobContext, step: ProvisioningStep, harborRequestId: string | null, result: unknown): AuditEventInput {
  return jobEvent(ctx, "job.step.succeeded", { harborRequestId, after: { step: step.key, label: step.label, attempt: step.attempts, result: result as null } });
}

/**
 * Before a step's Harbor call, in one statement: proves the lease (holding the job row), marks the step RUNNING
 * and, on a provisioning job's first run, moves its request to PROVISIONING. Returns that move's audit event.
 */
export async function startStep(c: Queryable, ctx: JobContext, step: ProvisioningStep, workerId: string, now: Date): Promise<AuditEventInput[]> {
  const request = ctx.job.kind === "PROVISION" && ctx.request && ctx.request.state !== "PROVISIONING" ? ctx.request : null;
  const { rows } = await c.query<{ fenced: number; moved: number }>(
    `WITH j AS (SELECT id FROM "ProvisioningJob" WHERE id = $1 AND "lockedBy" = $2 AND state = 'RUNNING' FOR UPDATE),
     s AS (UPDATE "ProvisioningStep" SET state = 'RUNNING', attempts = attempts + 1, "startedAt" = $4, "finishedAt" = NULL, error = NULL, "harborRequestId" = NULL
           WHERE id = $3 AND EXISTS (SELECT 1 FROM j) RETURNING id),
     r AS (UPDATE "Request" SET state = 'PROVISIONING', "updatedAt" = now()
           WHERE id = $5::uuid AND state <> 'PROVISIONING' AND EXISTS (SELECT 1 FROM j) RETURNING id)
     SELECT (SELECT count(*) FROM j)::int AS fenced, (SELECT count(*) FROM r)::int AS moved`,
    [ctx.job.id, workerId, step.id, now, request?.id ?? null],
  );
  if (!rows[0]?.fenced) throw new LeaseLostError(ctx.job.id);
  step.state = "RUNNING";
  step.attempts += 1;
  if (!request || !rows[0].moved) return [];
  const before = request.state;
  request.state = "PROVISIONING";
  return [{ ...requestEvent(request.id, request.projectName, "request.provisioning", before, "PROVISIONING"), after: { state: "PROVISIONING", jobId: ctx.job.id } }];
}

/** request.provisioning, for the claim that moved the request (queue.ts claimNextJob). */
export function provisioningEvent(jobId: string, request: { id: string; state: string; projectName: string }): AuditEventInput {
  return { ...requestEvent(request.id, request.projectName, "request.provisioning", request.state, "PROVISIONING"), after: { state: "PROVISIONING", jobId } };
}

/** A job with no steps (a group extension) moves its request to PROVISIONING in its finalizing transaction. */
export async function beginJob(c: Queryable, ctx: JobContext): Promise<AuditEventInput[]> {
  const request = ctx.request;
  if (ctx.job.kind !== "PROVISION" || !request || request.state === "PROVISIONING") return [];
  const before = request.state;
  await setRequestState(c, request.id, "PROVISIONING");
  request.state = "PROVISIONING";
  return [{ ...requestEvent(request.id, request.projectName, "request.provisioning", before, "PROVISIONING"), after: { state: "PROVISIONING", jobId: ctx.job.id } }];
}

/** Ends a grant that Harbor no longer has: EXPIRED or REVOKED, with the request it came from. */
async function endGrant(c: Queryable, grant: Grant, state: "EXPIRED" | "REVOKED", now: Date): Promise<AuditEventInput[]> {
  const endedBy = grant.endedBy ?? (state === "EXPIRED" ? "system:expiry" : "system:worker");
  const reason = grant.endReason ?? (state === "EXPIRED" ? "end date reached" : "revoked");
  await c.query(`UPDATE "Grant" SET state = $2, "endedAt" = $3, "endedBy" = $4, "endReason" = $5, "updatedAt" = now() WHERE id = $1`, [grant.id, state, now, endedBy, reason]);
  const events: AuditEventInput[] = [
    grantEvent(grant, state === "EXPIRED" ? "grant.expired" : "grant.revoked", { before: { state: "ACTIVE", endsAt: iso(grant.endsAt) }, after: { endedAt: iso(now), endedBy, reason } }),
  ];
  const { rows } = await c.query<{ id: string; state: string; projectName: string }>(`SELECT id, state::text AS state, "projectName" FROM "Request" WHERE id = $1`, [grant.requestId]);
  const origin = rows[0];
  if (origin && origin.state !== state) {
    await setRequestState(c, origin.id, state, now);
    events.push(requestEvent(origin.id, origin.projectName, state === "EXPIRED" ? "request.expired" : "request.revoked", origin.state, state));
  }
  if (grant.subjectType === "ROBOT") events.push(...(await wipeSecretsOfGrant(c, grant, now, "robot deleted")));
  return events;
}

/** The last step's success, recorded by finalizeJob's closing statement rather than a statement of its own. */
export interface LastStep {
  step: ProvisioningStep;
  harborRequestId: string | null;
  result: unknown;
}

/**
 * All steps done: record what is now true, close the job. The closing statement proves the lease (the job row is
 * updated only while `workerId` holds it, or LeaseLostError rolls everything back) and records `last`, the step
 * that just succeeded, if any.
 */
export async function finalizeJob(c: Queryable, ctx: JobContext, now: Date, workerId: string, last: LastStep | null = null): Promise<AuditEventInput[]> {
  const events: AuditEventInput[] = [];
  let activated: Grant | null = null;
  const { request, grant, typed } = ctx;

  if (ctx.job.kind === "EXPIRE" || ctx.job.kind === "REVOKE") {
    const current = grant ? await readGrant(c, grant.id) : null;
    // Already ended by the other removal path (a revoke racing an expiry): nothing more to record.
    if (current && current.state === "ACTIVE") events.push(...(await endGrant(c, current, ctx.job.kind === "EXPIRE" ? "EXPIRED" : "REVOKED", now)));
  } else {
    if (!request || !typed) throw new StepError("a provisioning job without its request");
    const flow = FLOWS[typed.kind] as Flow<RequestKindName>;
    const closing = await flow.finalize(c, ctx, typed.payload, now);
    events.push(...closing.events);
    activated = closing.activated ?? null;
    events.push(requestEvent(request.id, request.projectName, "request.active", request.state, "ACTIVE"));
  }

  // One statement: the job (only while this worker holds it: the fence; the others read `j`, so it runs first), the
  // last step, and the grant and request (of a provisioning job) that turn ACTIVE with it. Data-modifying CTEs
  // always run to completion, read or not.
  const { rows } = await c.query<{ fenced: number }>(
    `WITH j AS (UPDATE "ProvisioningJob" SET state = 'SUCCEEDED', "finishedAt" = $2, "lockedBy" = NULL, "lockedUntil" = NULL, "lastError" = NULL, "updatedAt" = now()
           WHERE id = $1 AND "lockedBy" = $9 AND state = 'RUNNING' RETURNING id),
     s AS (UPDATE "ProvisioningStep" SET state = 'SUCCEEDED', "harborRequestId" = $11, result = $12, "finishedAt" = $2, error = NULL
           WHERE id = $10::uuid AND EXISTS (SELECT 1 FROM j) RETURNING id),
     r AS (UPDATE "Request" SET state = 'ACTIVE', "updatedAt" = now() WHERE id = $3::uuid AND EXISTS (SELECT 1 FROM j) RETURNING id),
     g AS (UPDATE "Grant" SET state = 'ACTIVE', "startsAt" = $2, "harborMemberId" = $5, "harborRobotId" = $6, "harborRobotName" = $7, "endsAt" = $8, "updatedAt" = now()
           WHERE id = $4::uuid AND EXISTS (SELECT 1 FROM j) RETURNING id)
     SELECT (SELECT count(*) FROM j)::int AS fenced`,
    [
      ctx.job.id,
      now,
      ctx.job.kind === "PROVISION" ? (request?.id ?? null) : null,
      activated?.id ?? null,
      activated?.harborMemberId ?? null,
      activated?.harborRobotId ?? null,
      activated?.harborRobotName ?? null,
      activated?.endsAt ?? null,
      workerId,
      last?.step.id ?? null,
      last?.harborRequestId ?? null,
      last ? jsonParam(last.result) : null,
    ],
  );
  if (!rows[0]?.fenced) throw new LeaseLostError(ctx.job.id);
  events.push(jobEvent(ctx, "job.succeeded", { after: { kind: ctx.job.kind, attempts: ctx.job.attempts, steps: ctx.steps.length } }));
  return events;
}

/** Proves the lease (holding the job row until commit) and marks the step SUCCEEDED with Harbor's request id and its result. */
export async function recordStepSuccess(c: Queryable, jobId: string, workerId: string, step: ProvisioningStep, harborRequestId: string | null, result: unknown, now: Date): Promise<void> {
  const { rows } = await c.query<{ fenced: number }>(
    `WITH j AS (SELECT id FROM "ProvisioningJob" WHERE id = $5 AND "lockedBy" = $6 AND state = 'RUNNING' FOR UPDATE),
     s AS (UPDATE "ProvisioningStep" SET state = 'SUCCEEDED', "harborRequestId" = $2, result = $3, "finishedAt" = $4, error = NULL
           WHERE id = $1 AND EXISTS (SELECT 1 FROM j) RETURNING id)
     SELECT (SELECT count(*) FROM j)::int AS fenced`,
    [step.id, harborRequestId, jsonParam(result), now, jobId, workerId],
  );
  if (!rows[0]?.fenced) throw new LeaseLostError(jobId);
}

/** A step (or the job) failed: back on the queue in `retryInMs`, or (null) FAILED for a person to look at. */
export async function recordFailure(
  c: Queryable,
  ctx: JobContext,
  step: ProvisioningStep | null,
  error: ClassifiedError,
  now: Date,
  retryInMs: number | null,
): Promise<AuditEventInput[]> {
  const events: AuditEventInput[] = [];
  const retryAt = retryInMs === null ? null : new Date(now.getTime() + retryInMs);
  if (step) {
    await c.query(`UPDATE "ProvisioningStep" SET state = 'FAILED', error = $2, "harborRequestId" = $3, "finishedAt" = $4 WHERE id = $1`, [step.id, error.message, error.harborRequestId, now]);
    events.push(
      jobEvent(ctx, "job.step.failed", {
        harborRequestId: error.harborRequestId,
        after: { step: step.key, attempt: step.attempts, error: error.message, retryable: error.retryable, retryAt: iso(retryAt) },
      }),
    );
  }
  if (retryInMs !== null) {
    // runAt on the database clock, the one claims compare against
    await c.query(
      `UPDATE "ProvisioningJob" SET state = 'QUEUED', "runAt" = now() + make_interval(secs => $2::float8), "lockedBy" = NULL, "lockedUntil" = NULL, "lastError" = $3, "updatedAt" = now()
       WHERE id = $1`,
      [ctx.job.id, retryInMs / 1000, error.message],
    );
    return events;
  }
  await c.query(`UPDATE "ProvisioningJob" SET state = 'FAILED', "finishedAt" = $2, "lockedBy" = NULL, "lockedUntil" = NULL, "lastError" = $3, "updatedAt" = now() WHERE id = $1`, [ctx.job.id, now, error.message]);
  events.push(jobEvent(ctx, "job.failed", { harborRequestId: error.harborRequestId, after: { kind: ctx.job.kind, attempts: ctx.job.attempts, error: error.message, step: step?.key ?? null } }));
  const request = ctx.request;
  if (ctx.job.kind === "PROVISION" && request && request.state !== "FAILED") {
    await setRequestState(c, request.id, "FAILED");
    events.push({ ...requestEvent(request.id, request.projectName, "request.failed", request.state, "FAILED"), after: { state: "FAILED", error: error.message } });
    if (request.kind === "NEW_PROJECT") await c.query(`UPDATE "Project" SET state = 'FAILED', "updatedAt" = now() WHERE "requestId" = $1 AND state = 'PROVISIONING'`, [request.id]);
  }
  return events;
}
