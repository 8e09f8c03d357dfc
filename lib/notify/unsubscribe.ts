import "server-only";
import type pg from "pg";
import { OPTIONAL_KINDS } from "./kinds";
import { muteNotificationKind, notificationChoices } from "./queries";
import { readUnsubscribeToken } from "./unsubscribe-token";

// One-click unsubscribe from an optional email (RFC 8058, RFC 2369; docs/notifications.md, "Unsubscribing"). Each
// optional email names a link whose token says, signed, which person and which kind of message it is about: whoever
// holds it may switch that kind off for that person, and nothing else. The token is the authorization, so the link
// works without a session, from a mail provider's server as from a person's browser.

const OPTIONAL_LABELS = new Map(OPTIONAL_KINDS.map((k) => [k.kind, k.label]));

export type UnsubscribeRefusal = { ok: false; reason: "invalid-token" | "not-optional" };
export type UnsubscribeAllowed = { ok: true; personId: string; kind: string; label: string };
export type UnsubscribeCheck = UnsubscribeAllowed | UnsubscribeRefusal;

/** What a token allows: switching off one optional kind for one person. */
export function checkUnsubscribeToken(key: string, token: unknown): UnsubscribeCheck {
  const read = readUnsubscribeToken(key, token);
  if (!read) return { ok: false, reason: "invalid-token" };
  const label = OPTIONAL_LABELS.get(read.kind);
  // Berth signs only optional kinds; a kind that became mandatory (or was removed) since the email was sent stays on
  if (!label) return { ok: false, reason: "not-optional" };
  return { ok: true, ...read, label };
}

/** Whether that person has already switched the kind off (the confirmation page says so). */
export async function alreadyUnsubscribed(pool: pg.Pool, personId: string, kind: string): Promise<boolean> {
  return (await notificationChoices(pool, personId)).muted.includes(kind);
}

/** Switches a checked token's kind off for its person; `changed` is false when it was off already. */
export async function unsubscribe(pool: pg.Pool, allowed: UnsubscribeAllowed): Promise<{ changed: boolean }> {
  return muteNotificationKind(pool, allowed.personId, allowed.kind);
}
