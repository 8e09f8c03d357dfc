import type { AuditEventInput } from "../audit/types";
import { roleById } from "../core/roles";
import { subjectKey } from "../core/names";
import type { Grant, ProvisioningStep } from "../generated/prisma/client";
import { LeaseLostError, StepError, type ClassifiedError } from "./plan";
import { json, type Queryable } from "./sql";
import { wipeSecretsOfGrant, type JobContext } from "./steps";

// What a job's end writes: the records Harbor's new state makes true, and their audit events, in one transaction.

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

const subjectOf = (g: Pick<Grant, "subjectType" | "subjectName">) => subjectKey(g.subjectType, g.subjectName);

function jobEvent(ctx: JobContext, action: string, extra: Partial<AuditEventInput> = {}): AuditEventInput {
  return {
    action,
    objectType: "job",
    objectId: ctx.job.id,
    requestId: ctx.request?.id ?? ctx.grant?.requestId ?? null,
    projectName: ctx.request?.projectName ?? ctx.grant?.projectName ?? ctx.project?.name ?? null,
    subject: ctx.grant ? subjectOf(ctx.grant) : null,
    ...extra,
  };
}

/** job.step.succeeded: the step, its attempt and result (ids only), with Harbor's request id. */
export function stepSucceededEvent(ctx: JobContext, step: ProvisioningStep, harborRequestId: string | null, result: unknown): AuditEventInput {
  return jobEvent(ctx, "job.step.succeeded", { harborRequestId, after: { step: step.key, label: step.label, attempt: step.attempts, result: result as null } });
}

function grantEvent(grant: Pick<Grant, "id" | "projectName" | "subjectType" | "subjectName" | "requestId">, action: string, extra: Partial<AuditEventInput>): AuditEventInput {
  return { action, objectType: "grant", objectId: grant.id, projectName: grant.projectName, subject: subjectOf(grant), requestId: grant.requestId, ...extra };
}

function requestEvent(requestId: string, projectName: string, action: string, before: string, after: string): AuditEventInput {
  return { action, objectType: "request", objectId: requestId, requestId, projectName, before: { state: before }, after: { state: after } };
}

async function setRequestState(c: Queryable, id: string, state: string, closedAt: Date | null = null) {
  await c.query(`UPDATE "Request" SET state = $2, "closedAt" = coalesce($3, "closedAt"), "updatedAt" = now() WHERE id = $1`, [id, state, closedAt]);
}

async function readGrant(c: Queryable, id: string): Promise<Grant | null> {
  const { rows } = await c.query<Grant>(`SELECT * FROM "Grant" WHERE id = $1`, [id]);
  return rows[0] ?? null;
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

/**
 * Turns the grant ACTIVE with the Harbor ids the last step found (held on the in-memory grant). The write itself
 * happens in finalizeJob's closing statement, together with the request and the job.
 */
function activate(ctx: JobContext, grant: Grant, now: Date, activations: Grant[]): AuditEventInput {
  if (grant.endsAt && grant.endsAt <= now) throw new StepError(`the end date ${grant.endsAt.toISOString()} has already passed`);
  activations.push(grant);
  grant.state = "ACTIVE";
  grant.startsAt = now;
  const approvers = (ctx.request?.approvals ?? []).filter((a) => a.decision === "APPROVE").map((a) => ({ id: a.approverId, name: a.approverName }));
  return grantEvent(grant, "grant.activated", {
    after: {
      projectName: grant.projectName,
      subjectType: grant.subjectType,
      subjectName: grant.subjectName,
      roleId: grant.roleId,
      roleName: grant.roleId === null ? null : (roleById(grant.roleId)?.label ?? null),
      permissions: (grant.permissions as { resource: string; action: string }[] | null) ?? null,
      startsAt: iso(now),
      endsAt: iso(grant.endsAt),
      requestId: grant.requestId,
      approvers,
      harborMemberId: grant.harborMemberId,
      harborRobotId: grant.harborRobotId,
    },
  });
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

/** Request kinds whose finalize activates the job's grant, writing its Harbor ids (see activate). */
export const ACTIVATING_KINDS: readonly string[] = ["NEW_PROJECT", "GROUP_ACCESS", "ROBOT_ACCOUNT"];

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
  const activations: Grant[] = [];
  const { request, grant, project, typed } = ctx;

  if (ctx.job.kind === "EXPIRE" || ctx.job.kind === "REVOKE") {
    const current = grant ? await readGrant(c, grant.id) : null;
    // Already ended by the other removal path (a revoke racing an expiry): nothing more to record.
    if (current && current.state === "ACTIVE") events.push(...(await endGrant(c, current, ctx.job.kind === "EXPIRE" ? "EXPIRED" : "REVOKED", now)));
  } else {
    if (!request || !typed) throw new StepError("a provisioning job without its request");
    switch (typed.kind) {
      case "NEW_PROJECT": {
        if (!project || project.harborId === null || !grant) throw new StepError("the project was not created in Harbor");
        await c.query(`UPDATE "Project" SET state = 'ACTIVE', "harborId" = $2, "updatedAt" = now() WHERE id = $1`, [project.id, project.harborId]);
        events.push({
          action: "project.created",
          objectType: "project",
          objectId: project.id,
          projectName: project.name,
          requestId: request.id,
          before: { state: project.state },
          after: { state: "ACTIVE", harborId: project.harborId, ownerGroup: project.ownerGroup, template: project.template, quotaGiB: project.quotaGiB },
        });
        events.push(activate(ctx, grant, now, activations));
        break;
      }
      case "GROUP_ACCESS": {
        if (!grant) throw new StepError("the grant is missing");
        if (grant.supersedesId) {
          const old = await readGrant(c, grant.supersedesId);
          // Before the new grant turns ACTIVE: one ACTIVE grant per subject is a unique index.
          if (old && old.state === "ACTIVE") {
            const reason = `role changed by request #${request.number}`;
            await c.query(`UPDATE "Grant" SET state = 'SUPERSEDED', "endedAt" = $2, "endedBy" = 'system:worker', "endReason" = $3, "updatedAt" = now() WHERE id = $1`, [old.id, now, reason]);
            events.push(grantEvent(old, "grant.superseded", { before: { state: "ACTIVE", roleId: old.roleId }, after: { endedAt: iso(now), supersededBy: grant.id, roleId: grant.roleId } }));
          }
        }
        events.push(activate(ctx, grant, now, activations));
        break;
      }
      case "ROBOT_ACCOUNT": {
        if (!grant || grant.harborRobotId === null) throw new StepError("the robot was not created in Harbor");
        events.push(activate(ctx, grant, now, activations));
        break;
      }
      case "ROBOT_ROTATION": {
        if (!grant) throw new StepError("the grant is missing");
        const { rows } = await c.query<{ id: string; expiresAt: Date }>(`SELECT id, "expiresAt" FROM "RobotSecret" WHERE "requestId" = $1 ORDER BY "createdAt" DESC LIMIT 1`, [request.id]);
        events.push({
          action: "robot.secret.rotated",
          objectType: "robot",
          objectId: grant.id,
          projectName: grant.projectName,
          subject: subjectOf(grant),
          requestId: request.id,
          after: { harborRobotId: grant.harborRobotId, robotName: grant.harborRobotName, revealRecordId: rows[0]?.id ?? null, revealBy: iso(rows[0]?.expiresAt) },
        });
        break;
      }
      case "GRANT_EXTENSION": {
        if (!grant) throw new StepError("the grant is missing");
        const current = await readGrant(c, grant.id);
        if (!current || current.state !== "ACTIVE") throw new StepError(`the grant is ${current?.state.toLowerCase() ?? "gone"}; it can no longer be extended`);
        const newEndsAt = new Date(typed.payload.newEndsAt);
        await c.query(`UPDATE "Grant" SET "endsAt" = $2, "updatedAt" = now() WHERE id = $1`, [grant.id, newEndsAt]);
        events.push(grantEvent(current, "grant.extended", { before: { endsAt: iso(current.endsAt) }, after: { endsAt: iso(newEndsAt), extensionRequestId: request.id } }));
        break;
      }
      case "QUOTA_CHANGE": {
        if (!project) throw new StepError("the project is missing");
        await c.query(`UPDATE "Project" SET "quotaGiB" = $2, "updatedAt" = now() WHERE id = $1`, [project.id, typed.payload.quotaGiB]);
        events.push({
          action: "project.quota.changed",
          objectType: "project",
          objectId: project.id,
          projectName: project.name,
          requestId: request.id,
          before: { quotaGiB: project.quotaGiB },
          after: { quotaGiB: typed.payload.quotaGiB },
        });
        break;
      }
    }
    events.push(requestEvent(request.id, request.projectName, "request.active", request.state, "ACTIVE"));
  }

  // One statement: the job (only while this worker holds it: the fence; the others read `j`, so it runs first), the
  // last step, and the grant and request (of a provisioning job) that turn ACTIVE with it. Data-modifying CTEs
  // always run to completion, read or not.
  const activated = activations[0] ?? null;
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
      last ? json(last.result) : null,
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
    [step.id, harborRequestId, json(result), now, jobId, workerId],
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
