// Harbor's project roles (docs/harbor.md): the id Harbor's API takes, the `role_name` its member API returns, the
// label people read, and the rank policy compares (what the role allows, least first). The one table of them.
export const HARBOR_ROLES = [
  { id: 5, key: "limited-guest", apiName: "limitedGuest", label: "Limited Guest", rank: 1, summary: "pull only, no listing of members or logs" },
  { id: 3, key: "guest", apiName: "guest", label: "Guest", rank: 2, summary: "pull only — right for cluster pull secrets" },
  { id: 2, key: "developer", apiName: "developer", label: "Developer", rank: 3, summary: "push and pull" },
  { id: 4, key: "maintainer", apiName: "maintainer", label: "Maintainer", rank: 4, summary: "push, pull, delete, scan, manage tag rules" },
  { id: 1, key: "project-admin", apiName: "projectAdmin", label: "Project Admin", rank: 5, summary: "everything in the project, including members" },
] as const;

export type HarborRole = (typeof HARBOR_ROLES)[number];
export type RoleId = HarborRole["id"];
export type RoleKey = HarborRole["key"];
/** Harbor's `role_name` as its member API returns it. */
export type RoleApiName = HarborRole["apiName"];

export const ROLE_IDS = HARBOR_ROLES.map((r) => r.id) as RoleId[];
export const ROLE_KEYS = HARBOR_ROLES.map((r) => r.key) as [RoleKey, ...RoleKey[]];

/** The role a project's owner group gets: it runs the project, but Project Admin needs its own two-approver request. */
export const OWNER_ROLE_ID: RoleId = 4;

export function isRoleId(value: unknown): value is RoleId {
  return typeof value === "number" && HARBOR_ROLES.some((r) => r.id === value);
}

export function roleById(id: number): HarborRole | undefined {
  return HARBOR_ROLES.find((r) => r.id === id);
}

export function roleByKey(key: string): HarborRole | undefined {
  return HARBOR_ROLES.find((r) => r.key === key);
}

export function roleLabel(id: number | null | undefined): string {
  return (id != null && roleById(id)?.label) || "—";
}

/** Harbor's `role_name` for a role id. */
export function roleApiName(id: RoleId): RoleApiName {
  return roleById(id)!.apiName;
}

/** Whether role `a` allows more than role `b`. */
export function exceeds(a: RoleId, b: RoleId): boolean {
  return roleById(a)!.rank > roleById(b)!.rank;
}
