const DAY = 86_400_000;

import { subjectLabel } from "@/lib/core/names";

export { subjectLabel };

export type GrantSubject = Parameters<typeof subjectLabel>[0];

/** A robot's permissions, stored as JSON `[{resource, action}]`, as "repository: pull, push". */
export function permissionsText(permissions: unknown): string {
  if (!Array.isArray(permissions)) return "—";
  const byResource = new Map<string, string[]>();
  for (const p of permissions) {
    if (!p || typeof p !== "object") continue;
    const { resource, action } = p as { resource?: unknown; action?: unknown };
    if (typeof resource !== "string" || typeof action !== "string") continue;
    byResource.set(resource, [...(byResource.get(resource) ?? []), action]);
  }
  if (byResource.size === 0) return "—";
  return [...byResource].map(([resource, actions]) => `${resource}: ${actions.join(", ")}`).join("; ");
}

export type EndUrgency = "overdue" | "soon" | null;

/** Whether active access ends within the warning window, or should already have ended (expiry still running). */
export function endUrgency(grant: { state: string; endsAt: Date | null }, now: Date, warningDays: number): EndUrgency {
  if (grant.state !== "ACTIVE" || !grant.endsAt) return null;
  const left = grant.endsAt.getTime() - now.getTime();
  if (left <= 0) return "overdue";
  return left <= warningDays * DAY ? "soon" : null;
}

/** The owner group's own membership ends only with the project; the server refuses to revoke it. */
export function isOwnerMembership(grant: { subjectType: string; subjectName: string }, ownerGroup: string): boolean {
  return grant.subjectType === "GROUP" && grant.subjectName === ownerGroup;
}

/** What a revocation does in Harbor, said before it happens. */
export function revokeEffect(grant: GrantSubject & { roleLabel: string }): string {
  if (grant.subjectType === "GROUP") {
    return `Berth removes the group ${grant.subjectName} from project ${grant.projectName} in Harbor now. Its members lose their ${grant.roleLabel} access to ${grant.projectName}.`;
  }
  return `Berth deletes robot ${subjectLabel(grant)} from Harbor now. Anything using its secret can no longer pull or push.`;
}
