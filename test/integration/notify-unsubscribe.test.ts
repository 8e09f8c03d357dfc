import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeDatabase } from "../../lib/db";
import { unsubscribeKey, unsubscribeToken } from "../../lib/notify/unsubscribe-token";
import { GET, POST } from "../../app/api/notify/unsubscribe/route";
import { proxy } from "../../proxy";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { TEST_NEXTAUTH_SECRET, useTestAppEnv } from "../helpers/app-env";

// POST and GET /api/notify/unsubscribe as route handlers, and the proxy in front of them: public (a mail provider
// has no session), every bad call a 4xx that changes nothing, and the one-click body in both form encodings.

let database: TestDatabase;
const key = unsubscribeKey(TEST_NEXTAUTH_SECRET);
const BASE = "http://localhost:3000/api/notify/unsubscribe";
const link = (personId: string, kind: string) => `${BASE}?t=${unsubscribeToken(key, personId, kind)}`;
const form = (url: string, body: BodyInit | null, headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" }) =>
  POST(new Request(url, { method: "POST", headers, body, ...(body instanceof ReadableStream ? { duplex: "half" } : {}) } as RequestInit));
const preferences = async () => (await database.pool.query<{ personId: string; muted: string[]; digest: boolean; updatedAt: Date }>(`SELECT * FROM "NotifyPreference" ORDER BY "personId"`)).rows;

beforeAll(async () => {
  database = await createTestDatabase();
  useTestAppEnv({ databaseUrl: database.url, harborUrl: "http://127.0.0.1:9" });
});
beforeEach(async () => {
  await database.pool.query(`DELETE FROM "NotifyPreference"`);
});
afterAll(async () => {
  await closeDatabase();
  await database?.drop();
});

describe("the proxy in front of the unsubscribe route", () => {
  const through = (res: Response) => res.headers.get("x-middleware-next") === "1";

  it("lets callers without a session reach it (GET and the one-click POST), and only it", async () => {
    const url = link("sub-alice", "request.approved");
    expect(through(await proxy(new NextRequest(url)))).toBe(true);
    expect(through(await proxy(new NextRequest(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://mail.example.net" }, body: "List-Unsubscribe=One-Click" })))).toBe(true);
    for (const other of [`${BASE}/x`, "http://localhost:3000/api/notify/unsubscribed", "http://localhost:3000/api/notify"]) {
      const res = await proxy(new NextRequest(other, { method: "POST" }));
      expect(res.status, other).toBe(401);
    }
  });
});

describe("POST /api/notify/unsubscribe", () => {
  it("accepts the one-click body as multipart form data too, keeps the other choices and the digest, and answers a browser with a page", async () => {
    await database.pool.query(`INSERT INTO "NotifyPreference" ("personId", muted, digest, "updatedAt") VALUES ('sub-bob', ARRAY['request.submitted'], true, now())`);
    const body = new FormData();
    body.set("List-Unsubscribe", "One-Click");
    const res = await POST(new Request(link("sub-bob", "drift.found"), { method: "POST", body, headers: { accept: "text/html,application/xhtml+xml" } }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    const page = await res.text();
    expect(page).toContain("<h1>You are unsubscribed</h1>");
    expect(page).toContain("Harbor differs from what was approved");
    expect(page).toContain('href="http://localhost:3000/profile#notifications"');
    expect((await preferences()).map(({ personId, muted, digest }) => ({ personId, muted, digest }))).toEqual([{ personId: "sub-bob", muted: ["drift.found", "request.submitted"], digest: true }]);
  });

  it("refuses a signed token for a mandatory kind with 400, and changes nothing", async () => {
    for (const kind of ["chain.broken", "job.failed", "digest", "no.such-kind"]) {
      const res = await form(link("sub-bob", kind), "List-Unsubscribe=One-Click");
      expect(res.status, kind).toBe(400);
      expect(await res.text()).toContain("cannot be switched off");
    }
    expect(await preferences()).toEqual([]);
  });

  it("refuses a body that is not List-Unsubscribe=One-Click with 400, and one larger than 4 KiB with 413, changing nothing", async () => {
    const url = link("sub-alice", "request.approved");
    const bad: [BodyInit | null, Record<string, string> | undefined][] = [
      [null, undefined],
      ["", undefined],
      ["List-Unsubscribe=Two-Clicks", undefined],
      ["List-Unsubscribe=One-Click&List-Unsubscribe=One-Click", undefined],
      ["unsubscribe=yes", undefined],
      ["List-Unsubscribe=One-Click", { "content-type": "text/plain" }],
      ['{"List-Unsubscribe":"One-Click"}', { "content-type": "application/json" }],
      ["List-Unsubscribe=One-Click", {}],
      ["--x\r\nbroken", { "content-type": "multipart/form-data; boundary=x" }],
    ];
    for (const [body, headers] of bad) {
      const res = await form(url, body, headers);
      expect(res.status, JSON.stringify([body, headers])).toBe(400);
      expect(await res.text()).toContain("List-Unsubscribe=One-Click");
    }
    const big = `List-Unsubscribe=One-Click&pad=${"x".repeat(5000)}`;
    expect((await form(url, big)).status).toBe(413);
    // a streamed body without Content-Length is cut at the limit too
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 10; i++) c.enqueue(new TextEncoder().encode("x".repeat(1000)));
        c.close();
      },
    });
    expect((await form(url, stream)).status).toBe(413);
    expect(await preferences()).toEqual([]);
  });

  it("refuses missing, repeated and hostile tokens with 400 and a clear message, never a 500", async () => {
    const good = unsubscribeToken(key, "sub-alice", "request.approved");
    for (const query of ["", "?t=", `?t=${good}&t=${good}`, "?token=" + good, `?t=${"A".repeat(5000)}`, "?t=%00", "?t=u1.%E2%80%AE.x.y", `?t=${unsubscribeToken(unsubscribeKey("another-secret-that-is-long-enough-000"), "sub-alice", "request.approved")}`]) {
      const res = await form(`${BASE}${query}`, "List-Unsubscribe=One-Click");
      expect(res.status, query.slice(0, 60)).toBe(400);
      expect(await res.text()).toContain("This unsubscribe link is not valid");
      const page = await GET(new Request(`${BASE}${query}`, { headers: { accept: "text/html" } }));
      expect(page.status).toBe(400);
      expect(await page.text()).not.toContain("<form");
    }
    expect(await preferences()).toEqual([]);
  });
});

describe("GET /api/notify/unsubscribe", () => {
  it("shows what the button will switch off, as a page whose form posts the one-click body to the same link; nothing changes", async () => {
    const url = link("sub-carol", "grant.revoked");
    const res = await GET(new Request(url, { headers: { accept: "text/html" } }));
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toMatch(/^<!doctype html><html lang="en">/);
    expect(page).toContain("<title>Unsubscribe from these emails? · Berth</title>");
    expect(page).toContain("Access was revoked");
    expect(page).toContain(`<form method="post" action="?t=${new URL(url).searchParams.get("t")}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`);
    // a client that asks for no page gets the same sentence as text
    const text = await GET(new Request(url));
    expect(text.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await text.text()).toContain("Access was revoked");
    expect(await preferences()).toEqual([]);
  });
});
