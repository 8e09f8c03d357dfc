import "server-only";
import type { Role } from "./roles";

// The permission table: what each role may do. Record-level scope ("own", "owned project") is decided by
// lib/authz/scope.ts after the record is loaded.
export const PERMISSIONS = {
  "portal:use": ["requester", "approver", "auditor"],
  "request:create": ["requester", "approver"],
  "request:read-own": ["requester", "approver"],
  "request:read-any": ["approver", "auditor"],
  "request:cancel-own": ["requester", "approver"],
  "request:decide": ["approver"],
  "secret:reveal-own": ["requester", "approver"],
  "job:retry": ["approver"],
  "grant:read-owned": ["requester"],
  "grant:read-any": ["approver", "auditor"],
  // approvers any grant; requesters those in projects their groups own (checked against the record)
  "grant:revoke": ["requester", "approver"],
  "project:read-owned": ["requester"],
  "project:read-any": ["approver", "auditor"],
  // ask for and remove access in a project: requesters in projects their groups own, approvers in any
  "project:manage-owned": ["requester"],
  "project:manage-any": ["approver"],
  "audit:read": ["auditor", "approver"],
  "audit:export": ["auditor", "approver"],
  // the auditor's summary on the home page (chain status, grants this month)
  "audit:read-summary": ["auditor"],
  // one's own notification choices (profile page); auditors get only mandatory messages, so have none to make
  "notify:choose-own": ["requester", "approver"],
  // hold one's request messages for a daily digest (only approvers get a stream of them)
  "notify:digest": ["approver"],
  // send an undelivered notification again (approvers' home)
  "notify:retry": ["approver"],
  // the delivery log: every delivery's state, status codes and attempts (approvers act on it, auditors read it)
  "notify:read-log": ["approver", "auditor"],
  // access reviews (docs/reviews.md): approvers define and start them; items are decided by the owner group's team
  // leads (checked against the item, lib/reviews/reviewers.ts), by approvers once routed or escalated to them
  "review:define": ["approver"],
  "review:decide": ["requester", "approver"],
  "review:decide-fallback": ["approver"],
  "review:read-report": ["approver", "auditor"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Whether someone with these roles (a principal, or anything carrying `roles`) holds the permission. */
export function can(who: { readonly roles: readonly Role[] }, permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return who.roles.some((r) => allowed.includes(r));
}

/** Whether they hold at least one of the permissions. */
export function canAny(who: { readonly roles: readonly Role[] }, permissions: readonly Permission[]): boolean {
  return permissions.some((p) => can(who, p));
}

export function permissionsOf(roles: readonly Role[]): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can({ roles }, p));
}
