import "server-only";
import { redirect } from "next/navigation";
import { can, type Permission } from "@/lib/authz/permissions";
import { getPrincipal, type Principal } from "./principal";

/**
 * For a page: the signed-in principal holding at least one of these permissions. Without a session the page sends to
 * sign-in; without the permission, home. Each page calls it itself (a layout's check protects nothing).
 */
export async function requirePagePrincipal(first: Permission, ...more: Permission[]): Promise<Principal> {
  const principal = await getPrincipal();
  if (!principal) redirect("/signin");
  if (![first, ...more].some((p) => can(principal.roles, p))) redirect("/");
  return principal;
}
