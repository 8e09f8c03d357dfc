// Words for access reviews, shared by the pages and the client components.

export const DECISION_LABELS: Record<string, string> = {
  KEEP: "Keep",
  SHORTEN: "Keep with an earlier end",
  LOWER_ROLE: "Lower the role",
  REMOVE: "Remove",
};

export const OUTCOME_LABELS: Record<string, string> = {
  REMOVE: "remove the access",
  KEEP_AND_ESCALATE: "keep it and escalate to the approvers",
};

export const SUBJECTS_LABELS: Record<string, string> = { GROUPS: "group access", ROBOTS: "robots", BOTH: "group access and robots" };

export function scopeText(scope: string, value: string | null, subjects: string): string {
  const what = SUBJECTS_LABELS[subjects] ?? subjects;
  if (scope === "PROJECT") return `${what} in ${value}`;
  if (scope === "PATTERN") return `${what} in projects matching ${value}`;
  return `${what} in every managed project`;
}

/** "group:finance-devs" → "Team leads of finance-devs"; "approvers" → "Approvers (fallback)". */
export function reviewerLabel(reviewer: string): string {
  if (reviewer === "approvers") return "Approvers (fallback)";
  return `Team leads of ${reviewer.replace(/^group:/, "").replace(/^team leads of /, "")}`;
}

export const REMINDER_LABELS: Record<string, string> = {
  start: "review started",
  halfway: "halfway reminder",
  "two-days": "two days left",
  escalation: "escalated to the approvers",
  "kept-by-policy": "kept by policy at the deadline",
};

export interface EffectSubject {
  subjectType: "GROUP" | "ROBOT";
  label: string;
  projectName: string;
  roleLabel: string;
}

/** What a decision does in Harbor, said before it happens. */
export function decisionEffect(decision: string, s: EffectSubject, details: { newRoleLabel?: string; newEnd?: string } = {}): string {
  switch (decision) {
    case "KEEP":
      return "Nothing changes in Harbor. Your decision, your reason and the usage evidence are recorded in the audit trail.";
    case "SHORTEN":
      return s.subjectType === "GROUP"
        ? `Harbor memberships have no end date: Berth records the earlier end${details.newEnd ? ` (${details.newEnd})` : ""} and removes the group ${s.label} from ${s.projectName} in Harbor on that day.`
        : `Berth sets robot ${s.label} to expire in Harbor${details.newEnd ? ` on ${details.newEnd}` : " on that day"}, now.`;
    case "LOWER_ROLE":
      return `Berth changes the group ${s.label} in ${s.projectName} from ${s.roleLabel} to ${details.newRoleLabel ?? "the lower role"} in Harbor now.`;
    case "REMOVE":
      return s.subjectType === "GROUP"
        ? `Berth removes the group ${s.label} from ${s.projectName} in Harbor now. Its members lose their ${s.roleLabel} access to ${s.projectName}.`
        : `Berth deletes robot ${s.label} from Harbor now. Anything using its secret can no longer pull or push.`;
    default:
      return "";
  }
}

/** A decision as it reads on a timeline: "kept", "removed"… */
export const DECISION_PAST: Record<string, string> = { KEEP: "kept", SHORTEN: "given an earlier end", LOWER_ROLE: "role lowered", REMOVE: "removed" };
