import type { Role } from "./roles";

// The permission table: what each role may do. Record-level scope ("own", "owned project")
// is checked after loading the record, in the domain functions.
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
  "audit:read": ["auditor", "approver"],
  "audit:export": ["auditor", "approver"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return roles.some((r) => allowed.includes(r));
}

export function permissionsOf(roles: readonly Role[]): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(roles, p));
}
