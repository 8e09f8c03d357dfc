// Harbor's project roles. Ids are Harbor's `role_id`; names are the `role_name` its member API returns
// (the `role` table: projectAdmin, developer, guest, maintainer, limitedGuest).
export type HarborRoleId = 1 | 2 | 3 | 4 | 5;

export interface HarborRole {
  id: HarborRoleId;
  /** Harbor's `role_name` as the API returns it. */
  name: "projectAdmin" | "developer" | "guest" | "maintainer" | "limitedGuest";
  label: string;
}

export const HARBOR_ROLES: readonly HarborRole[] = [
  { id: 1, name: "projectAdmin", label: "Project Admin" },
  { id: 2, name: "developer", label: "Developer" },
  { id: 3, name: "guest", label: "Guest" },
  { id: 4, name: "maintainer", label: "Maintainer" },
  { id: 5, name: "limitedGuest", label: "Limited Guest" },
];

export function isHarborRoleId(value: unknown): value is HarborRoleId {
  return typeof value === "number" && HARBOR_ROLES.some((r) => r.id === value);
}

/** Harbor's `role_name` for a role id. */
export function roleName(id: HarborRoleId): HarborRole["name"] {
  const role = HARBOR_ROLES.find((r) => r.id === id);
  if (!role) throw new RangeError(`unknown Harbor role id ${String(id)}`);
  return role.name;
}

/** The human label ("Maintainer") for a role id. */
export function roleLabel(id: HarborRoleId): string {
  const role = HARBOR_ROLES.find((r) => r.id === id);
  if (!role) throw new RangeError(`unknown Harbor role id ${String(id)}`);
  return role.label;
}
