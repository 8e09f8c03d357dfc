import { cache } from "react";
import { cookies, headers } from "next/headers";
import { env } from "../env";
import { permissionsOf, type Permission } from "../authz/permissions";
import { mapGroupsToRoles, type Role } from "../authz/roles";
import { readSessionCookie, decodeSession } from "./session-cookie";
import type { BerthToken } from "./token";

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

export function roleGroups() {
  const config = env();
  return { approver: config.BERTH_ADMIN_GROUPS, auditor: config.BERTH_AUDITOR_GROUPS, requester: config.BERTH_REQUESTER_GROUPS };
}

export function principalFromToken(token: BerthToken): Principal {
  const { roles, via } = mapGroupsToRoles(token.groups, roleGroups());
  return { id: token.sub, name: token.name, email: token.email, username: token.username, groups: token.groups, roles, via, permissions: permissionsOf(roles) };
}

// Groups older than the refresh interval plus this grace are not trusted (the proxy refreshes well before).
const STALE_GRACE_MS = 60_000;

/** The session token of this request, decoded once per request. */
export const getSessionToken = cache(async (): Promise<BerthToken | null> => {
  const token = await decodeSession(readSessionCookie((await cookies()).getAll()));
  if (!token || token.error) return null;
  if (Date.now() > token.groupsReadAt + env().BERTH_GROUPS_REFRESH_SECONDS * 1000 + STALE_GRACE_MS) return null;
  return token;
});

/** The signed-in user with roles derived from their groups now, or null. */
export const getPrincipal = cache(async (): Promise<Principal | null> => {
  const token = await getSessionToken();
  return token ? principalFromToken(token) : null;
});

export interface RequestMeta {
  sourceIp: string | null;
  userAgent: string | null;
  portalRequestId: string | null;
}

/** Where this call came from, for the audit trail. */
export const getRequestMeta = cache(async (): Promise<RequestMeta> => {
  const h = await headers();
  const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
  return {
    sourceIp: forwarded || h.get("x-real-ip") || null,
    userAgent: h.get("user-agent")?.slice(0, 512) ?? null,
    portalRequestId: h.get("x-request-id"),
  };
});
