import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bulkAppend } from "@/lib/audit/bulk";
import { CHAIN_BROKEN, VerificationStopped, verifyAndRecord, verifyChainIfDue } from "@/lib/audit/scheduled-verify";
import { chainStatus } from "@/lib/audit/verify";
import { startScheduler } from "@/lib/background/scheduler";
import { asSuperuser, drafts } from "../helpers/audit-chain";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { signCheckpoint } from "@/lib/audit/signing";
import { useTestAppEnv } from "../helpers/app-env";
import { testKeyring } from "../helpers/audit-keys";

const HOUR = 3_600_000;
const hoursLater = (h: number) => () => new Date(Date.now() + h * HOUR);

const tamper = (db: TestDatabase, seq: number, actorName = "Mallory") => asSuperuser(db, `UPDATE "AuditEvent" SET "actorName" = $2 WHERE seq = $1`, [seq, actorName]);

describe("the scheduled walk of the whole audit chain", () => {
  let db: TestDatabase;
  const verify = (clock: () => Date) => verifyChainIfDue({ prisma: db.prisma, pool: db.pool, keyring: testKeyring, everyHours: 24, clock });
  const checkpoints = async () => (await db.pool.query<{ seq: string }>(`SELECT seq::text FROM "AuditCheckpoint" ORDER BY seq`)).rows.map((r) => r.seq);
  const brokenEvents = () => db.prisma.auditEvent.findMany({ where: { action: CHAIN_BROKEN }, orderBy: { seq: "asc" } });

  beforeEach(async () => {
    db = await createTestDatabase();
    await bulkAppend(db.pool, [drafts(1, 50)]);
  });
  afterEach(async () => {
    await db.drop();
  });

  it("walks a never-verified chain at once, then once per interval, quiet trail or not", async () => {
    const first = await verify(() => new Date());
    expect(first).toMatchObject({ ran: true, result: { ok: true, headSeq: 50n, checked: 50 }, recorded: false });
    expect(await checkpoints()).toEqual(["50"]);
    expect(await verify(hoursLater(23))).toEqual({ ran: false, why: "not-due" });
    // an edit needs no new event: a quiet trail is walked again after the interval
    expect(await verify(hoursLater(25))).toMatchObject({ ran: true, result: { ok: true, headSeq: 50n } });
    // this process's own last attempt counts even when the walk recorded nothing new
    expect(await verifyChainIfDue({ prisma: db.prisma, pool: db.pool, keyring: testKeyring, everyHours: 24, clock: hoursLater(26), lastAttempt: hoursLater(25)() })).toEqual({ ran: false, why: "not-due" });
    await bulkAppend(db.pool, [drafts(51, 5)]);
    expect(await verify(hoursLater(25))).toMatchObject({ ran: true, result: { ok: true, headSeq: 55n } });
    expect(await checkpoints()).toEqual(["50", "55"]);
    expect(await chainStatus(db.pool, { keyring: testKeyring })).toMatchObject({ ok: true, checkedFrom: "55", checked: 0, verifiedThrough: { seq: "55", keyId: testKeyring.signer!.keyId } });
  });

  it("records a break the auditor pages could not see, once, and shows it until a walk passes", async () => {
    await verify(() => new Date());
    await bulkAppend(db.pool, [drafts(51, 5)]);
    // an event before the last checkpoint: the pages re-walk only what came after it, so they still say intact
    await tamper(db, 20);
    expect(await chainStatus(db.pool, { keyring: testKeyring })).toMatchObject({ ok: true, checkedFrom: "50" });

    const outcome = await verify(hoursLater(25));
    expect(outcome).toMatchObject({ ran: true, result: { ok: false, brokenAt: 20n, reason: "hash-mismatch" } });
    const [event] = await brokenEvents();
    expect(event).toMatchObject({ actorType: "system", actorId: "scheduler", objectType: "chain", objectId: "20" });
    expect(event!.after).toMatchObject({ brokenAt: "20", reason: "hash-mismatch", headSeq: "55" });

    const status = await chainStatus(db.pool, { keyring: testKeyring });
    expect(status).toMatchObject({ ok: false, break: { brokenAt: "20", reason: "hash-mismatch" } });
    expect(status.break!.detail).toMatch(/^the full verification of \S+ found: /);

    // the break counts as this interval's walk: no second event an hour later
    expect(await verify(hoursLater(1))).toEqual({ ran: false, why: "not-due" });
    // and the same break found again (the button, the next interval) is not recorded twice
    expect(await verifyAndRecord(db.prisma, db.pool, { actor: { type: "user", id: "u-carol", name: "Carol", groups: [] } }, { keyring: testKeyring })).toMatchObject({ result: { ok: false, brokenAt: 20n }, recorded: false });
    expect(await brokenEvents()).toHaveLength(1);
    // a walk that began before the break was recorded (its head is below the break event) does not clear it, though
    // its checkpoint is signed and later than the break
    const e55 = (await db.pool.query<{ hash: string }>(`SELECT hash FROM "AuditEvent" WHERE seq = 55`)).rows[0]!;
    const late = new Date(Date.now() + HOUR);
    const signed = signCheckpoint(testKeyring, { seq: "55", hash: e55.hash, verifiedAt: late });
    await db.admin.query(`INSERT INTO "AuditCheckpoint" (seq, hash, checked, "verifiedAt", "keyId", signature) VALUES (55, $1, 55, $2, $3, $4) ON CONFLICT (seq) DO NOTHING`, [e55.hash, late, signed.keyId, signed.signature]);
    expect(await chainStatus(db.pool, { keyring: testKeyring })).toMatchObject({ ok: false, break: { brokenAt: "20" } });

    // the event is restored (say, from a backup): the next walk passes and the pages say intact again
    await tamper(db, 20, "Alice");
    expect(await verify(hoursLater(25))).toMatchObject({ ran: true, result: { ok: true } });
    expect(await chainStatus(db.pool, { keyring: testKeyring })).toMatchObject({ ok: true, break: null });
  });

  it("notices events cut off the end with the head rewound, which a fresh walk alone would pass", async () => {
    await verify(() => new Date());
    await asSuperuser(db, `DELETE FROM "AuditEvent" WHERE seq > 45`);
    await asSuperuser(db, `UPDATE "AuditHead" SET seq = 45, hash = (SELECT hash FROM "AuditEvent" WHERE seq = 45) WHERE id = 1`);
    expect(await chainStatus(db.pool, { keyring: testKeyring })).toMatchObject({ ok: false, break: { brokenAt: "46", reason: "head-mismatch" } });
    // the full walk fails too and records it, though the rewound chain links up cleanly
    expect(await verify(hoursLater(25))).toMatchObject({ ran: true, result: { ok: false, brokenAt: 46n, reason: "head-mismatch" }, recorded: true });
    // new events refill the cut seqs: the old checkpoint no longer matches its event, so nothing clears the break
    await bulkAppend(db.pool, [drafts(100, 10)]);
    expect((await chainStatus(db.pool, { keyring: testKeyring })).ok).toBe(false);
    expect(await verify(hoursLater(50))).toMatchObject({ ran: true, result: { ok: false, brokenAt: 50n, reason: "hash-mismatch" } });
    expect((await chainStatus(db.pool, { keyring: testKeyring })).ok).toBe(false);
  });

  it("stops a walk between batches when the scheduler stops, recording nothing", async () => {
    await expect(verifyAndRecord(db.prisma, db.pool, { actor: { type: "system", id: "scheduler" } }, { keyring: testKeyring, stopping: () => true })).rejects.toBeInstanceOf(VerificationStopped);
    expect(await checkpoints()).toEqual([]);
    expect(await brokenEvents()).toEqual([]);
  });

  it("walks once when several schedulers find it due at the same moment", async () => {
    const outcomes = await Promise.all(Array.from({ length: 4 }, () => verify(() => new Date())));
    expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ran).map((o) => (o as { why: string }).why).sort()).toEqual(expect.arrayContaining([expect.stringMatching(/^(busy|not-due)$/)]));
    expect(await checkpoints()).toEqual(["50"]);
  });

  it("runs as the scheduler's own loop when a pool is given and the interval is not 0", async () => {
    // the scheduler signs with this process's key (BERTH_AUDIT_SIGNING_KEY), as in the worker
    useTestAppEnv({ databaseUrl: db.url, harborUrl: "http://127.0.0.1:9" });
    const scheduler = startScheduler({ db: db.prisma, pool: db.pool, config: { schedulerIntervalSeconds: 3600, driftCheckSeconds: 0, auditVerifyHours: 24 } });
    try {
      expect(await scheduler.runChainVerificationNow!()).toMatchObject({ ran: expect.any(Boolean) });
      expect(await checkpoints()).toEqual(["50"]);
    } finally {
      await scheduler.stop();
    }
    const off = startScheduler({ db: db.prisma, pool: db.pool, config: { schedulerIntervalSeconds: 3600, driftCheckSeconds: 0, auditVerifyHours: 0 } });
    expect(off.runChainVerificationNow).toBeNull();
    await off.stop();
  });
});
