import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { reads } from "../sql";
import { env } from "../env";
import { readRequestFacts, type RequestFacts } from "./request-facts";
import { isRevoked } from "./revocation";
import { readSessionCookie, decodeSession } from "./session-cookie";
import type { BerthToken } from "./token";

// Groups older than the refresh interval plus this grace are not trusted (the proxy refreshes well before).
const STALE_GRACE_MS = 60_000;

/** The session token of this request, decoded once per request; null when signed out (also from another copy of the cookie) or the groups are stale. */
export const getSessionToken = cache(async (): Promise<BerthToken | null> => {
  const token = await decodeSession(readSessionCookie((await cookies()).getAll()));
  if (!token || token.error) return null;
  if (Date.now() > token.groupsReadAt + env().BERTH_GROUPS_REFRESH_SECONDS * 1000 + STALE_GRACE_MS) return null;
  if (await isRevoked(reads(), token.sid)) return null;
  return token;
});

export interface RequestMeta extends RequestFacts {
  userAgent: string | null;
}

/**
 * Where this call came from, for the audit trail: the address and request ids the proxy established (never headers
 * the client set, lib/auth/request-facts.ts), and the user agent as the client states it.
 */
export const getRequestMeta = cache(async (): Promise<RequestMeta> => {
  const h = await headers();
  return { ...readRequestFacts(h), userAgent: h.get("user-agent")?.slice(0, 512) ?? null };
});
