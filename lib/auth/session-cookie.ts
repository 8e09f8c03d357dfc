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

// Decrypting the cookie derives its key with HKDF and runs AES-GCM on every call; the proxy and the page each read
// the same cookie on every request. A decoded cookie is kept by its exact value (an encrypted, authenticated
// string) until its own expiry, so a repeat costs a map lookup. Bounded: the oldest entry goes first.
const DECODED_LIMIT = 1000;
const CLOCK_TOLERANCE_S = 15;
const decoded = new Map<string, { token: BerthToken; expiresAt: number }>();

/** The cookie's token, or null when absent, from another key, tampered with or expired. */
export async function decodeSession(value: string | undefined, now = Date.now()): Promise<BerthToken | null> {
  if (!value) return null;
  const hit = decoded.get(value);
  if (hit) {
    if (now < hit.expiresAt) return hit.token;
    decoded.delete(value);
  }
  let token: BerthToken | null;
  try {
    const raw = await decode({ token: value, secret: env().NEXTAUTH_SECRET });
    token = isBerthToken(raw) ? raw : null;
  } catch {
    return null; // a cookie from another secret, or tampered with: treat as signed out
  }
  if (!token || typeof token.exp !== "number") return token;
  const expiresAt = (token.exp + CLOCK_TOLERANCE_S) * 1000;
  if (now >= expiresAt) return null;
  if (decoded.size >= DECODED_LIMIT) decoded.delete(decoded.keys().next().value!);
  decoded.set(value, { token: deepFreeze(token), expiresAt });
  return token;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") for (const v of Object.values(value)) deepFreeze(v);
  return Object.freeze(value);
}

export function encodeSession(token: BerthToken): Promise<string> {
  return encode({ token, secret: env().NEXTAUTH_SECRET, maxAge: env().BERTH_SESSION_MAX_AGE_SECONDS });
}
