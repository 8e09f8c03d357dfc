import "server-only";
import { appendAuditEvents } from "../audit/append";
import type { AuditContext } from "../audit/types";
import { can } from "../authz/permissions";
import type { Principal } from "../authz/principal";
import { queueProvisioning } from "../provisioning/enqueue";
import { DomainError, forbidden, notFound } from "../core/errors";
import { parsePayload, typedRequest, type RequestKindName } from "../core/payloads";
import { evaluatePolicy } from "./policy";
import { gatherFacts, policyRefusal, type GovernanceDeps } from "./requests";

export interface DecisionInput {
  requestId: string;
  decision: "APPROVE" | "REJECT";
  comment?: string;
}

export interface DecisionOutcome {
  state: string;
  approvals: number;
  requiredApprovals: number;
}

interface LockedRequest {
  id: string;
  number: number;
  kind: RequestKindName;
  payload: unknown;
  state: string;
  requesterId: string;
  requesterGroups: string[];
  projectName: string;
  subjectKey: string | null;
  endsAt: Date | null;
  requiredApprovals: number;
}

/**
 * An approver approves or rejects. The request row is locked for the whole transaction, so racing approvers are
 * serialized: the decision, the request's new state and the provisioning job commit together or not at all.
 */
export async function decideRequest(deps: GovernanceDeps, principal: Principal, input: DecisionInput, audit: AuditContext): Promise<DecisionOutcome> {
  if (!can(principal, "request:decide")) throw forbidden("Only approvers decide requests.");
  // Harbor is asked before the transaction (never hold a row lock across a network call).
  const preview = await deps.db.request.findUnique({ where: { id: input.requestId }, select: { kind: true, projectName: true, payload: true } });
  if (!preview) throw notFound("That request");
  const approving = input.decision === "APPROVE";
  const harborHasName = approving && preview.kind === "NEW_PROJECT" ? await deps.harborProjectExists(preview.projectName) : false;
  const robotName = approving && preview.kind === "ROBOT_ACCOUNT" ? parsePayload("ROBOT_ACCOUNT", preview.payload).robotName : null;
  const harborHasRobot = robotName && deps.harborRobotExists ? await deps.harborRobotExists(preview.projectName, robotName) : false;

  return deps.db.$transaction(async (tx) => {
    const [request] = await tx.$queryRaw<LockedRequest[]>`
      SELECT id, number, kind::text AS kind, payload, state::text AS state, "requesterId", "requesterGroups", "projectName", "subjectKey", "endsAt", "requiredApprovals"
      FROM "Request" WHERE id = ${input.requestId}::uuid FOR UPDATE`;
    if (!request) throw notFound("That request");
    if (request.requesterId === principal.id) throw forbidden("You cannot decide your own request: another approver must.");
    if (request.state !== "PENDING") throw new DomainError("CONFLICT", `This request is no longer pending (it is ${request.state.toLowerCase()}).`);
    // Read under the row lock, which every decision takes first: no other approval can land until this one commits.
    const [prior] = await tx.$queryRaw<{ mine: string | null; approvals: number }[]>`
      SELECT (SELECT decision::text FROM "Approval" WHERE "requestId" = ${request.id}::uuid AND "approverId" = ${principal.id}) AS mine,
             (SELECT count(*)::int FROM "Approval" WHERE "requestId" = ${request.id}::uuid AND decision = 'APPROVE') AS approvals`;
    if (prior?.mine) throw new DomainError("CONFLICT", `You already ${prior.mine === "APPROVE" ? "approved" : "rejected"} this request; a second approval must come from someone else.`);

    const comment = input.comment?.trim() || null;
    if (input.decision === "REJECT") {
      if (!comment) throw new DomainError("INVALID", "Say why you reject the request.", { comment: ["A reason is required to reject."] });
      const approval = await tx.approval.create({ data: { requestId: request.id, approverId: principal.id, approverName: principal.name, decision: "REJECT", comment } });
      await tx.request.update({ where: { id: request.id }, data: { state: "REJECTED", decidedAt: deps.now, closedAt: deps.now } });
      await appendAuditEvents(tx, audit, [
        { action: "approval.recorded", objectType: "approval", objectId: approval.id, requestId: request.id, projectName: request.projectName, after: { decision: "REJECT", comment, approver: { id: principal.id, name: principal.name } } },
        { action: "request.rejected", objectType: "request", objectId: request.id, requestId: request.id, projectName: request.projectName, before: { state: "PENDING" }, after: { state: "REJECTED", reason: comment } },
      ]);
      return { state: "REJECTED", approvals: 0, requiredApprovals: request.requiredApprovals };
    }

    // Policy again, with today's facts and configuration: what was fine when asked may not be now.
    const typed = typedRequest(request.kind, request.payload);
    const facts = await gatherFacts(
      tx,
      { request: typed, projectName: request.projectName, subjectKey: request.subjectKey ?? "", endsAt: request.endsAt },
      { groups: request.requesterGroups, isApprover: false },
      { now: deps.now, harborProjectExists: async () => harborHasName, harborRobotExists: async () => harborHasRobot },
      request.id,
    );
    // The requester's own standing was judged at submission; approval re-checks the request itself.
    facts.requesterIsApprover = true;
    const outcome = evaluatePolicy({ ...typed, endsAt: request.endsAt }, facts, deps.policy);
    if (outcome.violations.length) throw policyRefusal(typed.kind, outcome.violations);
    const required = Math.max(request.requiredApprovals, outcome.requiredApprovals);

    const approval = await tx.approval.create({ data: { requestId: request.id, approverId: principal.id, approverName: principal.name, decision: "APPROVE", comment } });
    const approvals = (prior?.approvals ?? 0) + 1;
    const events: Parameters<typeof appendAuditEvents>[2] = [
      {
        action: "approval.recorded",
        objectType: "approval",
        objectId: approval.id,
        requestId: request.id,
        projectName: request.projectName,
        after: { decision: "APPROVE", comment, approver: { id: principal.id, name: principal.name }, approvals, requiredApprovals: required },
      },
    ];
    if (approvals < required) {
      if (required !== request.requiredApprovals) await tx.request.update({ where: { id: request.id }, data: { requiredApprovals: required } });
      await appendAuditEvents(tx, audit, events);
      return { state: "PENDING", approvals, requiredApprovals: required };
    }
    await tx.request.update({ where: { id: request.id }, data: { state: "APPROVED", decidedAt: deps.now, ...(required !== request.requiredApprovals ? { requiredApprovals: required } : {}) } });
    events.push({ action: "request.approved", objectType: "request", objectId: request.id, requestId: request.id, projectName: request.projectName, before: { state: "PENDING" }, after: { state: "APPROVED", approvals } });
    // The locked row goes on to provisioning: nothing is read, checked or written twice. Its events go in with
    // job.queued as one append at the end, so the chain head is locked only briefly.
    await queueProvisioning(tx, { ...request, typed }, audit, { events });
    return { state: "APPROVED", approvals, requiredApprovals: required };
  });
}
