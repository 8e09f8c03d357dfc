import { DEMO_ROLE_GROUPS, DEMO_USERS } from "../../dev/idp/users";
import type { Principal } from "../../lib/auth/principal";
import { permissionsOf } from "../../lib/authz/permissions";
import { mapGroupsToRoles } from "../../lib/authz/roles";

export type DemoName = "alice" | "bob" | "erin" | "carol" | "dave";

const split = (v: string) => v.split(",");
const demoRoleGroups = { approver: split(DEMO_ROLE_GROUPS.BERTH_ADMIN_GROUPS), auditor: split(DEMO_ROLE_GROUPS.BERTH_AUDITOR_GROUPS), requester: split(DEMO_ROLE_GROUPS.BERTH_REQUESTER_GROUPS) };

/** The demo user as the server would see them after signing in, with the demo role mapping. */
export function principalOf(name: DemoName, groups?: string[]): Principal {
  const user = DEMO_USERS.find((u) => u.username === name)!;
  const g = groups ?? [...user.groups];
  const { roles, via } = mapGroupsToRoles(g, demoRoleGroups);
  return { id: `sub-${name}`, name: user.name, email: user.email, username: name, groups: g, roles, via, permissions: permissionsOf(roles) };
}

export const ALL_DEMO: DemoName[] = ["alice", "bob", "erin", "carol", "dave"];
