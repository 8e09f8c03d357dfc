import "server-only";
import { can } from "../authz/permissions";
import type { Principal } from "../authz/principal";

// Who may decide a review item (ADR 016). An item names its reviewers by rule, not by person: the team leads of an
// IdP group (Berth users holding the requester role who are members of the project's owner group), the fallback
// reviewers (approvers) once the item is routed or escalated to them, and the people excluded from it. Group
// membership comes from the IdP on every request, so the server asks the rule on every call.

export interface ItemReviewers {
  subjectType: "GROUP" | "ROBOT";
  subjectName: string;
  /** The owner group whose team leads review; null when the campaign's reviewers are the approvers. */
  reviewerGroup: string | null;
  routedAt: Date | null;
  escalatedAt: Date | null;
  /** Never reviewers of this item (a robot's requester). */
  excludedIds: readonly string[];
}

export type ReviewerStanding =
  | { may: true; as: "owner" | "fallback" }
  | { may: false; why: "excluded" | "member"; as: "owner" | "fallback"; message: string }
  | { may: false; why: "not-reviewer" };

/** Whether the item is one for the fallback reviewers: routed to them, escalated, or theirs from the start. */
export const isFallbackItem = (item: Pick<ItemReviewers, "reviewerGroup" | "routedAt" | "escalatedAt">) => item.reviewerGroup === null || item.routedAt !== null || item.escalatedAt !== null;

/** The role through which the principal would review the item, before separation of duties is applied. */
function reviewerRole(principal: Principal, item: ItemReviewers): "owner" | "fallback" | null {
  if (item.reviewerGroup !== null && can(principal, "review:decide") && principal.groups.includes(item.reviewerGroup)) return "owner";
  if (isFallbackItem(item) && can(principal, "review:decide-fallback")) return "fallback";
  return null;
}

/** Whether the principal may decide the item now, and if not, whether it is theirs at all (and why not). */
export function reviewerStanding(principal: Principal, item: ItemReviewers): ReviewerStanding {
  const as = reviewerRole(principal, item);
  if (!as) return { may: false, why: "not-reviewer" };
  if (item.excludedIds.includes(principal.id)) {
    return { may: false, why: "excluded", as, message: "You asked for this robot, so someone else certifies it; the approvers can decide it." };
  }
  if (item.subjectType === "GROUP" && principal.groups.includes(item.subjectName)) {
    return { may: false, why: "member", as, message: `You belong to ${item.subjectName}, so someone else certifies its access; the approvers can decide it.` };
  }
  return { may: true, as };
}
