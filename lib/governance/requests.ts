import "server-only";
import { appendAuditEvent } from "../audit/append";
import type { AuditContext, JsonValue } from "../audit/types";
import type { Principal } from "../authz/principal";
import type { Db, Tx } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { PROJECT_ROBOT_PERMISSIONS } from "../core/robot-permissions";
import { DomainError, notFound } from "../core/errors";
import { OPEN_STATES } from "../core/states";
import { can } from "../authz/permissions";
import { roleLabel } from "../core/roles";
import { ROBOT_PRESETS, type AnyPayload, type RequestInput, type RobotPermission } from "../core/payloads";
import { subjectKey } from "../core/names";
import { evaluatePolicy, type PolicyCheck, type PolicyConfig, type PolicyFacts } from "./policy";

export const ALLOWED_ROBOT_PERMISSIONS: ReadonlySet<string> = new Set(PROJECT_ROBOT_PERMISSIONS.map((p) => `${p.resource}:${p.action}`));


export interface GovernanceDeps {
  db: Db;
  policy: PolicyConfig;
  /** Whether a Harbor project of this name exists outside Berth (null when Harbor cannot be asked). */
  harborProjectExists: (name: string) => Promise<boolean>;
  now: Date;
}

type Reader = Db | Tx;

/** The typed payload, subject and end date a submission turns into, before policy. */
export interface Draft {
  request: AnyPayload;
  projectName: string;
  subjectKey: string;
  endsAt: Date | null;
  justification: string;
}

async function grantFacts(db: Reader, where: Prisma.GrantWhereInput) {
  const g = await db.grant.findFirst({ where, orderBy: { createdAt: "desc" } });
  if (!g) return null;
  return { id: g.id, state: g.state, subjectType: g.subjectType, subjectName: g.subjectName, roleId: g.roleId, endsAt: g.endsAt, permissions: (g.permissions as RobotPermission[] | null) ?? null, projectName: g.projectName, harborRobotId: g.harborRobotId, harborRobotName: g.harborRobotName };
}

async function projectFacts(db: Reader, name: string) {
  const p = await db.project.findUnique({ where: { name } });
  return p ? { name: p.name, ownerGroup: p.ownerGroup, state: p.state, quotaGiB: p.quotaGiB, id: p.id } : null;
}

async function pendingDuplicate(db: Reader, projectName: string, key: string, exceptId?: string) {
  const n = await db.request.count({ where: { projectName, subjectKey: key, state: { in: [...OPEN_STATES] }, ...(exceptId ? { id: { not: exceptId } } : {}) } });
  return n > 0;
}

// Turns validated input into the stored payload, filling in what the server knows (current role, robot presets…).
export async function draftRequest(db: Reader, input: RequestInput): Promise<Draft> {
  const justification = input.justification;
  switch (input.kind) {
    case "NEW_PROJECT":
      return {
        request: { kind: "NEW_PROJECT", payload: { projectName: input.projectName, ownerGroup: input.ownerGroup, template: input.template, quotaGiB: input.quotaGiB } },
        projectName: input.projectName,
        subjectKey: "project",
        endsAt: null,
        justification,
      };
    case "GROUP_ACCESS": {
      const current = await db.grant.findFirst({ where: { projectName: input.projectName, subjectType: "GROUP", subjectName: input.groupName, state: "ACTIVE" } });
      return {
        request: { kind: "GROUP_ACCESS", payload: { projectName: input.projectName, groupName: input.groupName, roleId: input.roleId, replacesGrantId: current?.id ?? null, previousRoleId: current?.roleId ?? null } },
        projectName: input.projectName,
        subjectKey: subjectKey("GROUP", input.groupName),
        endsAt: input.endsAt ?? null,
        justification,
      };
    }
    case "ROBOT_ACCOUNT": {
      const permissions = input.preset === "custom" ? input.permissions : ROBOT_PRESETS[input.preset].permissions.map((p) => ({ ...p }));
      return {
        request: { kind: "ROBOT_ACCOUNT", payload: { projectName: input.projectName, robotName: input.robotName, description: input.description, preset: input.preset, permissions, lifetimeDays: input.lifetimeDays } },
        projectName: input.projectName,
        subjectKey: subjectKey("ROBOT", input.robotName),
        endsAt: null,
        justification,
      };
    }
    case "ROBOT_ROTATION": {
      const g = await grantFacts(db, { id: input.grantId });
      if (!g || g.subjectType !== "ROBOT") throw notFound("That robot");
      return {
        request: { kind: "ROBOT_ROTATION", payload: { projectName: g.projectName, grantId: g.id, robotName: g.subjectName, harborRobotId: g.harborRobotId } },
        projectName: g.projectName,
        subjectKey: subjectKey("ROBOT", g.subjectName),
        endsAt: null,
        justification,
      };
    }
    case "GRANT_EXTENSION": {
      const g = await grantFacts(db, { id: input.grantId });
      if (!g) throw notFound("That grant");
      return {
        request: { kind: "GRANT_EXTENSION", payload: { projectName: g.projectName, grantId: g.id, subjectType: g.subjectType, subjectName: g.subjectName, previousEndsAt: g.endsAt?.toISOString() ?? null, newEndsAt: input.endsAt.toISOString() } },
        projectName: g.projectName,
        subjectKey: subjectKey(g.subjectType, g.subjectName),
        endsAt: input.endsAt,
        justification,
      };
    }
    case "QUOTA_CHANGE": {
      const p = await projectFacts(db, input.projectName);
      return {
        request: { kind: "QUOTA_CHANGE", payload: { projectName: input.projectName, quotaGiB: input.quotaGiB, previousQuotaGiB: p?.quotaGiB ?? 0 } },
        projectName: input.projectName,
        subjectKey: "quota",
        endsAt: null,
        justification,
      };
    }
  }
}

/** Where a new project's name is already used: a Berth project, an open request for it, or Harbor itself. */
export async function projectNameTakenIn(db: Reader, name: string, harborProjectExists: (name: string) => Promise<boolean>, exceptRequestId?: string): Promise<PolicyFacts["nameTakenIn"]> {
  if (await db.project.findUnique({ where: { name }, select: { id: true } })) return "berth";
  if (await pendingDuplicate(db, name, "project", exceptRequestId)) return "pending";
  if (await harborProjectExists(name)) return "harbor";
  return null;
}

/** Everything the policy needs to know about a request, looked up now. */
export async function gatherFacts(
  db: Reader,
  draft: Omit<Draft, "justification">,
  requester: { groups: readonly string[]; isApprover: boolean },
  deps: Pick<GovernanceDeps, "harborProjectExists" | "now">,
  exceptRequestId?: string,
): Promise<PolicyFacts> {
  const facts: PolicyFacts = { now: deps.now, requesterGroups: requester.groups, requesterIsApprover: requester.isApprover, allowedRobotPermissions: ALLOWED_ROBOT_PERMISSIONS };
  const { request } = draft;
  if (request.kind === "NEW_PROJECT") {
    facts.nameTakenIn = await projectNameTakenIn(db, request.payload.projectName, deps.harborProjectExists, exceptRequestId);
    return facts;
  }
  facts.project = await projectFacts(db, draft.projectName);
  facts.pendingDuplicate = await pendingDuplicate(db, draft.projectName, draft.subjectKey, exceptRequestId);
  if (request.kind === "GROUP_ACCESS") facts.grant = await grantFacts(db, { projectName: draft.projectName, subjectType: "GROUP", subjectName: request.payload.groupName, state: "ACTIVE" });
  if (request.kind === "ROBOT_ACCOUNT") facts.grant = await grantFacts(db, { projectName: draft.projectName, subjectType: "ROBOT", subjectName: request.payload.robotName, state: { in: ["ACTIVE", "PENDING"] } });
  if (request.kind === "ROBOT_ROTATION" || request.kind === "GRANT_EXTENSION") facts.grant = await grantFacts(db, { id: request.payload.grantId });
  return facts;
}

const FIELD_OF_CHECK: Record<string, string> = {
  "name-free": "projectName",
  "owner-group": "ownerGroup",
  "owner-not-external": "ownerGroup",
  "quota-max": "quotaGiB",
  "project-managed": "projectName",
  "project-owner": "projectName",
  "external-role": "roleId",
  "external-end-date": "endsAt",
  "end-date-future": "endsAt",
  "role-changes": "roleId",
  "robot-expiry": "lifetimeDays",
  "robot-permissions": "permissions",
  "robot-name-free": "robotName",
  extends: "endsAt",
  "quota-changes": "quotaGiB",
};

export function policyRefusal(violations: PolicyCheck[]): DomainError {
  const fieldErrors: Record<string, string[]> = {};
  for (const v of violations) (fieldErrors[FIELD_OF_CHECK[v.id] ?? "_form"] ??= []).push(v.reason);
  return new DomainError("POLICY", `Policy refuses this request: ${violations.map((v) => v.reason).join(" ")}`, fieldErrors);
}

/** Submits a request: policy first, then the request and its audit event in one transaction. */
export async function submitRequest(deps: GovernanceDeps, principal: Principal, input: RequestInput, audit: AuditContext): Promise<{ id: string; number: number }> {
  const draft = await draftRequest(deps.db, input);
  const requester = { groups: principal.groups, isApprover: can(principal, "project:manage-any") };
  const facts = await gatherFacts(deps.db, draft, requester, deps);
  const outcome = evaluatePolicy({ ...draft.request, endsAt: draft.endsAt }, facts, deps.policy);
  if (outcome.violations.length) throw policyRefusal(outcome.violations);

  return deps.db.$transaction(async (tx) => {
    // Re-checked under the transaction: two identical submissions racing each other cannot both land.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`request:${draft.projectName}:${draft.subjectKey}`}))`;
    if (await pendingDuplicate(tx, draft.projectName, draft.subjectKey)) throw new DomainError("CONFLICT", "An identical request is already open.");
    const created = await tx.request.create({
      data: {
        kind: draft.request.kind,
        payload: draft.request.payload as Prisma.InputJsonValue,
        justification: draft.justification,
        requesterId: principal.id,
        requesterName: principal.name,
        requesterGroups: principal.groups,
        projectName: draft.projectName,
        subjectKey: draft.subjectKey,
        endsAt: draft.endsAt,
        policyChecks: outcome.checks as unknown as Prisma.InputJsonValue,
        requiredApprovals: outcome.requiredApprovals,
      },
    });
    await appendAuditEvent(tx, audit, {
      action: "request.created",
      objectType: "request",
      objectId: created.id,
      requestId: created.id,
      projectName: draft.projectName,
      subject: draft.subjectKey.includes(":") ? draft.subjectKey : null,
      after: {
        number: created.number,
        kind: created.kind,
        payload: draft.request.payload as JsonValue,
        justification: draft.justification,
        endsAt: draft.endsAt?.toISOString() ?? null,
        requiredApprovals: outcome.requiredApprovals,
        state: "PENDING",
      },
    });
    return { id: created.id, number: created.number };
  });
}

/** The requester withdraws a pending request. */
export async function cancelRequest(db: Db, principal: Principal, requestId: string, audit: AuditContext): Promise<void> {
  await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ state: string; requesterId: string; projectName: string }[]>`SELECT state, "requesterId", "projectName" FROM "Request" WHERE id = ${requestId}::uuid FOR UPDATE`;
    if (!row || row.requesterId !== principal.id) throw notFound("That request");
    if (row.state !== "PENDING") throw new DomainError("CONFLICT", `Only a pending request can be cancelled; this one is ${row.state.toLowerCase()}.`);
    await tx.request.update({ where: { id: requestId }, data: { state: "CANCELLED", closedAt: new Date() } });
    await appendAuditEvent(tx, audit, { action: "request.cancelled", objectType: "request", objectId: requestId, requestId, projectName: row.projectName, before: { state: "PENDING" }, after: { state: "CANCELLED" } });
  });
}

/** Whether the principal may see this request: their own, or any with request:read-any. */
export function canSeeRequest(principal: Principal, request: { requesterId: string }): boolean {
  return request.requesterId === principal.id || principal.permissions.includes("request:read-any");
}

export function assertCanSeeRequest(principal: Principal, request: { requesterId: string } | null): asserts request is { requesterId: string } {
  if (!request || !canSeeRequest(principal, request)) throw notFound("That request");
}

export function describeRequest(request: AnyPayload): string {
  switch (request.kind) {
    case "NEW_PROJECT":
      return `New project ${request.payload.projectName} for ${request.payload.ownerGroup} (${request.payload.template}, ${request.payload.quotaGiB} GiB)`;
    case "GROUP_ACCESS":
      return request.payload.replacesGrantId
        ? `${request.payload.groupName}: ${roleLabel(request.payload.previousRoleId)} → ${roleLabel(request.payload.roleId)} in ${request.payload.projectName}`
        : `${request.payload.groupName} as ${roleLabel(request.payload.roleId)} in ${request.payload.projectName}`;
    case "ROBOT_ACCOUNT":
      return `Robot ${request.payload.robotName} in ${request.payload.projectName} (${ROBOT_PRESETS[request.payload.preset].label.toLowerCase()}, ${request.payload.lifetimeDays} days)`;
    case "ROBOT_ROTATION":
      return `Rotate the secret of robot ${request.payload.robotName} in ${request.payload.projectName}`;
    case "GRANT_EXTENSION": {
      // an access review may set an earlier end (ADR 015)
      const p = request.payload;
      const earlier = p.previousEndsAt === null || Date.parse(p.newEndsAt) < Date.parse(p.previousEndsAt);
      return `${earlier ? "Shorten" : "Extend"} ${p.subjectName} in ${p.projectName} to ${p.newEndsAt.slice(0, 10)}`;
    }
    case "QUOTA_CHANGE":
      return `Quota of ${request.payload.projectName}: ${request.payload.previousQuotaGiB} → ${request.payload.quotaGiB} GiB`;
  }
}
