// Harbor's project roles (harbor-api.md). Ranked by what they allow, least first.
export const HARBOR_ROLES = [
  { id: 5, key: "limited-guest", label: "Limited Guest", rank: 1, summary: "pull only, no listing of members or logs" },
  { id: 3, key: "guest", label: "Guest", rank: 2, summary: "pull only — right for cluster pull secrets" },
  { id: 2, key: "developer", label: "Developer", rank: 3, summary: "push and pull" },
  { id: 4, key: "maintainer", label: "Maintainer", rank: 4, summary: "push, pull, delete, scan, manage tag rules" },
  { id: 1, key: "project-admin", label: "Project Admin", rank: 5, summary: "everything in the project, including members" },
] as const;

export type HarborRole = (typeof HARBOR_ROLES)[number];
export type RoleId = HarborRole["id"];
export type RoleKey = HarborRole["key"];

export const ROLE_IDS = HARBOR_ROLES.map((r) => r.id) as RoleId[];

export function roleById(id: number): HarborRole | undefined {
  return HARBOR_ROLES.find((r) => r.id === id);
}

export function roleByKey(key: string): HarborRole | undefined {
  return HARBOR_ROLES.find((r) => r.key === key);
}

export function roleLabel(id: number | null | undefined): string {
  return (id != null && roleById(id)?.label) || "—";
}

/** Whether role `a` allows more than role `b`. */
export function exceeds(a: RoleId, b: RoleId): boolean {
  return roleById(a)!.rank > roleById(b)!.rank;
}
