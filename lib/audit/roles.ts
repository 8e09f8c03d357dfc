// Harbor's project role ids (harbor-api.md); names as the auditor views show them.
export const HARBOR_ROLE_NAMES: Readonly<Record<number, string>> = {
  1: "Project Admin",
  2: "Developer",
  3: "Guest",
  4: "Maintainer",
  5: "Limited Guest",
};

export function roleName(roleId: number | null | undefined): string | null {
  return roleId == null ? null : (HARBOR_ROLE_NAMES[roleId] ?? `role ${roleId}`);
}
