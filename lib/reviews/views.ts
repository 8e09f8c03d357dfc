import "server-only";
import { describeFinding } from "../core/drift";
import { subjectLabel } from "../core/names";
import { roleLabel } from "../core/roles";
import type { InboxItem } from "./queries";

// The reviewer page's rows as plain JSON for the client components: what is shown, and what the server would let
// this person do (it checks again on every decision).

export interface ReviewItemView {
  id: string;
  campaignId: string;
  campaignNumber: number;
  campaignName: string;
  deadlineAt: string;
  projectName: string;
  subjectType: "GROUP" | "ROBOT";
  subjectName: string;
  label: string;
  roleId: number | null;
  roleLabel: string;
  permissions: { resource: string; action: string }[] | null;
  grantStartsAt: string | null;
  endsAt: string | null;
  requestId: string;
  requestNumber: number;
  requesterName: string;
  approvers: string[];
  routedReason: string | null;
  escalated: boolean;
  /** Open: may be decided by this person now. */
  decidable: boolean;
  /** Why this person may not decide it (separation of duties), when it is theirs otherwise. */
  blockedBecause: string | null;
  /** The grant ended meanwhile (expired, revoked): nothing to decide; the deadline records it. */
  ended: string | null;
  decision: { kind: string; reason: string | null; by: string; at: string } | null;
  usage: { verdict: string; note: string; readAt: string | null; pulls: number | null; pushes: number | null; lastUsed: string | null; attribution: string };
  drift: string[];
  suggestion: { action: string; text: string } | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toItemView(item: InboxItem): ReviewItemView {
  const ended = item.grantState === "ACTIVE" ? null : item.grantState.toLowerCase();
  return {
    id: item.id,
    campaignId: item.campaignId,
    campaignNumber: item.campaignNumber,
    campaignName: item.campaignName,
    deadlineAt: item.deadlineAt.toISOString(),
    projectName: item.projectName,
    subjectType: item.subjectType,
    subjectName: item.subjectName,
    label: subjectLabel(item),
    roleId: item.currentRoleId ?? item.roleId,
    roleLabel: roleLabel(item.currentRoleId ?? item.roleId),
    permissions: item.permissions,
    grantStartsAt: iso(item.grantStartsAt),
    endsAt: iso(item.currentEndsAt),
    requestId: item.requestId,
    requestNumber: item.requestNumber,
    requesterName: item.requesterName,
    approvers: item.approvers.map((a) => a.name),
    routedReason: item.routedReason,
    escalated: item.escalatedAt !== null,
    decidable: item.standing.may && item.decision === null && ended === null,
    blockedBecause: item.standing.may ? null : item.standing.why === "not-reviewer" ? null : item.standing.message,
    ended,
    decision: item.decision ? { kind: item.decision, reason: item.decisionReason, by: item.byPolicy ? "policy" : (item.deciderName ?? "?"), at: iso(item.decidedAt)! } : null,
    usage: {
      verdict: item.evidence.usage.verdict,
      note: item.evidence.usage.note,
      readAt: item.evidence.usage.readAt,
      pulls: item.evidence.usage.pulls,
      pushes: item.evidence.usage.pushes,
      lastUsed: item.evidence.usage.lastUsed,
      attribution: item.evidence.usage.attribution,
    },
    drift: item.evidence.drift.map(describeFinding),
    suggestion: item.evidence.suggestion,
  };
}
