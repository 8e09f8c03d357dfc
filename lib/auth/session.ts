import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { env } from "../env";
import { readSessionCookie, decodeSession } from "./session-cookie";
import type { BerthToken } from "./token";

// Groups older than the refresh interval plus this grace are not trusted (the proxy refreshes well before).
const STALE_GRACE_MS = 60_000;

/** The session token of this request, decoded once per request; null when signed out or the groups are stale. */
export const getSessionToken = cache(async (): Promise<BerthToken | null> => {
  const token = await decodeSession(readSessionCookie((await cookies()).getAll()));
  if (!token || token.error) return null;
  if (Date.now() > token.groupsReadAt + env().BERTH_GROUPS_REFRESH_SECONDS * 1000 + STALE_GRACE_MS) return null;
  return token;
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
