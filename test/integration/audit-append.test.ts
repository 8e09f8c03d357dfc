import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAuditEvent, appendAuditEvents, AuditSecretError } from "@/lib/audit/append";
import { GENESIS_HASH, hashEvent } from "@/lib/audit/chain";
import type { AuditContext } from "@/lib/audit/types";
import { verifyChain } from "@/lib/audit/verify";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { testKeyring } from "../helpers/audit-keys";

const alice: AuditContext = {
  actor: { type: "user", id: "u-alice", name: "Alice", groups: ["team-leads", "finance-devs"] },
  sourceIp: "10.0.0.7",
  userAgent: "Mozilla/5.0",
  portalRequestId: "req-1",
};
const worker: AuditContext = { actor: { type: "system", id: "worker" } };
const REQUEST = "7b0e5f51-55a4-4b7e-9a57-2f7e1f7f1a01";

describe("appending audit events", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ max: 60 });
  });
  afterAll(async () => {
    await db.drop();
  });

  const head = async () => (await db.pool.query<{ seq: string; hash: string }>(`SELECT seq::text AS seq, hash FROM "AuditHead"`)).rows[0]!;
  const count = async () => Number((await db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM "AuditEvent"`)).rows[0]!.n);

  it("stores every field, links to genesis and moves the head", async () => {
    const at = new Date("2026-03-01T10:00:00.123Z");
    const [first, second] = await db.prisma.$transaction((tx) =>
      appendAuditEvents(tx, alice, [
        { action: "request.created", objectType: "request", objectId: REQUEST, requestId: REQUEST.toUpperCase(), projectName: "finance", subject: "group:finance-devs", after: { kind: "GROUP_ACCESS", roleId: 2, nested: { list: [1, "two", null, { b: true, a: 1.5 }] } }, at },
        { action: "approval.recorded", objectType: "approval", objectId: "a1", requestId: REQUEST, before: null, after: { decision: "APPROVE" }, harborRequestId: "h-1" },
      ]),
    );
    expect(first!.seq).toBe(1n);
    expect(second!.seq).toBe(2n);
    const { rows } = await db.pool.query(`SELECT * FROM "AuditEvent" ORDER BY seq`);
    expect(rows[0]).toMatchObject({
      seq: "1",
      actorType: "user",
      actorId: "u-alice",
      actorName: "Alice",
      actorGroups: ["team-leads", "finance-devs"],
      sourceIp: "10.0.0.7",
      userAgent: "Mozilla/5.0",
      portalRequestId: "req-1",
      action: "request.created",
      requestId: REQUEST,
      prevHash: GENESIS_HASH,
      hash: first!.hash,
      before: null,
    });
    expect(rows[0].at.toISOString()).toBe("2026-03-01T10:00:00.123Z");
    expect(rows[1].prevHash).toBe(first!.hash);
    expect(rows[1].harborRequestId).toBe("h-1");
    // the hash recomputed from what PostgreSQL hands back equals the one computed before the INSERT
    expect(hashEvent({ ...rows[1], seq: 2n })).toBe(second!.hash);
    expect(await head()).toEqual({ seq: "2", hash: second!.hash });
  });

  it("a system actor has no name and no groups", async () => {
    const r = await db.prisma.$transaction((tx) => appendAuditEvent(tx, worker, { action: "job.queued", objectType: "job", objectId: "j1" }));
    const { rows } = await db.pool.query(`SELECT "actorType", "actorId", "actorName", "actorGroups" FROM "AuditEvent" WHERE seq = $1`, [r.seq.toString()]);
    expect(rows[0]).toEqual({ actorType: "system", actorId: "worker", actorName: null, actorGroups: [] });
  });

  it("defaults `at` to the database clock, so time follows seq", async () => {
    const before = Date.now();
    const r = await db.prisma.$transaction((tx) => appendAuditEvent(tx, worker, { action: "job.succeeded", objectType: "job", objectId: "j1" }));
    const { rows } = await db.pool.query(`SELECT at FROM "AuditEvent" WHERE seq = $1`, [r.seq.toString()]);
    expect(Math.abs(rows[0].at.getTime() - before)).toBeLessThan(5_000);
  });

  it("refuses secrets at any depth and writes nothing", async () => {
    const n = await count();
    await expect(
      db.prisma.$transaction((tx) => appendAuditEvent(tx, worker, { action: "robot.secret.rotated", objectType: "robot", objectId: "r1", after: { robot: { name: "ci", Secret: "s3cr3t" } } })),
    ).rejects.toBeInstanceOf(AuditSecretError);
    expect(await count()).toBe(n);
  });

  it("a rolled-back transaction leaves neither events nor a gap", async () => {
    const n = await count();
    await expect(
      db.prisma.$transaction(async (tx) => {
        await appendAuditEvent(tx, alice, { action: "request.cancelled", objectType: "request", objectId: REQUEST });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await count()).toBe(n);
    const r = await db.prisma.$transaction((tx) => appendAuditEvent(tx, alice, { action: "request.cancelled", objectType: "request", objectId: REQUEST }));
    expect(r.seq).toBe(BigInt(n + 1));
    expect((await verifyChain(db.pool, { keyring: testKeyring })).ok).toBe(true);
  });

  it("50 concurrent writers form one unbroken chain", async () => {
    const n = await count();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        db.prisma.$transaction(
          async (tx) => {
            const r = await appendAuditEvent(tx, alice, { action: "request.created", objectType: "request", objectId: `r-${i}` });
            // hold the head lock for a moment, so writers really queue behind each other
            await tx.$executeRawUnsafe("SELECT pg_sleep(0.002)");
            return r;
          },
          { maxWait: 20_000, timeout: 20_000 },
        ),
      ),
    );
    const seqs = results.map((r) => Number(r.seq)).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => n + 1 + i));
    const verified = await verifyChain(db.pool, { keyring: testKeyring });
    expect(verified, JSON.stringify(verified, (_k, v) => (typeof v === "bigint" ? v.toString() : v))).toMatchObject({ ok: true, headSeq: BigInt(n + 50), checked: n + 50 });
  });
});
