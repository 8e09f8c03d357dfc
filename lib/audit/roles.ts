import "server-only";
import { HARBOR_ROLES, roleById } from "../core/roles";

/** A role id's name as the auditor views and exports show it (Harbor's roles, lib/governance/harbor-roles.ts). */
export function roleName(roleId: number | null | undefined): string | null {
  return roleId == null ? null : (roleById(roleId)?.label ?? `role ${roleId}`);
}

/** The same names as a SQL CASE over a role-id expression, for exports rendered by PostgreSQL. */
export function roleNameSql(roleIdExpr: string): string {
  return `CASE ${roleIdExpr} ${HARBOR_ROLES.map((r) => `WHEN ${r.id} THEN '${r.label}'`).join(" ")} END`;
}
