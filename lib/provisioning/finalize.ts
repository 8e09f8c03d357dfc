import type { AuditEventInput } from "../audit/types";
import type { Tx } from "../db";
import { roleById } from "../governance/harbor-roles";
import { subjectKey } from "../governance/payloads";
import type { Grant, ProvisioningStep } from "../generated/prisma/client";
import { StepError, type ClassifiedError } from "./plan";
import { wipeSecretsOfGrant, type JobContext } from "./steps";

// What a job's end writes: the records Harbor's new state makes true, and their audit events, in one transaction.

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

const subjectOf = (g: Grant) => subjectKey(g.subjectType, g.subjectName);

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

function grantEvent(grant: Grant, action: string, extra: Partial<AuditEventInput>): AuditEventInput {
  return { action, objectType: "grant", objectId: grant.id, projectName: grant.projectName, subject: subjectOf(grant), requestId: grant.requestId, ...extra };
}

function requestEvent(requestId: string, projectName: string, action: string, before: string, after: string): AuditEventInput {
  return { action, objectType: "request", objectId: requestId, requestId, projectName, before: { state: before }, after: { state: after } };
}

/** First claim of a provisioning job: the request moves to PROVISIONING. */
export async function beginJob(tx: Tx, ctx: JobContext): Promise<AuditEventInput[]> {
  const request = ctx.request;
  if (ctx.job.kind !== "PROVISION" || !request || request.state === "PROVISIONING") return [];
  const before = request.state;
  await tx.request.update({ where: { id: request.id }, data: { state: "PROVISIONING" } });
  request.state = "PROVISIONING";
  return [{ ...requestEvent(request.id, request.projectName, "request.provisioning", before, "PROVISIONING"), after: { state: "PROVISIONING", jobId: ctx.job.id } }];
}

async function activate(tx: Tx, ctx: JobContext, grant: Grant, now: Date): Promise<AuditEventInput> {
  if (grant.endsAt && grant.endsAt <= now) throw new StepError(`the end date ${grant.endsAt.toISOString()} has already passed`);
  await tx.grant.update({ where: { id: grant.id }, data: { state: "ACTIVE", startsAt: now, harborMemberId: grant.harborMemberId, harborRobotId: grant.harborRobotId, harborRobotName: grant.harborRobotName, endsAt: grant.endsAt } });
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
async function endGrant(tx: Tx, ctx: JobContext, grant: Grant, state: "EXPIRED" | "REVOKED", now: Date): Promise<AuditEventInput[]> {
  const endedBy = grant.endedBy ?? (state === "EXPIRED" ? "system:expiry" : "system:worker");
  const reason = grant.endReason ?? (state === "EXPIRED" ? "end date reached" : "revoked");
  await tx.grant.update({ where: { id: grant.id }, data: { state, endedAt: now, endedBy, endReason: reason } });
  const events: AuditEventInput[] = [grantEvent(grant, state === "EXPIRED" ? "grant.expired" : "grant.revoked", { before: { state: "ACTIVE", endsAt: iso(grant.endsAt) }, after: { endedAt: iso(now), endedBy, reason } })];
  const origin = await tx.request.findUnique({ where: { id: grant.requestId }, select: { id: true, state: true, projectName: true } });
  if (origin && origin.state !== state) {
    await tx.request.update({ where: { id: origin.id }, data: { state, closedAt: now } });
    events.push(requestEvent(origin.id, origin.projectName, state === "EXPIRED" ? "request.expired" : "request.revoked", origin.state, state));
  }
  if (grant.subjectType === "ROBOT") events.push(...(await wipeSecretsOfGrant(tx, grant, now, "robot deleted")));
  return events;
}

/** All steps done: record what is now true, close the job. */
export async function finalizeJob(tx: Tx, ctx: JobContext, now: Date): Promise<AuditEventInput[]> {
  const events: AuditEventInput[] = [];
  const { request, grant, project, typed } = ctx;

  if (ctx.job.kind === "EXPIRE" || ctx.job.kind === "REVOKE") {
    const g = grant ? await tx.grant.findUnique({ where: { id: grant.id } }) : null;
    // Already ended by the other removal path (a revoke racing an expiry): nothing more to record.
    if (g && g.state === "ACTIVE") events.push(...(await endGrant(tx, ctx, g, ctx.job.kind === "EXPIRE" ? "EXPIRED" : "REVOKED", now)));
  } else {
    if (!request || !typed) throw new StepError("a provisioning job without its request");
    switch (typed.kind) {
      case "NEW_PROJECT": {
        if (!project || project.harborId === null || !grant) throw new StepError("the project was not created in Harbor");
        await tx.project.update({ where: { id: project.id }, data: { state: "ACTIVE", harborId: project.harborId } });
        events.push({
          action: "project.created",
          objectType: "project",
          objectId: project.id,
          projectName: project.name,
          requestId: request.id,
          before: { state: project.state },
          after: { state: "ACTIVE", harborId: project.harborId, ownerGroup: project.ownerGroup, template: project.template, quotaGiB: project.quotaGiB },
        });
        events.push(await activate(tx, ctx, grant, now));
        break;
      }
      case "GROUP_ACCESS": {
        if (!grant) throw new StepError("the grant is missing");
        if (grant.supersedesId) {
          const old = await tx.grant.findUnique({ where: { id: grant.supersedesId } });
          // Before the new grant turns ACTIVE: one ACTIVE grant per subject is a unique index.
          if (old && old.state === "ACTIVE") {
            const reason = `role changed by request #${request.number}`;
            await tx.grant.update({ where: { id: old.id }, data: { state: "SUPERSEDED", endedAt: now, endedBy: "system:worker", endReason: reason } });
            events.push(grantEvent(old, "grant.superseded", { before: { state: "ACTIVE", roleId: old.roleId }, after: { endedAt: iso(now), supersededBy: grant.id, roleId: grant.roleId } }));
          }
        }
        events.push(await activate(tx, ctx, grant, now));
        break;
      }
      case "ROBOT_ACCOUNT": {
        if (!grant || grant.harborRobotId === null) throw new StepError("the robot was not created in Harbor");
        events.push(await activate(tx, ctx, grant, now));
        break;
      }
      case "ROBOT_ROTATION": {
        if (!grant) throw new StepError("the grant is missing");
        const sealed = await tx.robotSecret.findFirst({ where: { requestId: request.id }, orderBy: { createdAt: "desc" }, select: { id: true, expiresAt: true } });
        events.push({
          action: "robot.secret.rotated",
          objectType: "robot",
          objectId: grant.id,
          projectName: grant.projectName,
          subject: subjectOf(grant),
          requestId: request.id,
          after: { harborRobotId: grant.harborRobotId, robotName: grant.harborRobotName, revealRecordId: sealed?.id ?? null, revealBy: iso(sealed?.expiresAt) },
        });
        break;
      }
      case "GRANT_EXTENSION": {
        if (!grant) throw new StepError("the grant is missing");
        const current = await tx.grant.findUnique({ where: { id: grant.id } });
        if (!current || current.state !== "ACTIVE") throw new StepError(`the grant is ${current?.state.toLowerCase() ?? "gone"}; it can no longer be extended`);
        const newEndsAt = new Date(typed.payload.newEndsAt);
        await tx.grant.update({ where: { id: grant.id }, data: { endsAt: newEndsAt } });
        events.push(grantEvent(current, "grant.extended", { requestId: current.requestId, before: { endsAt: iso(current.endsAt) }, after: { endsAt: iso(newEndsAt), extensionRequestId: request.id } }));
        break;
      }
      case "QUOTA_CHANGE": {
        if (!project) throw new StepError("the project is missing");
        await tx.project.update({ where: { id: project.id }, data: { quotaGiB: typed.payload.quotaGiB } });
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
    await tx.request.update({ where: { id: request.id }, data: { state: "ACTIVE" } });
    events.push(requestEvent(request.id, request.projectName, "request.active", request.state, "ACTIVE"));
  }

  await tx.provisioningJob.update({ where: { id: ctx.job.id }, data: { state: "SUCCEEDED", finishedAt: now, lockedBy: null, lockedUntil: null, lastError: null } });
  events.push(jobEvent(ctx, "job.succeeded", { after: { kind: ctx.job.kind, attempts: ctx.job.attempts, steps: ctx.steps.length } }));
  return events;
}

/** A step (or the job) failed: back on the queue in `retryInMs`, or (null) FAILED for a person to look at. */
export async function recordFailure(
  tx: Tx,
  ctx: JobContext,
  step: ProvisioningStep | null,
  error: ClassifiedError,
  now: Date,
  retryInMs: number | null,
): Promise<AuditEventInput[]> {
  const events: AuditEventInput[] = [];
  const retryAt = retryInMs === null ? null : new Date(now.getTime() + retryInMs);
  if (step) {
    await tx.provisioningStep.update({ where: { id: step.id }, data: { state: "FAILED", error: error.message, harborRequestId: error.harborRequestId, finishedAt: now } });
    events.push(
      jobEvent(ctx, "job.step.failed", {
        harborRequestId: error.harborRequestId,
        after: { step: step.key, attempt: step.attempts, error: error.message, retryable: error.retryable, retryAt: iso(retryAt) },
      }),
    );
  }
  if (retryInMs !== null) {
    // runAt on the database clock, the one claims compare against
    await tx.$executeRaw`
      UPDATE "ProvisioningJob" SET state = 'QUEUED', "runAt" = now() + make_interval(secs => ${retryInMs / 1000}::float8),
        "lockedBy" = NULL, "lockedUntil" = NULL, "lastError" = ${error.message}, "updatedAt" = now()
      WHERE id = ${ctx.job.id}::uuid`;
    return events;
  }
  await tx.provisioningJob.update({ where: { id: ctx.job.id }, data: { state: "FAILED", finishedAt: now, lockedBy: null, lockedUntil: null, lastError: error.message } });
  events.push(jobEvent(ctx, "job.failed", { harborRequestId: error.harborRequestId, after: { kind: ctx.job.kind, attempts: ctx.job.attempts, error: error.message, step: step?.key ?? null } }));
  const request = ctx.request;
  if (ctx.job.kind === "PROVISION" && request && request.state !== "FAILED") {
    await tx.request.update({ where: { id: request.id }, data: { state: "FAILED" } });
    events.push({ ...requestEvent(request.id, request.projectName, "request.failed", request.state, "FAILED"), after: { state: "FAILED", error: error.message } });
    if (request.kind === "NEW_PROJECT") await tx.project.updateMany({ where: { requestId: request.id, state: "PROVISIONING" }, data: { state: "FAILED" } });
  }
  return events;
}
