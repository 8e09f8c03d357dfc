import "server-only";
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { env } from "../env";
import { absolute } from "./render";

// The token of a one-click unsubscribe link (unsubscribe.ts): which person and which kind of message, signed with a
// key derived from NEXTAUTH_SECRET. No expiry: a link in an old email keeps working, and only ever switches off the
// one kind it names for the one person it was sent to.

/** Where the links point: public in proxy.ts, answered by app/api/notify/unsubscribe/route.ts. */
export const UNSUBSCRIBE_PATH = "/api/notify/unsubscribe";

const VERSION = "u1";
// distinct from next-auth's own label for its cookie key, so the two keys are unrelated although they share a secret
const KEY_LABEL = "berth notify unsubscribe token v1";
/** Longer than any token Berth makes (a 255-character IdP subject included); anything longer is refused unread. */
export const MAX_TOKEN_LENGTH = 1024;
const SEGMENT = /^[A-Za-z0-9_-]+$/;
const MAC_LENGTH = 43; // 32 bytes in base64url without padding

/** The token key (base64url), derived with HKDF-SHA256 from NEXTAUTH_SECRET: no setting of its own to manage. */
export function unsubscribeKey(secret: string): string {
  return Buffer.from(hkdfSync("sha256", secret, "", KEY_LABEL, 32)).toString("base64url");
}

export const unsubscribeKeyFromEnv = () => unsubscribeKey(env().NEXTAUTH_SECRET);

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64url");
const mac = (key: string, signed: string) => createHmac("sha256", Buffer.from(key, "base64url")).update(signed, "utf8").digest("base64url");

/** `u1.<person id>.<kind>.<HMAC-SHA256 of what precedes it>`, each part base64url. */
export function unsubscribeToken(key: string, personId: string, kind: string): string {
  const signed = `${VERSION}.${b64(personId)}.${b64(kind)}`;
  return `${signed}.${mac(key, signed)}`;
}

export function unsubscribeUrl(baseUrl: string, key: string, personId: string, kind: string): string {
  return `${absolute(baseUrl, UNSUBSCRIBE_PATH)}?t=${unsubscribeToken(key, personId, kind)}`;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
function decode(segment: string): string | null {
  try {
    const text = utf8.decode(Buffer.from(segment, "base64url"));
    return text.length ? text : null;
  } catch {
    return null;
  }
}

/** The person and kind a token names, or null for anything Berth did not sign with this key (compared in constant time). */
export function readUnsubscribeToken(key: string, token: unknown): { personId: string; kind: string } | null {
  if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH) return null;
  const parts = token.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION || !parts.slice(1).every((p) => SEGMENT.test(p)) || parts[3]!.length !== MAC_LENGTH) return null;
  // the text is compared, not the bytes: a last character differing only in unused bits is refused too
  const given = Buffer.from(parts[3]!, "latin1");
  const expected = Buffer.from(mac(key, parts.slice(0, 3).join(".")), "latin1");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const personId = decode(parts[1]!);
  const kind = decode(parts[2]!);
  return personId && kind ? { personId, kind } : null;
}
