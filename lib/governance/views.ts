import "server-only";
import { can } from "../authz/permissions";
import type { Principal } from "../authz/principal";
import { LIVE_STATES } from "../core/states";
import type { PayloadOf, RequestKindName } from "../core/payloads";
import { previewSteps } from "../provisioning/flows";
import { rulesOf } from "./kinds";
import type { PolicyCheck } from "./policy";
import type { RequestDetail } from "./queries";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

// The request page's data as plain JSON: rendered on the server, then refreshed by polling /api/requests/[id].
export function toRequestView(detail: RequestDetail, principal: Principal) {
  const approvals = detail.approvals.filter((a) => a.decision === "APPROVE");
  const mine = detail.approvals.find((a) => a.approverId === principal.id);
  const isRequester = detail.requesterId === principal.id;
  const mayDecide = can(principal, "request:decide");
  const latestSecret = detail.secrets[0];
  const secretState = !latestSecret ? null : latestSecret.revealedAt ? "revealed" : latestSecret.wipedAt || latestSecret.expiresAt <= new Date() ? "wiped" : "waiting";
  const failedJob = detail.jobs.find((j) => j.state === "FAILED");
  return {
    id: detail.id,
    number: detail.number,
    kind: detail.kind,
    kindLabel: detail.kindLabel,
    summary: detail.summary,
    state: detail.state,
    projectName: detail.projectName,
    justification: detail.justification,
    requester: { id: detail.requesterId, name: detail.requesterName, groups: detail.requesterGroups },
    facts: rulesOf(detail.typed.kind).details(detail.typed.payload as PayloadOf<RequestKindName>),
    /** whether the page shows the end date on a line of its own (only kinds where it means something) */
    showsEndDate: rulesOf(detail.typed.kind).showsEndDate,
    /** what approving it will do in Harbor: its job's steps as the request alone plans them */
    plan: previewSteps({ projectName: detail.projectName, ...detail.typed }).map((s) => s.label),
    endsAt: iso(detail.endsAt),
    createdAt: iso(detail.createdAt)!,
    decidedAt: iso(detail.decidedAt),
    closedAt: iso(detail.closedAt),
    requiredApprovals: detail.requiredApprovals,
    policyChecks: detail.policyChecks as PolicyCheck[],
    approvals: detail.approvals.map((a) => ({ id: a.id, approverId: a.approverId, approverName: a.approverName, decision: a.decision, comment: a.comment, createdAt: iso(a.createdAt)! })),
    approvalCount: approvals.length,
    jobs: detail.jobs.map((j) => ({
      id: j.id,
      kind: j.kind,
      state: j.state,
      attempts: j.attempts,
      maxAttempts: j.maxAttempts,
      lastError: j.lastError,
      runAt: iso(j.runAt),
      finishedAt: iso(j.finishedAt),
      steps: j.steps.map((s) => ({ id: s.id, key: s.key, label: s.label, state: s.state, attempts: s.attempts, harborRequestId: s.harborRequestId, error: s.error, startedAt: iso(s.startedAt), finishedAt: iso(s.finishedAt) })),
    })),
    grants: detail.grants.map((g) => ({ ...g, startsAt: iso(g.startsAt), endsAt: iso(g.endsAt), endedAt: iso(g.endedAt) })),
    secret: latestSecret ? { state: secretState, robotName: latestSecret.robotName, expiresAt: iso(latestSecret.expiresAt)!, revealedAt: iso(latestSecret.revealedAt) } : null,
    can: {
      decide: mayDecide && !isRequester && detail.state === "PENDING" && !mine,
      cancel: isRequester && detail.state === "PENDING",
      reveal: isRequester && secretState === "waiting",
      retry: can(principal, "job:retry") && !!failedJob,
      failedJobId: failedJob?.id ?? null,
    },
    whyNoDecision: !mayDecide ? null : isRequester ? "You asked for this, so another approver must decide it." : mine ? `You already ${mine.decision === "APPROVE" ? "approved" : "rejected"} this request.` : null,
    live: (LIVE_STATES as readonly string[]).includes(detail.state),
    /** the navigation entry the page belongs to for this viewer: their own request, one to decide, or the trail */
    section: isRequester ? "/requests" : mayDecide ? "/approvals" : can(principal, "audit:read") ? "/audit" : "/requests",
  };
}
export type RequestView = ReturnType<typeof toRequestView>;
