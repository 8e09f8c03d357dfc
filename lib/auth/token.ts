import "server-only";
import type { JWT } from "next-auth/jwt";

// What Berth keeps in its encrypted session cookie. No access token: Berth never calls the IdP's APIs with it.
export interface BerthToken extends JWT {
  sub: string;
  /** this session's own id, made at sign-in: signing out revokes it (lib/auth/revocation.ts) */
  sid: string;
  name: string;
  email?: string;
  username: string;
  groups: string[];
  idToken?: string;
  refreshToken?: string;
  /** When the IdP's access token expires (ms since epoch). */
  accessTokenExpiresAt: number;
  /** When the groups were last read from the IdP (ms since epoch). */
  groupsReadAt: number;
  error?: "RefreshFailed" | "IdpUnreachable";
}

export function isBerthToken(token: JWT | null | undefined): token is BerthToken {
  return !!token && typeof token.sub === "string" && typeof token.sid === "string" && Array.isArray(token.groups) && typeof token.groupsReadAt === "number";
}

/** Reads the groups claim: an array of names, or one space- or comma-separated string. */
export function readGroupsClaim(claims: Record<string, unknown>, claimName: string): string[] {
  const value = claimName.split(".").reduce<unknown>((obj, key) => (obj && typeof obj === "object" ? (obj as Record<string, unknown>)[key] : undefined), claims);
  const raw = Array.isArray(value) ? value : typeof value === "string" ? value.split(/[\s,]+/) : [];
  return [...new Set(raw.filter((g): g is string => typeof g === "string").map((g) => g.trim()).filter(Boolean))];
}

/** Whether the groups must be re-read now: the access token is about to expire, or the refresh interval has passed. */
export function needsRefresh(token: BerthToken, now: number, refreshSeconds: number): boolean {
  return now >= token.accessTokenExpiresAt - 5_000 || now >= token.groupsReadAt + refreshSeconds * 1000;
}

/** The claims of a JWT without verifying its signature (only for tokens received directly from the IdP over TLS). */
export function jwtClaims(jwt: string): Record<string, unknown> {
  const part = jwt.split(".")[1];
  if (!part) throw new Error("not a JWT");
  return JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Record<string, unknown>;
}
