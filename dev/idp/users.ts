// The demo directory of product.md: password = user name (demo IdP only).
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
