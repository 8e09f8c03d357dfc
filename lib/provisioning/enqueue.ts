import { randomUUID } from "node:crypto";
import { appendAuditEvents } from "../audit/append";
import type { AuditContext, AuditEventInput } from "../audit/types";
import type { Tx } from "../db";
import { conflict, DomainError, invalid, notFound } from "../core/errors";
import { type RequestKindName, typedRequest } from "../core/payloads";
import { harborRobotName, subjectKey } from "../core/names";
import { templateByKey } from "../core/templates";
import type { Grant } from "../generated/prisma/client";
import { type PlannedStep, planSteps } from "./plan";
import { notifyJobs } from "./queue";

// Putting work on the queue, always inside the caller's transaction: the decision and its job commit together.

const OPEN = ["QUEUED", "RUNNING"] as const;

interface NewJob {
  kind: "PROVISION" | "EXPIRE" | "REVOKE";
  requestId: string | null;
  grantId: string | null;
  steps: PlannedStep[];
}

/** Inserts a job with its planned steps and wakes the workers at commit. */
export async function insertJob(tx: Tx, job: NewJob): Promise<string> {
  const id = randomUUID();
  await tx.provisioningJob.create({ data: { id, kind: job.kind, requestId: job.requestId, grantId: job.grantId } });
  if (job.steps.length) {
    await tx.provisioningStep.createMany({ data: job.steps.map((s, i) => ({ jobId: id, ordinal: i + 1, key: s.key, label: s.label })) });
  }
  await notifyJobs(tx, id);
  return id;
}

async function lockRequest(tx: Tx, requestId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Request" WHERE id = ${requestId}::uuid FOR UPDATE`;
  if (rows.length === 0) throw notFound("That request");
  return tx.request.findUniqueOrThrow({ where: { id: requestId } });
}

async function lockGrant(tx: Tx, grantId: string): Promise<Grant> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Grant" WHERE id = ${grantId}::uuid FOR UPDATE`;
  if (rows.length === 0) throw notFound("That grant");
  return tx.grant.findUniqueOrThrow({ where: { id: grantId } });
}

async function activeProject(tx: Tx, name: string) {
  const project = await tx.project.findUnique({ where: { name } });
  if (!project) throw notFound(`Project ${name}`);
  if (project.state !== "ACTIVE" || project.harborId === null) throw conflict(`Project ${name} is not active in Harbor yet (${project.state.toLowerCase()}).`);
  return project;
}

async function openJobFor(tx: Tx, grantId: string, kinds: ("PROVISION" | "EXPIRE" | "REVOKE")[]) {
  return tx.provisioningJob.findFirst({ where: { grantId, kind: { in: kinds }, state: { in: [...OPEN] } }, select: { id: true, kind: true } });
}

async function activeGrantForChange(tx: Tx, grantId: string, what: string) {
  const grant = await lockGrant(tx, grantId);
  if (grant.state !== "ACTIVE") throw conflict(`${what}: the grant is ${grant.state.toLowerCase()}, not active.`);
  if (await openJobFor(tx, grant.id, ["EXPIRE", "REVOKE"])) throw conflict(`${what}: the grant is being removed from Harbor.`);
  if (await openJobFor(tx, grant.id, ["PROVISION"])) throw conflict(`${what}: another change to this grant is still being provisioned.`);
  return grant;
}

/**
 * Called by the approval transaction once the last needed approval is in: marks the request APPROVED, creates
 * what Berth records before Harbor has it (a PROVISIONING project, a PENDING grant), the job and its planned steps.
 * Calling it again for a request that already has an open job returns that job (racing approvers, double clicks).
 * `options.events`: the caller's own events (approval.recorded, request.approved), appended with job.queued in one
 * append — the audit chain's head stays locked from a transaction's first append to its commit, so one late append
 * keeps other writers waiting least.
 */
export async function enqueueForApprovedRequest(tx: Tx, requestId: string, ctx: AuditContext, options: { events?: AuditEventInput[] } = {}): Promise<{ jobId: string; created: boolean }> {
  const request = await lockRequest(tx, requestId);
  const open = await tx.provisioningJob.findFirst({ where: { requestId, state: { in: [...OPEN] } }, select: { id: true } });
  if (open) {
    await appendAuditEvents(tx, ctx, options.events ?? []);
    return { jobId: open.id, created: false };
  }
  if (request.state !== "PENDING" && request.state !== "APPROVED") throw conflict(`This request is ${request.state.toLowerCase()}; only an approved request is provisioned.`);
  const approvals = await tx.approval.count({ where: { requestId, decision: "APPROVE", approverId: { not: request.requesterId } } });
  if (approvals < request.requiredApprovals) throw conflict(`This request needs ${request.requiredApprovals} approvals; it has ${approvals}.`);

  const typed = typedRequest(request.kind as RequestKindName, request.payload);
  let grantId: string | null = null;
  let projectId: string | null = null;
  let subject: string | null = null;
  let steps: PlannedStep[];

  switch (typed.kind) {
    case "NEW_PROJECT": {
      const p = typed.payload;
      const template = templateByKey(p.template);
      if (!template) throw invalid(`Unknown project template ${p.template}.`);
      if (await tx.project.findUnique({ where: { name: p.projectName }, select: { id: true } })) throw conflict(`Project ${p.projectName} already exists in Berth.`);
      const project = await tx.project.create({
        data: { name: p.projectName, ownerGroup: p.ownerGroup, template: template.key, quotaGiB: p.quotaGiB, state: "PROVISIONING", requestId },
      });
      // The owner group's membership has no end date: it lasts as long as the project.
      const grant = await tx.grant.create({
        data: { projectId: project.id, projectName: project.name, subjectType: "GROUP", subjectName: p.ownerGroup, roleId: 4, state: "PENDING", requestId },
      });
      projectId = project.id;
      grantId = grant.id;
      subject = subjectKey("GROUP", p.ownerGroup);
      steps = planSteps({ kind: "NEW_PROJECT", projectName: p.projectName, ownerGroup: p.ownerGroup, tagPattern: template.immutableTagPattern });
      break;
    }
    case "GROUP_ACCESS": {
      const p = typed.payload;
      const project = await activeProject(tx, p.projectName);
      let replacesRoleId: number | null = null;
      if (p.replacesGrantId) {
        const old = await activeGrantForChange(tx, p.replacesGrantId, "Role change");
        if (old.projectId !== project.id || old.subjectType !== "GROUP" || old.subjectName !== p.groupName) throw conflict("Role change: the grant it replaces is for another group or project.");
        replacesRoleId = old.roleId;
      }
      const grant = await tx.grant.create({
        data: {
          projectId: project.id,
          projectName: project.name,
          subjectType: "GROUP",
          subjectName: p.groupName,
          roleId: p.roleId,
          endsAt: request.endsAt,
          state: "PENDING",
          requestId,
          supersedesId: p.replacesGrantId,
        },
      });
      projectId = project.id;
      grantId = grant.id;
      subject = subjectKey("GROUP", p.groupName);
      steps = planSteps({ kind: "GROUP_ACCESS", projectName: project.name, groupName: p.groupName, roleId: p.roleId, replacesRoleId });
      break;
    }
    case "ROBOT_ACCOUNT": {
      const p = typed.payload;
      const project = await activeProject(tx, p.projectName);
      const grant = await tx.grant.create({
        data: { projectId: project.id, projectName: project.name, subjectType: "ROBOT", subjectName: p.robotName, permissions: p.permissions, state: "PENDING", requestId },
      });
      projectId = project.id;
      grantId = grant.id;
      subject = subjectKey("ROBOT", p.robotName);
      steps = planSteps({ kind: "ROBOT_ACCOUNT", projectName: project.name, robotName: p.robotName, lifetimeDays: p.lifetimeDays });
      break;
    }
    case "ROBOT_ROTATION": {
      const grant = await activeGrantForChange(tx, typed.payload.grantId, "Rotation");
      if (grant.subjectType !== "ROBOT" || grant.harborRobotId === null) throw conflict("Rotation: the grant is not a robot in Harbor.");
      projectId = grant.projectId;
      grantId = grant.id;
      subject = subjectKey("ROBOT", grant.subjectName);
      steps = planSteps({ kind: "ROBOT_ROTATION", robotName: grant.harborRobotName ?? harborRobotName(grant.projectName, grant.subjectName) });
      break;
    }
    case "GRANT_EXTENSION": {
      const grant = await activeGrantForChange(tx, typed.payload.grantId, "Extension");
      const newEndsAt = new Date(typed.payload.newEndsAt);
      if (Number.isNaN(newEndsAt.getTime())) throw invalid("Extension: the new end date is not a date.");
      if (grant.subjectType === "ROBOT" && grant.harborRobotId === null) throw conflict("Extension: the robot is not in Harbor.");
      projectId = grant.projectId;
      grantId = grant.id;
      subject = subjectKey(grant.subjectType, grant.subjectName);
      steps = planSteps({ kind: "GRANT_EXTENSION", subjectType: grant.subjectType, subjectName: grant.harborRobotName ?? grant.subjectName, newEndsAt });
      break;
    }
    case "QUOTA_CHANGE": {
      const project = await activeProject(tx, typed.payload.projectName);
      projectId = project.id;
      steps = planSteps({ kind: "QUOTA_CHANGE", projectName: project.name, quotaGiB: typed.payload.quotaGiB });
      break;
    }
  }

  if (request.state !== "APPROVED") await tx.request.update({ where: { id: requestId }, data: { state: "APPROVED", decidedAt: request.decidedAt ?? new Date() } });
  const jobId = await insertJob(tx, { kind: "PROVISION", requestId, grantId, steps });
  await appendAuditEvents(tx, ctx, [
    ...(options.events ?? []),
    {
      action: "job.queued",
      objectType: "job",
      objectId: jobId,
      requestId,
      projectName: request.projectName,
      subject,
      after: { kind: "PROVISION", requestKind: request.kind, grantId, projectId, steps: steps.map((s) => s.key) },
    },
  ]);
  return { jobId, created: true };
}

/** Queues the removal of an ACTIVE grant from Harbor now (EXPIRE from the scheduler, REVOKE from a person). */
export async function enqueueGrantRemoval(tx: Tx, grantId: string, ctx: AuditContext, kind: "EXPIRE" | "REVOKE", reason: string): Promise<{ jobId: string }> {
  const grant = await lockGrant(tx, grantId);
  if (grant.state !== "ACTIVE") throw conflict(`Only active access can be removed; this grant is ${grant.state.toLowerCase()}.`);
  if (await openJobFor(tx, grant.id, ["EXPIRE", "REVOKE"])) throw conflict("This grant is already being removed from Harbor.");
  // A role change in flight reuses this grant's Harbor membership: removing it now would strand the new grant.
  const successor = await tx.grant.findFirst({ where: { supersedesId: grant.id, state: "PENDING", jobs: { some: { state: { in: [...OPEN] } } } }, select: { id: true } });
  if (successor) throw conflict("A role change for this grant is being provisioned; try again when it is done.");

  const endedBy = ctx.actor.type === "user" ? ctx.actor.id : `system:${ctx.actor.id}`;
  await tx.grant.update({ where: { id: grant.id }, data: { endedBy, endReason: reason } });
  const steps = planSteps({ kind, projectName: grant.projectName, subjectType: grant.subjectType, subjectName: grant.harborRobotName ?? grant.subjectName });
  const jobId = await insertJob(tx, { kind, requestId: null, grantId: grant.id, steps });
  const events: AuditEventInput[] = [
    {
      action: "job.queued",
      objectType: "job",
      objectId: jobId,
      requestId: grant.requestId,
      projectName: grant.projectName,
      subject: subjectKey(grant.subjectType, grant.subjectName),
      after: { kind, grantId: grant.id, reason, endedBy, steps: steps.map((s) => s.key) },
    },
  ];
  await appendAuditEvents(tx, ctx, events);
  return { jobId };
}

/** An approver or the project's owner ends a grant now; the worker removes it from Harbor. */
export async function enqueueRevocation(tx: Tx, grantId: string, ctx: AuditContext, reason: string): Promise<{ jobId: string }> {
  const why = reason.trim();
  if (!why) throw invalid("Say why the access is revoked.", { reason: ["A reason is required."] });
  return enqueueGrantRemoval(tx, grantId, ctx, "REVOKE", why.slice(0, 1000));
}

/** Puts a FAILED job back on the queue from the step that failed; succeeded steps are not repeated. */
export async function retryJob(tx: Tx, jobId: string, ctx: AuditContext): Promise<{ jobId: string }> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "ProvisioningJob" WHERE id = ${jobId}::uuid FOR UPDATE`;
  if (rows.length === 0) throw notFound("That job");
  const job = await tx.provisioningJob.findUniqueOrThrow({ where: { id: jobId }, include: { request: true, grant: true } });
  if (job.state !== "FAILED") throw new DomainError("CONFLICT", `Only a failed job can be retried; this one is ${job.state.toLowerCase()}.`);
  if (job.requestId && (await tx.provisioningJob.findFirst({ where: { requestId: job.requestId, state: { in: [...OPEN] } }, select: { id: true } }))) {
    throw conflict("This request already has a job on the queue.");
  }
  if (job.grantId && (await openJobFor(tx, job.grantId, [job.kind]))) throw conflict("This grant already has a job of this kind on the queue.");

  await tx.provisioningJob.update({ where: { id: jobId }, data: { state: "QUEUED", attempts: 0, runAt: new Date(), lockedBy: null, lockedUntil: null, finishedAt: null } });
  await tx.provisioningStep.updateMany({ where: { jobId, state: { in: ["FAILED", "RUNNING"] } }, data: { state: "PENDING" } });
  const requestBefore = job.request?.state ?? null;
  if (job.request && job.request.state === "FAILED") {
    await tx.request.update({ where: { id: job.request.id }, data: { state: "APPROVED" } });
    if (job.request.kind === "NEW_PROJECT") await tx.project.updateMany({ where: { requestId: job.request.id, state: "FAILED" }, data: { state: "PROVISIONING" } });
  }
  await notifyJobs(tx, jobId);
  await appendAuditEvents(tx, ctx, [
    {
      action: "job.retried",
      objectType: "job",
      objectId: jobId,
      requestId: job.requestId ?? job.grant?.requestId ?? null,
      projectName: job.request?.projectName ?? job.grant?.projectName ?? null,
      subject: job.grant ? subjectKey(job.grant.subjectType, job.grant.subjectName) : null,
      before: { state: "FAILED", lastError: job.lastError, ...(requestBefore ? { requestState: requestBefore } : {}) },
      after: { state: "QUEUED", ...(requestBefore === "FAILED" ? { requestState: "APPROVED" } : requestBefore ? { requestState: requestBefore } : {}) },
    },
  ]);
  return { jobId };
}
