import "server-only";
import { appendAuditEvent } from "../audit/append";
import type { AuditContext, JsonValue } from "../audit/types";
import { can } from "../authz/permissions";
import type { Principal } from "../authz/principal";
import { DomainError, notFound } from "../core/errors";
import type { RequestInput, RequestKindName } from "../core/payloads";
import { PROJECT_ROBOT_PERMISSIONS, permissionKey } from "../core/robot-permissions";
import { OPEN_STATES } from "../core/states";
import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { rulesOf, type Draft, type Reader } from "./kinds";
import { evaluatePolicy, type PolicyCheck, type PolicyConfig, type PolicyFacts } from "./policy";

export { describeRequest } from "./kinds";
export type { Draft } from "./kinds";

export const ALLOWED_ROBOT_PERMISSIONS: ReadonlySet<string> = new Set(PROJECT_ROBOT_PERMISSIONS.map(permissionKey));

export interface GovernanceDeps {
  db: Db;
  policy: PolicyConfig;
  /** Whether a Harbor project of this name exists outside Berth (null when Harbor cannot be asked). */
  harborProjectExists: (name: string) => Promise<boolean>;
  /** Whether Harbor has a project robot of this name (Berth's own ones are known from its grants). */
  harborRobotExists?: (projectName: string, robotName: string) => Promise<boolean>;
  now: Date;
}

async function projectFacts(db: Reader, name: string) {
  const p = await db.project.findUnique({ where: { name } });
  return p ? { name: p.name, ownerGroup: p.ownerGroup, state: p.state, quotaGiB: p.quotaGiB, id: p.id } : null;
}

async function pendingDuplicate(db: Reader, projectName: string, key: string, exceptId?: string) {
  const n = await db.request.count({ where: { projectName, subjectKey: key, state: { in: [...OPEN_STATES] }, ...(exceptId ? { id: { not: exceptId } } : {}) } });
  return n > 0;
}

/** Turns validated input into the stored payload, filling in what the server knows (its kind's rules decide how). */
export function draftRequest(db: Reader, input: RequestInput): Promise<Draft> {
  return rulesOf(input.kind).draft(db, input);
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
  draft: Draft,
  requester: { groups: readonly string[]; isApprover: boolean },
  deps: Pick<GovernanceDeps, "harborProjectExists" | "harborRobotExists" | "now">,
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
  const grant = rulesOf(request.kind).grant;
  if (grant) facts.grant = await grant(db, draft);
  // a robot of that name that no grant of Berth's explains is someone else's: Berth never takes it over
  if (request.kind === "ROBOT_ACCOUNT" && !facts.grant && deps.harborRobotExists) facts.robotInHarbor = await deps.harborRobotExists(draft.projectName, request.payload.robotName);
  return facts;
}

/** The form field each shared check is about; each kind names its own (KindRules.fields). */
const SHARED_FIELDS: Record<string, string> = { "project-managed": "projectName", "project-owner": "projectName", "external-end-date": "endsAt", "internal-end-date": "endsAt", "end-date-future": "endsAt" };

export function policyRefusal(kind: RequestKindName, violations: PolicyCheck[]): DomainError {
  const fields = { ...SHARED_FIELDS, ...rulesOf(kind).fields };
  const fieldErrors: Record<string, string[]> = {};
  for (const v of violations) (fieldErrors[fields[v.id] ?? "_form"] ??= []).push(v.reason);
  return new DomainError("POLICY", `Policy refuses this request: ${violations.map((v) => v.reason).join(" ")}`, fieldErrors);
}

/** Submits a request: policy first, then the request and its audit event in one transaction. */
export async function submitRequest(deps: GovernanceDeps, principal: Principal, input: RequestInput, audit: AuditContext): Promise<{ id: string; number: number }> {
  const draft = await draftRequest(deps.db, input);
  const requester = { groups: principal.groups, isApprover: can(principal, "project:manage-any") };
  const facts = await gatherFacts(deps.db, draft, requester, deps);
  const outcome = evaluatePolicy({ ...draft.request, endsAt: draft.endsAt }, facts, deps.policy);
  if (outcome.violations.length) throw policyRefusal(draft.request.kind, outcome.violations);

  const { justification } = input;
  return deps.db.$transaction(async (tx) => {
    // Re-checked under the transaction: two identical submissions racing each other cannot both land.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`request:${draft.projectName}:${draft.subjectKey}`}))`;
    if (await pendingDuplicate(tx, draft.projectName, draft.subjectKey)) throw new DomainError("CONFLICT", "An identical request is already open.");
    const created = await tx.request.create({
      data: {
        kind: draft.request.kind,
        payload: draft.request.payload as Prisma.InputJsonValue,
        justification,
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
        justification,
        endsAt: draft.endsAt?.toISOString() ?? null,
        requiredApprovals: outcome.requiredApprovals,
        state: "PENDING",
      },
    });
    return { id: created.id, number: created.number };
  });
}

/** The requester withdraws a pending request. */
export async function cancelRequest(db: Db, principal: Principal, requestId: string, audit: AuditContext, now: Date = new Date()): Promise<void> {
  await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ state: string; requesterId: string; projectName: string }[]>`SELECT state, "requesterId", "projectName" FROM "Request" WHERE id = ${requestId}::uuid FOR UPDATE`;
    if (!row || row.requesterId !== principal.id) throw notFound("That request");
    if (row.state !== "PENDING") throw new DomainError("CONFLICT", `Only a pending request can be cancelled; this one is ${row.state.toLowerCase()}.`);
    await tx.request.update({ where: { id: requestId }, data: { state: "CANCELLED", closedAt: now } });
    await appendAuditEvent(tx, audit, { action: "request.cancelled", objectType: "request", objectId: requestId, requestId, projectName: row.projectName, before: { state: "PENDING" }, after: { state: "CANCELLED" } });
  });
}
