import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { can } from "./permissions";
import type { Principal } from "./principal";

// Record-level authorization: which records a principal may see or act on, decided after the role check. Queries put
// these scopes in their `where`; an unknown and a foreign record read the same ("not found").

/** Projects a principal may see: all with project:read-any, else those their groups own. */
export function projectScope(principal: Principal): Prisma.ProjectWhereInput {
  return can(principal, "project:read-any") ? {} : { ownerGroup: { in: principal.groups } };
}

/** Grants a principal may see: all, or those in projects their groups own and those held by their groups. */
export function grantScope(principal: Principal): Prisma.GrantWhereInput {
  if (can(principal, "grant:read-any")) return {};
  return { OR: [{ project: { ownerGroup: { in: principal.groups } } }, { subjectType: "GROUP", subjectName: { in: principal.groups } }] };
}

/** Whether a grant is visible to the principal (the record form of grantScope). */
export function canSeeGrant(principal: Principal, grant: { ownerGroup: string; subjectType: string; subjectName: string }): boolean {
  return can(principal, "grant:read-any") || principal.groups.includes(grant.ownerGroup) || (grant.subjectType === "GROUP" && principal.groups.includes(grant.subjectName));
}

/** Whether the principal may ask for and remove access in this project. */
export function canManageProject(principal: Principal, project: { ownerGroup: string }): boolean {
  return can(principal, "project:manage-any") || (can(principal, "project:manage-owned") && principal.groups.includes(project.ownerGroup));
}

/** A request the principal may see: their own, or any with request:read-any. */
export function canSeeRequest(principal: Principal, request: { requesterId: string }): boolean {
  return request.requesterId === principal.id || can(principal, "request:read-any");
}
