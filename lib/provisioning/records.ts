import "server-only";
import type { AuditEventInput } from "../audit/types";
import { subjectKey } from "../core/names";
import { typedRequest, type AnyPayload, type RequestKindName } from "../core/payloads";
import { roleById } from "../core/roles";
import type { Approval, Grant, Project, ProvisioningStep, Request } from "../generated/prisma/client";
import type { Queryable } from "../sql";
import { StepError } from "./plan";
import type { ClaimedJob, ContextRows } from "./queue";

// What a running job knows (its rows, read with the claim) and the records and audit events its steps and its end
// write: shared by the step handlers (steps.ts), the flows' finalize (flows/) and the job's end (finalize.ts).

export interface JobContext {
  job: ClaimedJob;
  request: (Request & { approvals: Approval[] }) | null;
  typed: AnyPayload | null;
  grant: Grant | null;
  project: Project | null;
  steps: ProvisioningStep[];
}

const DATE_FIELDS = new Set(["createdAt", "updatedAt", "decidedAt", "closedAt", "startsAt", "endsAt", "endedAt", "startedAt", "finishedAt", "runAt", "lockedUntil", "expiresAt"]);

/** row_to_json gives timestamps as strings: back to Dates, so rows look as Prisma would return them. */
function revive<T>(row: Record<string, unknown> | null): T | null {
  if (!row) return null;
  for (const [k, v] of Object.entries(row)) if (DATE_FIELDS.has(k) && typeof v === "string") row[k] = new Date(v);
  return row as T;
}

/** The claimed job's rows as typed records (the claim reads them in the same statement). */
export function jobContext(job: ClaimedJob, rows: ContextRows): JobContext {
  const request = revive<Request>(rows.request);
  const typed = request ? typedRequest(request.kind as RequestKindName, request.payload) : null;
  return {
    job,
    request: request ? { ...request, approvals: rows.approvals.map((a) => revive<Approval>(a)!) } : null,
    typed,
    grant: revive<Grant>(rows.grant),
    project: revive<Project>(rows.project),
    steps: rows.steps.map((s) => revive<ProvisioningStep>(s)!),
  };
}

/** A record the job cannot run without; its absence is a refusal no retry fixes. */
export function need<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new StepError(`cannot run: ${what} is missing`);
  return value;
}

export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export const subjectOf = (g: Pick<Grant, "subjectType" | "subjectName">) => subjectKey(g.subjectType, g.subjectName);

export function jobEvent(ctx: JobContext, action: string, extra: Partial<AuditEventInput> = {}): AuditEventInput {
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

export function grantEvent(grant: Pick<Grant, "id" | "projectName" | "subjectType" | "subjectName" | "requestId">, action: string, extra: Partial<AuditEventInput>): AuditEventInput {
  return { action, objectType: "grant", objectId: grant.id, projectName: grant.projectName, subject: subjectOf(grant), requestId: grant.requestId, ...extra };
}

export function requestEvent(requestId: string, projectName: string, action: string, before: string, after: string): AuditEventInput {
  return { action, objectType: "request", objectId: requestId, requestId, projectName, before: { state: before }, after: { state: after } };
}

export async function setRequestState(c: Queryable, id: string, state: string, closedAt: Date | null = null) {
  await c.query(`UPDATE "Request" SET state = $2, "closedAt" = coalesce($3, "closedAt"), "updatedAt" = now() WHERE id = $1`, [id, state, closedAt]);
}

export async function readGrant(c: Queryable, id: string): Promise<Grant | null> {
  const { rows } = await c.query<Grant>(`SELECT * FROM "Grant" WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

/**
 * Turns the grant ACTIVE with the Harbor ids the last step found (held on the in-memory grant) and returns its
 * grant.activated event. The write itself happens in finalizeJob's closing statement, with the request and the job.
 */
export function activationEvent(ctx: JobContext, grant: Grant, now: Date): AuditEventInput {
  if (grant.endsAt && grant.endsAt <= now) throw new StepError(`the end date ${grant.endsAt.toISOString()} has already passed`);
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

/** Unrevealed secrets of a robot that no longer work (rotated or deleted): erased, with their events. */
export async function wipeSecretsOfGrant(client: Queryable, grant: Grant, now: Date, reason: string, exceptId: string | null = null): Promise<AuditEventInput[]> {
  const { rows } = await client.query<{ id: string; requestId: string }>(
    `UPDATE "RobotSecret" SET ciphertext = NULL, iv = NULL, "authTag" = NULL, "wipedAt" = $2
     WHERE "grantId" = $1 AND "wipedAt" IS NULL AND ciphertext IS NOT NULL AND id IS DISTINCT FROM $3::uuid
     RETURNING id, "requestId"`,
    [grant.id, now, exceptId],
  );
  return rows.map((r) => ({
    action: "robot.secret.wiped",
    objectType: "secret" as const,
    objectId: r.id,
    requestId: r.requestId,
    projectName: grant.projectName,
    subject: subjectOf(grant),
    after: { wipedAt: now.toISOString(), reason },
  }));
}
