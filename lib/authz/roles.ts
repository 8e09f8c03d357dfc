import "server-only";
export const ROLES = ["requester", "approver", "auditor"] as const;
export type Role = (typeof ROLES)[number];

export interface RoleGroups {
  /** IdP groups whose members approve (registry admins). */
  approver: readonly string[];
  auditor: readonly string[];
  /** Empty means every signed-in user may make requests. */
  requester: readonly string[];
}

export interface RoleMapping {
  roles: Role[];
  /** For each role, the user's groups that grant it (shown on the profile page). */
  via: Record<Role, string[]>;
}

// The user's roles from their IdP groups. Approvers may also make requests.
export function mapGroupsToRoles(groups: readonly string[], config: RoleGroups): RoleMapping {
  const mine = new Set(groups);
  const hits = (list: readonly string[]) => list.filter((g) => mine.has(g));
  const via: Record<Role, string[]> = {
    approver: hits(config.approver),
    auditor: hits(config.auditor),
    requester: config.requester.length === 0 ? ["(every signed-in user)"] : hits(config.requester),
  };
  if (via.requester.length === 0 && via.approver.length > 0) via.requester = [...via.approver];
  return { roles: ROLES.filter((role) => via[role].length > 0), via };
}
