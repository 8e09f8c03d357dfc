import type { Permission } from "@/lib/authz/permissions";

export interface NavItem {
  href: string;
  label: string;
  /** shown to those holding one of these permissions, or to everyone signed in with a role */
  permissions: readonly Permission[] | "all";
  badge?: "approvals" | "reviews";
}

// Navigation per role (docs/ui.md), asked through the permission table; the server still refuses what a role may not do.
export const NAV: NavItem[] = [
  { href: "/", label: "Home", permissions: "all" },
  { href: "/requests", label: "Requests", permissions: ["request:read-own"] },
  { href: "/approvals", label: "Approvals", permissions: ["request:decide"], badge: "approvals" },
  { href: "/reviews", label: "Reviews", permissions: ["review:decide", "review:define"], badge: "reviews" },
  { href: "/projects", label: "Projects", permissions: "all" },
  { href: "/grants", label: "Grants", permissions: "all" },
  { href: "/audit", label: "Audit", permissions: ["audit:read"] },
  { href: "/notifications", label: "Notifications", permissions: ["notify:read-log"] },
  { href: "/profile", label: "Profile", permissions: "all" },
];

/** The entries for someone, given how to ask whether they hold a permission (the layout passes `can`). */
export function navFor(may: (permission: Permission) => boolean): NavItem[] {
  return NAV.filter((item) => item.permissions === "all" || item.permissions.some(may));
}
