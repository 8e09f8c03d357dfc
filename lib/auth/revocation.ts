import "server-only";
import type { Queryable } from "../sql";
import type { BerthToken } from "./token";

// The session lives in an encrypted cookie, so deleting the cookie does not stop a copy of it. Signing out records the
// session's id here, and every page, action and route handler asks before it believes a cookie (getSessionToken).

/** Records that a session ended; its row may go once the cookie itself would have expired. */
export async function revokeSession(db: Queryable, token: Pick<BerthToken, "sid"> & { exp?: unknown }, now: Date, maxAgeSeconds: number): Promise<void> {
  const expiresAt = typeof token.exp === "number" ? new Date(token.exp * 1000) : new Date(now.getTime() + maxAgeSeconds * 1000);
  await db.query(`INSERT INTO "RevokedSession" (sid, "revokedAt", "expiresAt") VALUES ($1, $2, $3) ON CONFLICT (sid) DO NOTHING`, [token.sid, now, expiresAt]);
  // housekeeping on a rare path: rows of sessions that have expired anyway
  await db.query(`DELETE FROM "RevokedSession" WHERE "expiresAt" < $1`, [now]);
}

/** Whether the session with this id was ended by signing out. */
export async function isRevoked(db: Queryable, sid: string): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM "RevokedSession" WHERE sid = $1`, [sid]);
  return rows.length > 0;
}
