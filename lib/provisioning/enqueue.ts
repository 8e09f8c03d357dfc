import "server-only";
import { randomUUID } from "node:crypto";
import { appendAuditEvents } from "../audit/append";
import type { AuditContext, AuditEventInput } from "../audit/types";
import { conflict, invalid, notFound } from "../core/errors";
import { subjectKey } from "../core/names";
import { typedRequest, type AnyPayload, type RequestKindName } from "../core/payloads";
import { OPEN_JOB_STATES } from "../core/states";
import type { Tx } from "../db";
import type { Grant } from "../generated/prisma/client";
import { lockGrant, openJobFor } from "./flows/checks";
import { FLOWS, type Flow } from "./flows";
import { planSteps, type PlannedStep } from "./plan";
import { JOBS_CHANNEL, notifyJobs } from "./queue";

// Putting work on the queue, always inside the caller's transaction: the decision and its job commit together.

interface NewJob {
  kind: "PROVISION" | "EXPIRE" | "REVOKE";
  requestId: string | null;
  grantId: string | null;
  steps: PlannedStep[];
}

/**
 * Inserts a job with its planned steps and wakes the workers at commit: one statement, since it runs inside approval
 * and removal transactions whose every round trip keeps their row locks (and the audit chain's head) held longer.
 */
export async function insertJob(tx: Tx, job: NewJob): Promise<string> {
  const id = randomUUID();
  const steps = job.steps.map((s, i) => ({ id: randomUUID(), ordinal: i + 1, key: s.key, label: s.label }));
  await tx.$executeRaw`WITH job AS (
      INSERT INTO "ProvisioningJob" (id, kind, "requestId", "grantId", "updatedAt")
      VALUES (${id}::uuid, ${job.kind}::"JobKind", ${job.requestId}::uuid, ${job.grantId}::uuid, now()) RETURNING id
    ), steps AS (
      INSERT INTO "ProvisioningStep" (id, "jobId", ordinal, key, label)
      SELECT s.id, job.id, s.ordinal, s.key, s.label
      FROM job, unnest(${steps.map((s) => s.id)}::uuid[], ${steps.map((s) => s.ordinal)}::int[], ${steps.map((s) => s.key)}::text[], ${steps.map((s) => s.label)}::text[]) AS s(id, ordinal, key, label)
    )
    SELECT pg_notify(${JOBS_CHANNEL}, job.id::text) FROM job`;
  return id;
}

interface QueueOptions {
  /** The caller's own events, appended with job.queued in one append. */
  events?: AuditEventInput[];
  /**
   * Queue many in one transaction (an access review's selection): the events go here, for the caller's one append at
   * the end, instead of being appended now — the chain head stays locked from the first append to the commit.
   */
  collect?: AuditEventInput[];
}

async function appendOrCollect(tx: Tx, ctx: AuditContext, options: QueueOptions, events: AuditEventInput[]) {
  if (options.collect) options.collect.push(...events);
  else await appendAuditEvents(tx, ctx, events);
}

/** An approved request as the approval transaction holds it: locked, APPROVED, its approvals counted. */
export interface ApprovedRequest {
  id: string;
  number: number;
  typed: AnyPayload;
  projectName: string;
  endsAt: Date | null;
}

/**
 * Queues the provisioning of a request the caller has locked and turned APPROVED: its flow records what Berth keeps
 * before Harbor has it (a PROVISIONING project, a PENDING grant), then the job, all its planned steps and job.queued.
 * `options.events`: the caller's own events (approval.recorded, request.approved), appended with job.queued in one
 * append — the audit chain's head stays locked from a transaction's first append to its commit, so one late append
 * keeps other writers waiting least.
 */
export async function queueProvisioning(tx: Tx, request: ApprovedRequest, ctx: AuditContext, options: QueueOptions = {}): Promise<{ jobId: string }> {
  const { typed } = request;
  const flow = FLOWS[typed.kind] as Flow<RequestKindName>;
  const prepared = await flow.prepare(tx, request, typed.payload);
  const jobId = await insertJob(tx, { kind: "PROVISION", requestId: request.id, grantId: prepared.grantId, steps: prepared.steps });
  await appendOrCollect(tx, ctx, options, [
    ...(options.events ?? []),
    {
      action: "job.queued",
      objectType: "job",
      objectId: jobId,
      requestId: request.id,
      projectName: request.projectName,
      subject: prepared.subject,
      after: { kind: "PROVISION", requestKind: typed.kind, grantId: prepared.grantId, projectId: prepared.projectId, steps: prepared.steps.map((s) => s.key) },
    },
  ]);
  return { jobId };
}

/**
 * Queues the provisioning of a request approved outside the decision workflow (seeding, recovery, tests): locks it,
 * returns its open job if it has one (a second call is harmless), checks its approvals, marks it APPROVED and queues.
 * The decision workflow itself calls queueProvisioning with the row it has already locked and checked.
 */
export async function enqueueForApprovedRequest(tx: Tx, requestId: string, ctx: AuditContext, options: { events?: AuditEventInput[]; now?: Date } = {}): Promise<{ jobId: string; created: boolean }> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Request" WHERE id = ${requestId}::uuid FOR UPDATE`;
  if (rows.length === 0) throw notFound("That request");
  const request = await tx.request.findUniqueOrThrow({ where: { id: requestId } });
  const open = await tx.provisioningJob.findFirst({ where: { requestId, state: { in: [...OPEN_JOB_STATES] } }, select: { id: true } });
  if (open) {
    await appendAuditEvents(tx, ctx, options.events ?? []);
    return { jobId: open.id, created: false };
  }
  if (request.state !== "PENDING" && request.state !== "APPROVED") throw conflict(`This request is ${request.state.toLowerCase()}; only an approved request is provisioned.`);
  const approvals = await tx.approval.count({ where: { requestId, decision: "APPROVE", approverId: { not: request.requesterId } } });
  if (approvals < request.requiredApprovals) throw conflict(`This request needs ${request.requiredApprovals} approvals; it has ${approvals}.`);
  if (request.state !== "APPROVED") await tx.request.update({ where: { id: requestId }, data: { state: "APPROVED", decidedAt: request.decidedAt ?? options.now ?? new Date() } });
  const { jobId } = await queueProvisioning(tx, { ...request, typed: typedRequest(request.kind, request.payload) }, ctx, options);
  return { jobId, created: true };
}

/**
 * Queues the removal of a grant the caller has locked (EXPIRE from the scheduler, REVOKE from a person): it must be
 * ACTIVE, not already being removed, and not about to hand its Harbor membership to a role change in flight.
 * `options.events`, the caller's own, go in one append with job.queued, after the checks.
 */
export async function queueRemoval(tx: Tx, grant: Grant, ctx: AuditContext, kind: "EXPIRE" | "REVOKE", reason: string, options: QueueOptions = {}): Promise<{ jobId: string }> {
  if (grant.state !== "ACTIVE") throw conflict(`Only active access can be ${kind === "REVOKE" ? "revoked" : "removed"}; this grant is ${grant.state.toLowerCase()}.`);
  if (await openJobFor(tx, grant.id, ["EXPIRE", "REVOKE"])) throw conflict("This grant is already being removed from Harbor.");
  // A role change in flight reuses this grant's Harbor membership: removing it now would strand the new grant.
  const successor = await tx.grant.findFirst({ where: { supersedesId: grant.id, state: "PENDING", jobs: { some: { state: { in: [...OPEN_JOB_STATES] } } } }, select: { id: true } });
  if (successor) throw conflict("A role change for this grant is being provisioned; try again when it is done.");

  const endedBy = ctx.actor.type === "user" ? ctx.actor.id : `system:${ctx.actor.id}`;
  await tx.grant.update({ where: { id: grant.id }, data: { endedBy, endedByName: ctx.actor.type === "user" ? ctx.actor.name : null, endReason: reason } });
  const steps = planSteps({ kind, projectName: grant.projectName, subjectType: grant.subjectType, subjectName: grant.harborRobotName ?? grant.subjectName });
  const jobId = await insertJob(tx, { kind, requestId: null, grantId: grant.id, steps });
  await appendOrCollect(tx, ctx, options, [
    ...(options.events ?? []),
    {
      action: "job.queued",
      objectType: "job",
      objectId: jobId,
      requestId: grant.requestId,
      projectName: grant.projectName,
      subject: subjectKey(grant.subjectType, grant.subjectName),
      after: { kind, grantId: grant.id, reason, endedBy, steps: steps.map((s) => s.key) },
    },
  ]);
  return { jobId };
}

/** Locks a grant and queues its removal from Harbor now (the scheduler's expiry). */
export async function enqueueGrantRemoval(tx: Tx, grantId: string, ctx: AuditContext, kind: "EXPIRE" | "REVOKE", reason: string): Promise<{ jobId: string }> {
  return queueRemoval(tx, await lockGrant(tx, grantId), ctx, kind, reason);
}

/** An approver or the project's owner ends a grant now; the worker removes it from Harbor. */
export async function enqueueRevocation(tx: Tx, grantId: string, ctx: AuditContext, reason: string): Promise<{ jobId: string }> {
  const why = reason.trim();
  if (!why) throw invalid("Say why the access is revoked.", { reason: ["A reason is required."] });
  return enqueueGrantRemoval(tx, grantId, ctx, "REVOKE", why.slice(0, 1000));
}

/** Puts a FAILED job back on the queue from the step that failed; succeeded steps are not repeated. */
export async function retryJob(tx: Tx, jobId: string, ctx: AuditContext, now: Date = new Date()): Promise<{ jobId: string }> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "ProvisioningJob" WHERE id = ${jobId}::uuid FOR UPDATE`;
  if (rows.length === 0) throw notFound("That job");
  const job = await tx.provisioningJob.findUniqueOrThrow({ where: { id: jobId }, include: { request: true, grant: true } });
  if (job.state !== "FAILED") throw conflict(`Only a failed job can be retried; this one is ${job.state.toLowerCase()}.`);
  if (job.requestId && (await tx.provisioningJob.findFirst({ where: { requestId: job.requestId, state: { in: [...OPEN_JOB_STATES] } }, select: { id: true } }))) {
    throw conflict("This request already has a job on the queue.");
  }
  if (job.grantId && (await openJobFor(tx, job.grantId, [job.kind]))) throw conflict("This grant already has a job of this kind on the queue.");

  await tx.provisioningJob.update({ where: { id: jobId }, data: { state: "QUEUED", attempts: 0, runAt: now, lockedBy: null, lockedUntil: null, finishedAt: null } });
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
