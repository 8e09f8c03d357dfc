import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { appendAuditEvents } from "@/lib/audit/append";
import { bulkAppend } from "@/lib/audit/bulk";
import { chainStatus, verifyChain } from "@/lib/audit/verify";
import { pipelinedPool, type Queryable } from "@/lib/sql";
import { inheritedEnvironment } from "@/dev/tool-env";
import { asSuperuser, drafts } from "../helpers/audit-chain";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { TEST_AUDIT_SIGNING_KEY, testKeyring } from "../helpers/audit-keys";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");

async function verifyScript(db: TestDatabase | null, ...args: string[]) {
  const env = { ...inheritedEnvironment(), DATABASE_URL: db?.url ?? "", BERTH_AUDIT_SIGNING_KEY: TEST_AUDIT_SIGNING_KEY };
  try {
    const { stdout } = await run(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/audit-verify.ts", ...args], { cwd: root, env });
    return { code: 0, stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout + err.stderr };
  }
}

describe("the database refuses to rewrite the trail", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.prisma.$transaction((tx) => appendAuditEvents(tx, { actor: { type: "system", id: "seed" } }, [{ action: "project.created", objectType: "project", objectId: "p1" }]));
  });
  afterAll(async () => {
    await db.drop();
  });

  it("refuses UPDATE, DELETE and TRUNCATE on events to the runtime role, from raw SQL and from Prisma", async () => {
    await expect(db.pool.query(`UPDATE "AuditEvent" SET action = 'project.deleted' WHERE seq = 1`)).rejects.toThrow(/permission denied for table AuditEvent/);
    await expect(db.pool.query(`DELETE FROM "AuditEvent" WHERE seq = 1`)).rejects.toThrow(/permission denied for table AuditEvent/);
    await expect(db.pool.query(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/permission denied for table AuditEvent/);
    await expect(db.prisma.auditEvent.deleteMany({})).rejects.toThrow();
    await expect(db.prisma.auditEvent.update({ where: { seq: 1n }, data: { actorName: "x" } })).rejects.toThrow();
    expect((await db.pool.query(`SELECT action FROM "AuditEvent"`)).rows).toEqual([{ action: "project.created" }]);
  });

  it("refuses them to the owner too, through the append-only triggers", async () => {
    const owner = new pg.Client({ connectionString: db.migrationUrl });
    await owner.connect();
    try {
      await expect(owner.query(`UPDATE "AuditEvent" SET action = 'project.deleted' WHERE seq = 1`)).rejects.toThrow(/append-only: UPDATE refused/);
      await expect(owner.query(`DELETE FROM "AuditEvent" WHERE seq = 1`)).rejects.toThrow(/append-only: DELETE refused/);
      await expect(owner.query(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only: TRUNCATE refused/);
      expect((await verifyChain(db.pool, { keyring: testKeyring, record: true })).ok).toBe(true);
      await expect(owner.query(`UPDATE "AuditCheckpoint" SET hash = repeat('a', 64)`)).rejects.toThrow(/append-only/);
      await expect(owner.query(`DELETE FROM "AuditCheckpoint"`)).rejects.toThrow(/append-only/);
    } finally {
      await owner.end();
    }
    expect((await db.pool.query(`SELECT action FROM "AuditEvent"`)).rows).toEqual([{ action: "project.created" }]);
  });

  it("refuses a malformed hash", async () => {
    await expect(
      db.pool.query(`INSERT INTO "AuditEvent" (seq, at, "actorType", action, "objectType", "objectId", "prevHash", hash) VALUES (99, now(), 'system', 'x.y', 'job', 'j', repeat('0', 64), 'not-a-hash')`),
    ).rejects.toThrow(/AuditEvent_hash_shape/);
  });
});

describe("verifying the chain in the database", () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase();
    // small batches, so breaks fall inside, at the edge of and across keyset batches
    await bulkAppend(db.pool, [drafts(1, 40), drafts(41, 60)]);
  });
  afterEach(async () => {
    await db.drop();
  });

  it("passes an intact chain and counts every event", async () => {
    const result = await verifyChain(db.pool, { keyring: testKeyring, batchSize: 7 });
    expect(result).toMatchObject({ ok: true, headSeq: 100n, checked: 100 });
  });

  it("reports a changed event at its seq", async () => {
    await asSuperuser(db, `UPDATE "AuditEvent" SET after = '{"i": 1000}' WHERE seq = 37`);
    expect(await verifyChain(db.pool, { keyring: testKeyring, batchSize: 7 })).toMatchObject({ ok: false, brokenAt: 37n, reason: "hash-mismatch", checked: 36 });
  });

  it("reports a removed event at the missing seq", async () => {
    await asSuperuser(db, `DELETE FROM "AuditEvent" WHERE seq = 50`);
    expect(await verifyChain(db.pool, { keyring: testKeyring, batchSize: 7 })).toMatchObject({ ok: false, brokenAt: 50n, reason: "gap" });
  });

  it("reports removed trailing events against the head", async () => {
    await asSuperuser(db, `DELETE FROM "AuditEvent" WHERE seq > 98`);
    expect(await verifyChain(db.pool, { keyring: testKeyring, batchSize: 7 })).toMatchObject({ ok: false, brokenAt: 99n, reason: "head-mismatch" });
  });

  it("tells the auditor view: checkpoint, fresh tail and breaks", async () => {
    expect(await chainStatus(db.pool, { keyring: testKeyring })).toMatchObject({ ok: true, headSeq: "100", anchored: true, checkedFrom: "0", checked: 100, verifiedThrough: null, break: null });
    await verifyChain(db.pool, { keyring: testKeyring, record: true });
    await bulkAppend(db.pool, [drafts(101, 5)]);
    const status = await chainStatus(db.pool, { keyring: testKeyring });
    expect(status).toMatchObject({ ok: true, headSeq: "105", anchored: true, checkedFrom: "100", checked: 5, verifiedThrough: { seq: "100", keyId: testKeyring.signer!.keyId } });
    // a bounded walk on a long tail is marked as not anchored to a full verification
    expect(await chainStatus(db.pool, { keyring: testKeyring, maxWalk: 3 })).toMatchObject({ ok: true, anchored: false, checkedFrom: "102", checked: 3 });
    await asSuperuser(db, `UPDATE "AuditEvent" SET "actorName" = 'Mallory' WHERE seq = 103`);
    expect(await chainStatus(db.pool, { keyring: testKeyring })).toMatchObject({ ok: false, break: { brokenAt: "103", reason: "hash-mismatch" } });
  });

  // chainStatus reads the usual case in one statement; tailLimit 0 forces the batched walk in its own snapshot
  // connections taken for a walk of its own (pool.query takes one too, for a single statement)
  const heldConnections = () => {
    const connect = vi.spyOn(db.pool, "connect");
    const query = vi.spyOn(db.pool, "query");
    return {
      count: () => connect.mock.calls.length - query.mock.calls.length,
      restore: () => (connect.mockRestore(), query.mockRestore()),
    };
  };
  const statusBothWays = async () => {
    const held = heldConnections();
    const { checkedAt: _fast, ...oneStatement } = await chainStatus(db.pool, { keyring: testKeyring });
    const fastConnects = held.count();
    const { checkedAt: _slow, ...batched } = await chainStatus(db.pool, { keyring: testKeyring, tailLimit: 0 });
    const slowConnects = held.count() - fastConnects;
    held.restore();
    // as the audit pages ask: the one statement through reads(), pipelined with the page's other reads
    let readsAsked = 0;
    const pipelined = pipelinedPool(db.readPool);
    const counting = { query: (text: string, values?: unknown[]) => ((readsAsked += 1), pipelined.query(text, values)) } as Queryable;
    const { checkedAt: _page, ...viaReads } = await chainStatus(db.pool, { keyring: testKeyring, reads: counting });
    return { oneStatement, batched, fastConnects, slowConnects, viaReads, readsAsked };
  };

  it.each([
    ["an intact chain", null, { ok: true, checked: 100, break: null }],
    ["a changed event", `UPDATE "AuditEvent" SET after = '{"i": 1000}' WHERE seq = 37`, { ok: false, checked: 36, break: { brokenAt: "37", reason: "hash-mismatch" } }],
    ["a removed event", `DELETE FROM "AuditEvent" WHERE seq = 50`, { ok: false, break: { brokenAt: "50", reason: "gap" } }],
    ["removed trailing events", `DELETE FROM "AuditEvent" WHERE seq > 98`, { ok: false, break: { brokenAt: "99", reason: "head-mismatch" } }],
    ["a rewritten link", `UPDATE "AuditEvent" SET "prevHash" = repeat('0', 64) WHERE seq = 61`, { ok: false, break: { brokenAt: "61" } }],
  ] as const)("the auditor view's one-statement walk finds what the batched walk finds: %s", async (_name, tamper, expected) => {
    if (tamper) await asSuperuser(db, tamper);
    const { oneStatement, batched, fastConnects, slowConnects, viaReads, readsAsked } = await statusBothWays();
    expect(oneStatement).toMatchObject({ anchored: true, checkedFrom: "0", ...expected });
    expect(oneStatement).toEqual(batched);
    expect(viaReads).toEqual(oneStatement);
    expect(readsAsked).toBe(1);
    // the one-statement path holds no connection of its own; the batched walk takes one for its snapshot
    expect(fastConnects).toBe(0);
    expect(slowConnects).toBe(1);
  });

  it("the one-statement walk continues from the newest signed checkpoint, and hands a longer tail to the batched walk", async () => {
    await verifyChain(db.pool, { keyring: testKeyring, record: true });
    await bulkAppend(db.pool, [drafts(101, 5)]);
    let both = await statusBothWays();
    expect(both.oneStatement).toMatchObject({ ok: true, checkedFrom: "100", checked: 5, verifiedThrough: { seq: "100" } });
    expect(both.oneStatement).toEqual(both.batched);
    expect(both.fastConnects).toBe(0);
    await asSuperuser(db, `UPDATE "AuditEvent" SET "actorName" = 'Mallory' WHERE seq = 103`);
    both = await statusBothWays();
    expect(both.oneStatement).toMatchObject({ ok: false, checkedFrom: "100", break: { brokenAt: "103", reason: "hash-mismatch" } });
    expect(both.oneStatement).toEqual(both.batched);
    expect(both.fastConnects).toBe(0);
    // more events after the checkpoint than the statement reads: the batched walk, with the same answer
    const held = heldConnections();
    const { checkedAt: _, ...long } = await chainStatus(db.pool, { keyring: testKeyring, tailLimit: 3 });
    expect(held.count()).toBe(1);
    held.restore();
    expect(long).toEqual(both.batched);
  });

  it("npm run audit:verify exits 0 on an intact chain and 1 with the broken seq", async () => {
    const ok = await verifyScript(db);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/checked:\s+100 events/);
    expect(ok.stdout).toMatch(/head:\s+seq 100 hash [0-9a-f]{64}/);
    expect(ok.stdout).not.toContain("berth-local");
    await asSuperuser(db, `UPDATE "AuditEvent" SET "objectId" = 'other' WHERE seq = 12`);
    const broken = await verifyScript(db);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/BROKEN at event 12 \(hash-mismatch\)/);
  });

  it("npm run audit:verify exits 2 without DATABASE_URL", async () => {
    const none = await verifyScript(null);
    expect(none.code).toBe(2);
    expect(none.stdout).toMatch(/DATABASE_URL is not set/);
  });
});
