import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Principal } from "../../lib/authz/principal";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { useTestAppEnv } from "../helpers/app-env";
import { principalOf } from "../helpers/principals";
import { activateGrant, createProject, endGrant } from "./audit-fixtures";
import { testKeyring } from "../helpers/audit-keys";

// GET /api/audit/export called as a route handler, with the session's principal stubbed (the cookie layer is
// next-auth's and is covered end to end): who may export, what bad input answers, and what a good one streams.
const session = vi.hoisted(() => ({ principal: null as Principal | null }));
vi.mock("server-only", () => ({}));
vi.mock("../../lib/authz/principal", () => ({ getPrincipal: async () => session.principal }));

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  useTestAppEnv({ databaseUrl: db.url, harborUrl: "http://127.0.0.1:9" });
  const finance = await createProject(db.prisma, "finance-api");
  const { grant } = await activateGrant(db.prisma, { project: finance, subjectType: "GROUP", subjectName: "ext-acme", roleId: 2, at: new Date("2026-01-02T03:04:05.678Z"), endsAt: new Date("2026-02-01T00:00:00Z") });
  await endGrant(db.prisma, { ...grant, subjectType: "GROUP" }, "grant.revoked", new Date("2026-01-10T00:00:00Z"));
  await activateGrant(db.prisma, { project: finance, subjectType: "GROUP", subjectName: "finance-devs", roleId: 4, at: new Date("2026-01-03T00:00:00Z") });
});

afterAll(async () => {
  const { database } = await import("../../lib/db");
  await database().close();
  await db?.drop();
});

async function get(query: string, who: Principal | null) {
  session.principal = who;
  const { GET } = await import("../../app/api/audit/export/route");
  return GET(new Request(`http://localhost/api/audit/export?${query}`), { params: Promise.resolve({}) });
}

describe("GET /api/audit/export", () => {
  it("answers 401 without a session and 403 to a requester or a user without roles", async () => {
    expect((await get("kind=grants&format=csv", null)).status).toBe(401);
    const alice = await get("kind=grants&format=csv", principalOf("alice"));
    expect(alice.status).toBe(403);
    expect(await alice.text()).not.toContain("ext-acme");
    expect((await get("kind=events&format=jsonl", principalOf("dave"))).status).toBe(403);
  });

  it("answers 422 naming the field for a bad filter, kind or format, never a 500", async () => {
    const badDate = await get("kind=grants&format=csv&from=last-tuesday", principalOf("carol"));
    expect(badDate.status).toBe(422);
    const body = (await badDate.json()) as { error: string; fieldErrors: Record<string, string[]> };
    expect(body.error).toBe("INVALID");
    expect(Object.keys(body.fieldErrors)).toEqual(["from"]);

    const badUuid = await get("kind=events&format=csv&requestId=not-a-uuid", principalOf("carol"));
    expect(badUuid.status).toBe(422);
    expect(Object.keys(((await badUuid.json()) as { fieldErrors: object }).fieldErrors)).toEqual(["requestId"]);

    const badKind = await get("kind=secrets&format=xlsx", principalOf("carol"));
    expect(badKind.status).toBe(422);
    expect(Object.keys(((await badKind.json()) as { fieldErrors: object }).fieldErrors).sort()).toEqual(["format", "kind"]);

    expect((await get("kind=grants&format=csv&state=GONE", principalOf("carol"))).status).toBe(422);
  });

  it("streams the filtered grant history as CSV to an auditor, the chain head in the first line", async () => {
    const res = await get("kind=grants&format=csv&project=finance-api&subject=ext-acme&cursor=ignored", principalOf("carol"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="berth-grants-.*\.csv"$/);
    const head = (await db.pool.query<{ seq: string; hash: string }>(`SELECT seq::text AS seq, hash FROM "AuditHead" WHERE id = 1`)).rows[0]!;
    const lines = (await res.text()).trimEnd().split("\n");
    expect(lines[0]).toMatch(new RegExp(`^# berth-export chain-head-seq=${head.seq} chain-head-hash=${head.hash} generated-at=\\S+ filters=\\S*project=finance-api\\S* kind=grants version=2 signing-key-id=${testKeyring.signer!.keyId} public-key=\\S+ checkpoint-seq= checkpoint-hash= checkpoint-at= checkpoint-key-id= checkpoint-signature=$`));
    expect(lines[1]?.startsWith("grantId,projectName,subjectType,subjectName")).toBe(true);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain(",ext-acme,");
    expect(lines[2]).toContain("REVOKED");
  });

  it("streams the event log as JSON Lines to an approver, oldest first", async () => {
    const res = await get("kind=events&format=jsonl&action=grant", principalOf("bob"));
    expect(res.status).toBe(200);
    const lines = (await res.text()).trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ type: "meta", format: "berth-export", kind: "events", filters: { action: "grant" } });
    expect(lines.slice(1).map((l) => l.action)).toEqual(["grant.activated", "grant.revoked", "grant.activated"]);
  });
});
