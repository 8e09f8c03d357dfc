import "server-only";
import { decode, encode } from "next-auth/jwt";
import { env } from "../env";
import { isBerthToken, type BerthToken } from "./token";

// next-auth's own cookie layout: one cookie, or `name.0`, `name.1`… when the value is over ~4 kB.
const CHUNK_SIZE = 4096 - 163;

export function sessionCookieName(): string {
  return env().NEXTAUTH_URL.startsWith("https://") ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

function isSessionPart(name: string, base: string) {
  return name === base || (name.startsWith(`${base}.`) && /^\d+$/.test(name.slice(base.length + 1)));
}

/** The session cookie's value, reassembled from its chunks. */
export function readSessionCookie(cookies: { name: string; value: string }[]): string | undefined {
  const base = sessionCookieName();
  const parts = cookies.filter((c) => isSessionPart(c.name, base));
  if (parts.length === 0) return undefined;
  const order = (name: string) => (name === base ? 0 : Number(name.slice(base.length + 1)));
  return parts
    .sort((a, b) => order(a.name) - order(b.name))
    .map((c) => c.value)
    .join("");
}

/** The cookies to set for a session value, and the names of stale chunks to clear. */
export function sessionCookieParts(value: string, existing: string[]): { set: { name: string; value: string }[]; clear: string[] } {
  const base = sessionCookieName();
  const count = Math.ceil(value.length / CHUNK_SIZE);
  const set = count <= 1 ? [{ name: base, value }] : Array.from({ length: count }, (_, i) => ({ name: `${base}.${i}`, value: value.slice(i * CHUNK_SIZE, (i + 1) * CHUNK_SIZE) }));
  const keep = new Set(set.map((c) => c.name));
  return { set, clear: existing.filter((name) => isSessionPart(name, base) && !keep.has(name)) };
}

export function sessionCookieOptions() {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    path: "/",
    secure: env().NEXTAUTH_URL.startsWith("https://"),
    maxAge: env().BERTH_SESSION_MAX_AGE_SECONDS,
  };
}

export async function decodeSession(value: string | undefined): Promise<BerthToken | null> {
  if (!value) return null;
  try {
    const token = await decode({ token: value, secret: env().NEXTAUTH_SECRET });
    return isBerthToken(token) ? token : null;
  } catch {
    return null; // a cookie from another secret, or tampered with: treat as signed out
  }
}

export function encodeSession(token: BerthToken): Promise<string> {
  return encode({ token, secret: env().NEXTAUTH_SECRET, maxAge: env().BERTH_SESSION_MAX_AGE_SECONDS });
}
