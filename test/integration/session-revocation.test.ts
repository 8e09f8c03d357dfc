import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isRevoked, revokeSession } from "@/lib/auth/revocation";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

// Signing out records the session's id as the runtime role (berth_app) can; a copy of the cookie is then refused
// (e2e/06-hardening.spec.ts shows it end to end).

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ max: 2 });
});
afterAll(async () => {
  await db?.drop();
});

describe("revoked sessions", () => {
  it("a signed-out session is revoked, another is not, and signing out twice is harmless", async () => {
    const now = new Date("2026-12-04T12:00:00Z");
    await revokeSession(db.pool, { sid: "s-1", exp: now.getTime() / 1000 + 3600 }, now, 28_800);
    await revokeSession(db.pool, { sid: "s-1", exp: now.getTime() / 1000 + 3600 }, now, 28_800);
    expect(await isRevoked(db.pool, "s-1")).toBe(true);
    expect(await isRevoked(db.pool, "s-2")).toBe(false);
    const row = (await db.admin.query(`SELECT "expiresAt" FROM "RevokedSession" WHERE sid = 's-1'`)).rows[0];
    expect(row.expiresAt.toISOString()).toBe("2026-12-04T13:00:00.000Z");
  });

  it("keeps a row until the cookie would have expired anyway, then drops it on a later sign-out", async () => {
    const start = new Date("2026-12-05T00:00:00Z");
    // no expiry in the token: the configured session length counts
    await revokeSession(db.pool, { sid: "old" }, start, 60);
    expect(await isRevoked(db.pool, "old")).toBe(true);
    await revokeSession(db.pool, { sid: "later" }, new Date(start.getTime() + 59_000), 60);
    expect(await isRevoked(db.pool, "old")).toBe(true);
    await revokeSession(db.pool, { sid: "much-later" }, new Date(start.getTime() + 61_000), 60);
    expect(await isRevoked(db.pool, "old")).toBe(false);
    expect(await isRevoked(db.pool, "much-later")).toBe(true);
  });
});
