import "server-only";
import type { AuditContext, AuditEventInput, JsonValue } from "../audit/types";
import type { Principal } from "../authz/principal";
import { conflict } from "../core/errors";
import { subjectKey } from "../core/names";
import type { AnyPayload } from "../core/payloads";
import { OPEN_STATES } from "../core/states";
import type { Tx } from "../db";
import type { Grant, Prisma } from "../generated/prisma/client";
import { queueProvisioning } from "../provisioning/enqueue";

// How a review decision that keeps access but lessens it (a lower role, an earlier end) reaches Harbor (ADR 015):
// it becomes a request of the existing kind — GROUP_ACCESS replacing the grant, or GRANT_EXTENSION to an earlier
// date — asked by the campaign and approved by the reviewer's decision, then provisioned like any approved request.

export interface ReviewChange {
  kind: "LOWER_ROLE" | "SHORTEN";
  newRoleId?: number;
  newEndsAt?: Date;
}

export interface ChangeContext {
  campaign: { id: string; number: number; name: string };
  itemId: string;
  reviewer: Principal;
  reason: string;
  now: Date;
  audit: AuditContext;
  /** The decision's own events (grant.reviewed), recorded before the request's and job.queued. */
  events: AuditEventInput[];
  /** Where all of them go, for the caller's one append at the end of its transaction. */
  collect: AuditEventInput[];
}

function changePayload(grant: Grant, change: ReviewChange): { typed: AnyPayload; endsAt: Date | null } {
  if (change.kind === "LOWER_ROLE") {
    return {
      typed: { kind: "GROUP_ACCESS", payload: { projectName: grant.projectName, groupName: grant.subjectName, roleId: change.newRoleId!, replacesGrantId: grant.id, previousRoleId: grant.roleId } },
      endsAt: grant.endsAt,
    };
  }
  return {
    typed: {
      kind: "GRANT_EXTENSION",
      payload: { projectName: grant.projectName, grantId: grant.id, subjectType: grant.subjectType, subjectName: grant.subjectName, previousEndsAt: grant.endsAt?.toISOString() ?? null, newEndsAt: change.newEndsAt!.toISOString() },
    },
    endsAt: change.newEndsAt!,
  };
}

/**
 * Records the change as an APPROVED request with the reviewer's approval and queues its provisioning, in the caller's
 * transaction, on a grant the caller has locked and checked. An open request for the same subject comes first.
 */
export async function requestChange(tx: Tx, grant: Grant, change: ReviewChange, c: ChangeContext): Promise<{ requestId: string; requestNumber: number; jobId: string }> {
  const key = subjectKey(grant.subjectType, grant.subjectName);
  const open = await tx.request.findFirst({ where: { projectName: grant.projectName, subjectKey: key, state: { in: [...OPEN_STATES] } }, select: { number: true } });
  if (open) throw conflict(`Request #${open.number} for ${grant.subjectName} in ${grant.projectName} is still open: decide or cancel it first, or decide this item otherwise.`);
  const { typed, endsAt } = changePayload(grant, change);
  const justification = `Access review #${c.campaign.number} (${c.campaign.name}): ${c.reason}`;
  const checks = [{ id: "access-review", label: "Decided in an access review", pass: true, reason: `${c.reviewer.name} decided this in access review #${c.campaign.number}; less access needs no further approval.` }];
  const request = await tx.request.create({
    data: {
      kind: typed.kind,
      payload: typed.payload as Prisma.InputJsonValue,
      justification,
      requesterId: `review:${c.campaign.id}`,
      requesterName: `Access review #${c.campaign.number}`,
      requesterGroups: [],
      projectName: grant.projectName,
      subjectKey: key,
      endsAt,
      state: "APPROVED",
      policyChecks: checks,
      requiredApprovals: 1,
      decidedAt: c.now,
    },
  });
  const approval = await tx.approval.create({ data: { requestId: request.id, approverId: c.reviewer.id, approverName: c.reviewer.name, decision: "APPROVE", comment: c.reason } });
  const origin = { campaignId: c.campaign.id, campaignNumber: c.campaign.number, reviewItemId: c.itemId };
  const events: AuditEventInput[] = [
    ...c.events,
    {
      action: "request.created",
      objectType: "request",
      objectId: request.id,
      requestId: request.id,
      projectName: grant.projectName,
      subject: key,
      after: { number: request.number, kind: request.kind, payload: typed.payload as JsonValue, justification, endsAt: endsAt?.toISOString() ?? null, requiredApprovals: 1, state: "APPROVED", origin },
    },
    { action: "approval.recorded", objectType: "approval", objectId: approval.id, requestId: request.id, projectName: grant.projectName, after: { decision: "APPROVE", comment: c.reason, approver: { id: c.reviewer.id, name: c.reviewer.name }, approvals: 1, requiredApprovals: 1, origin } },
    { action: "request.approved", objectType: "request", objectId: request.id, requestId: request.id, projectName: grant.projectName, before: null, after: { state: "APPROVED", approvals: 1 } },
  ];
  const { jobId } = await queueProvisioning(tx, { id: request.id, number: request.number, typed, projectName: grant.projectName, endsAt }, c.audit, { events, collect: c.collect });
  return { requestId: request.id, requestNumber: request.number, jobId };
}
