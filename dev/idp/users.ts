import type { Principal } from "../../lib/authz/principal";
import { permissionsOf } from "../../lib/authz/permissions";
import { mapGroupsToRoles } from "../../lib/authz/roles";

// The demo directory (README.md, "Quick start"): password = user name (demo IdP only).
export interface DemoUser {
  username: string;
  name: string;
  email: string;
  groups: string[];
  disabled?: boolean;
  description: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { username: "alice", name: "Alice Andersen", email: "alice@example.com", groups: ["team-leads", "finance-devs"], description: "team lead (requester)" },
  { username: "bob", name: "Bob Brenner", email: "bob@example.com", groups: ["registry-admins"], description: "registry admin (approver)" },
  { username: "erin", name: "Erin Eklund", email: "erin@example.com", groups: ["registry-admins"], description: "registry admin (approver)" },
  { username: "carol", name: "Carol Castillo", email: "carol@example.com", groups: ["auditors"], description: "auditor" },
  { username: "dave", name: "Dave Dawson", email: "dave@acme.example", groups: ["ext-acme"], description: "external vendor (no Berth role)" },
];

/** The demo role mapping the launcher configures (BERTH_*_GROUPS). */
export const DEMO_ROLE_GROUPS = {
  BERTH_ADMIN_GROUPS: "registry-admins",
  BERTH_AUDITOR_GROUPS: "auditors",
  BERTH_REQUESTER_GROUPS: "team-leads",
} as const;

export function cloneDemoUsers(): DemoUser[] {
  return DEMO_USERS.map((u) => ({ ...u, groups: [...u.groups] }));
}

/**
 * A demo user as the portal sees them after signing in, with the demo role mapping. The demo IdP's subject is the
 * user name; tests may give another id or other groups.
 */
export function demoPrincipal(username: string, overrides: { id?: string; groups?: string[] } = {}): Principal {
  const user = DEMO_USERS.find((u) => u.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  const groups = overrides.groups ?? [...user.groups];
  const split = (v: string) => v.split(",");
  const { roles, via } = mapGroupsToRoles(groups, {
    approver: split(DEMO_ROLE_GROUPS.BERTH_ADMIN_GROUPS),
    auditor: split(DEMO_ROLE_GROUPS.BERTH_AUDITOR_GROUPS),
    requester: split(DEMO_ROLE_GROUPS.BERTH_REQUESTER_GROUPS),
  });
  return { id: overrides.id ?? user.username, name: user.name, email: user.email, username: user.username, groups, roles, via, permissions: permissionsOf(roles) };
}
