import type { Role } from "@/lib/authz/roles";

export interface NavItem {
  href: string;
  label: string;
  roles: readonly Role[] | "all";
  badge?: "approvals" | "reviews";
}

// Navigation per role (ui.md); the server still refuses what a role may not do.
export const NAV: NavItem[] = [
  { href: "/", label: "Home", roles: "all" },
  { href: "/requests", label: "Requests", roles: ["requester"] },
  { href: "/approvals", label: "Approvals", roles: ["approver"], badge: "approvals" },
  { href: "/reviews", label: "Reviews", roles: ["requester", "approver"], badge: "reviews" },
  { href: "/projects", label: "Projects", roles: "all" },
  { href: "/grants", label: "Grants", roles: "all" },
  { href: "/audit", label: "Audit", roles: ["auditor", "approver"] },
  { href: "/profile", label: "Profile", roles: "all" },
];

export function navFor(roles: readonly Role[]): NavItem[] {
  return NAV.filter((item) => item.roles === "all" || item.roles.some((r) => roles.includes(r)));
}
