import "server-only";
import { cache } from "react";
import { env } from "../env";
import { getSessionToken } from "../auth/session";
import type { BerthToken } from "../auth/token";
import { permissionsOf, type Permission } from "./permissions";
import { mapGroupsToRoles, type Role } from "./roles";

/** The signed-in user as the server sees them on this request. */
export interface Principal {
  id: string;
  name: string;
  email?: string;
  username: string;
  groups: string[];
  roles: Role[];
  /** For each role, the groups that grant it. */
  via: Record<Role, string[]>;
  permissions: Permission[];
}

/** The IdP groups each role comes from (BERTH_*_GROUPS). */
export function roleGroups() {
  const config = env();
  return { approver: config.BERTH_ADMIN_GROUPS, auditor: config.BERTH_AUDITOR_GROUPS, requester: config.BERTH_REQUESTER_GROUPS };
}

export function principalFromToken(token: BerthToken): Principal {
  const { roles, via } = mapGroupsToRoles(token.groups, roleGroups());
  return { id: token.sub, name: token.name, email: token.email, username: token.username, groups: token.groups, roles, via, permissions: permissionsOf(roles) };
}

/** The signed-in user with roles derived from their groups now, or null. */
export const getPrincipal = cache(async (): Promise<Principal | null> => {
  const token = await getSessionToken();
  return token ? principalFromToken(token) : null;
});
