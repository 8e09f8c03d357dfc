import { execFileSync } from "node:child_process";
import { createHmac, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bulkAppend } from "../../lib/audit/bulk";
import { createDatabase } from "../../lib/db";
import { enqueueMessage } from "../../lib/notify/outbox";
import { deadLetters, retryDelivery } from "../../lib/notify/queries";
import { describeRequest } from "../../lib/governance/kinds";
import { startNotifier } from "../../lib/notify/pipeline";
import { streamOnce } from "../../lib/notify/siem";
import { transaction } from "../../lib/sql";
import { drafts } from "../helpers/audit-chain";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { testNotifyConfig } from "../helpers/notify-config";
import { startHttpReceiver, startRelpReceiver, type HttpReceiver } from "../helpers/receivers";

// Delivery guarantees: once each with several senders, through a flaky and then absent receiver; webhooks signed so
// an independent verifier accepts them; the SIEM stream resumes after a cut without gap or repeat.

const log = { info() {}, warn() {}, error() {} };
let database: TestDatabase;

const config = testNotifyConfig;

async function enqueue(n: number, prefix: string) {
  for (let i = 0; i < n; i++) {
    await transaction(database.pool, (c) =>
      enqueueMessage(c, {
        key: `${prefix}:${i}`,
        kind: "drift.found",
        data: { title: `Finding ${i}`, lines: [`line ${i}`], link: "/projects/p", linkLabel: "Open", facts: { i }, projectName: "p", requestKind: null, requesterId: null, ownerGroup: null },
      }),
    );
  }
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 25));
  }
}

const ids = (r: HttpReceiver) => r.received.map((p) => (JSON.parse(p.body) as { id: string }).id);
const deliveryStates = async () => (await database.pool.query<{ state: string; n: number }>(`SELECT state::text, count(*)::int AS n FROM "NotifyDelivery" GROUP BY 1 ORDER BY 1`)).rows;

beforeAll(async () => {
  database = await createTestDatabase({ max: 20 });
});
afterAll(async () => {
  await database?.drop();
});

describe("delivery", () => {
  it("delivers every message exactly once with two workers, through a receiver failing half the time and then down for a while", async () => {
    const receiver = await startHttpReceiver();
    const cfg = config({ webhooks: [{ name: "ci", url: `${receiver.url}/hook`, secret: "k-ci-0123456789" }] });
    let calls = 0;
    receiver.respond = () => (++calls % 2 === 0 || Math.random() < 0.2 ? 503 : 200);
    // a second "process": its own pool
    const other = createDatabase(database.url, { max: 10 });
    const a = startNotifier({ pool: database.pool, config: cfg, describeRequest, workerId: "worker-a", log });
    const b = startNotifier({ pool: other.pool, config: cfg, describeRequest, workerId: "worker-b", log });
    try {
      await enqueue(150, "flaky");
      await until(() => receiver.received.length >= 40);
      await receiver.down();
      const downAt = receiver.received.length;
      await new Promise((r) => setTimeout(r, 1500));
      expect(receiver.received.length).toBe(downAt);
      await receiver.up();
      await until(() => receiver.received.length >= 150);
      await new Promise((r) => setTimeout(r, 300));
      const got = ids(receiver);
      expect(got).toHaveLength(150);
      expect(new Set(got).size).toBe(150);
      expect(await deliveryStates()).toEqual([{ state: "SENT", n: 150 }]);
      const bySender = await database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "NotifyAttempt" WHERE status = 503`);
      expect(bySender.rows[0]!.n).toBeGreaterThan(20);
    } finally {
      await a.stop();
      await b.stop();
      await other.close();
      await receiver.close();
    }
  });

  it("signs webhooks so that an independent verifier accepts them, and a changed body or an old timestamp fails", async () => {
    const receiver = await startHttpReceiver();
    const key = "whsec-test-3f1a9c";
    const cfg = config({ webhooks: [{ name: "audit-bot", url: `${receiver.url}/in`, secret: key, events: ["request.*"] }] });
    await database.pool.query(`UPDATE "NotifyDelivery" SET state = 'DIGESTED' WHERE state = 'SENT'`);
    await transaction(database.pool, (c) =>
      enqueueMessage(c, {
        key: "signed:1",
        kind: "request.rejected",
        data: { title: "Request #7 was rejected", lines: ["Reason: not now"], link: "/requests/r7", linkLabel: "Open", facts: { requestNumber: 7, reason: "not now" }, projectName: "p", requestKind: "GROUP_ACCESS", requesterId: "u1", ownerGroup: null },
      }),
    );
    // the subscription filters: drift is not for this one
    await enqueue(3, "unfiltered");
    const n = startNotifier({ pool: database.pool, config: cfg, describeRequest, workerId: "worker-sig", log });
    try {
      await until(() => receiver.received.length >= 1);
      await n.drain();
    } finally {
      await n.stop();
      await receiver.close();
    }
    expect(receiver.received).toHaveLength(1);
    const post = receiver.received[0]!;

    // written here from the documentation, not from Berth's code
    function verify(header: string | undefined, body: string, secret: string, nowSeconds: number): boolean {
      const parts = Object.fromEntries((header ?? "").split(",").map((kv) => kv.split("=", 2) as [string, string]));
      const t = Number(parts.t);
      if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > 300 || !parts.v1) return false;
      const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest();
      const given = Buffer.from(parts.v1, "hex");
      return given.length === expected.length && timingSafeEqual(given, expected);
    }
    const now = Math.floor(Date.now() / 1000);
    const signature = post.headers["berth-signature"] as string;
    expect(verify(signature, post.body, key, now)).toBe(true);
    expect(verify(signature, post.body.replace("not now", "not ever"), key, now)).toBe(false);
    expect(verify(signature, post.body, "another-key", now)).toBe(false);
    expect(verify(signature, post.body, key, now + 600)).toBe(false);
    expect(post.headers["content-type"]).toBe("application/cloudevents+json");
    const event = JSON.parse(post.body) as Record<string, unknown>;
    expect(event).toMatchObject({ specversion: "1.0", type: "berth.request.rejected", source: "http://berth.test", datacontenttype: "application/json", data: { requestNumber: 7, reason: "not now", link: "http://berth.test/requests/r7" } });
    expect(post.headers["berth-delivery"]).toMatch(/^[0-9a-f-]{36}$/);
    const log_ = await database.pool.query<{ status: number }>(`SELECT a.status FROM "NotifyAttempt" a JOIN "NotifyDelivery" d ON d.id = a."deliveryId" WHERE d.target = 'audit-bot'`);
    expect(log_.rows).toEqual([{ status: 200 }]);
  });

  it("dead-letters a delivery the receiver refuses for good, and keeps the status code in the log", async () => {
    const receiver = await startHttpReceiver();
    receiver.respond = () => 410;
    const cfg = config({ webhooks: [{ name: "gone", url: `${receiver.url}/gone`, secret: "k" }] });
    await transaction(database.pool, (c) =>
      enqueueMessage(c, { key: "dead:1", kind: "drift.cleared", data: { title: "t", lines: [], link: "/", linkLabel: "Open", facts: {}, projectName: null, requestKind: null, requesterId: null, ownerGroup: null } }),
    );
    const n = startNotifier({ pool: database.pool, config: cfg, describeRequest, workerId: "worker-dead", log });
    try {
      await until(async () => (await database.pool.query(`SELECT 1 FROM "NotifyDelivery" WHERE target = 'gone' AND state = 'DEAD'`)).rowCount === 1);
    } finally {
      await n.stop();
      await receiver.close();
    }
    const row = await database.pool.query<{ id: string; lastStatus: number; lastError: string; attempts: number }>(`SELECT id, "lastStatus", "lastError", attempts FROM "NotifyDelivery" WHERE target = 'gone'`);
    expect(row.rows).toEqual([{ id: expect.any(String), lastStatus: 410, lastError: "HTTP 410", attempts: 1 }]);
    const dead = await deadLetters(database.pool);
    expect(dead.rows.map((d) => ({ id: d.id, sink: d.sink, recipient: d.recipient, lastStatus: d.lastStatus }))).toEqual([{ id: row.rows[0]!.id, sink: "webhook", recipient: "gone", lastStatus: 410 }]);

    // the receiver is fixed; an approver sends it again
    const fixed = await startHttpReceiver();
    const again = startNotifier({ pool: database.pool, config: config({ webhooks: [{ name: "gone", url: `${fixed.url}/gone`, secret: "k" }] }), describeRequest, workerId: "worker-retry", log });
    try {
      await retryDelivery(database.pool, row.rows[0]!.id, 24);
      await expect(retryDelivery(database.pool, row.rows[0]!.id, 24)).rejects.toThrow(/Only an undelivered notification/);
      await until(() => fixed.received.length === 1);
      await until(async () => (await database.pool.query(`SELECT 1 FROM "NotifyDelivery" WHERE target = 'gone' AND state = 'SENT'`)).rowCount === 1);
    } finally {
      await again.stop();
      await fixed.close();
    }
    expect((await deadLetters(database.pool)).total).toBe(0);
    const attempts = await database.pool.query<{ status: number }>(`SELECT a.status FROM "NotifyAttempt" a JOIN "NotifyDelivery" d ON d.id = a."deliveryId" WHERE d.target = 'gone' ORDER BY a.id`);
    expect(attempts.rows).toEqual([{ status: 410 }, { status: 200 }]);
  });
});

describe("the SIEM stream", () => {
  it("resumes after each cut from the last acknowledged seq: every event once, in order, with its hash", async () => {
    const siemDb = await createTestDatabase({ max: 10 });
    const relp = await startRelpReceiver();
    try {
      await bulkAppend(siemDb.pool, [drafts(1, 150), drafts(151, 150)]);
      const sink = config({ siem: [{ name: "soc", type: "syslog", host: "127.0.0.1", port: relp.port, protocol: "relp", hostname: "berth-test" }] }).siem[0]!;
      relp.cutWhen = (n) => n === 77 || n === 201;
      const passes = [];
      for (let i = 0; i < 10; i++) {
        const pass = await streamOnce({ pool: siemDb.pool, sink, baseUrl: "http://berth.test", workerId: "w1", leaseSeconds: 30, timeoutMs: 2000, batch: 50 });
        passes.push(pass);
        if (!pass.error && pass.cursor === "300") break;
      }
      expect(passes.filter((p) => p.error)).toHaveLength(2);
      expect(passes.at(-1)).toMatchObject({ cursor: "300", error: null });
      const seqs = relp.messages.map((m) => /seq="(\d+)"/.exec(m)?.[1]);
      expect(seqs).toEqual(Array.from({ length: 300 }, (_, i) => String(i + 1)));
      const stored = await siemDb.pool.query<{ seq: string; hash: string; prevHash: string }>(`SELECT seq::text, hash, "prevHash" FROM "AuditEvent" e ORDER BY e.seq`);
      relp.messages.forEach((m, i) => {
        expect(m).toMatch(/^<110>1 2026-01-01T\d\d:\d\d:\d\d\.000Z berth-test berth - request\.created \[berth@32473 /);
        const body = JSON.parse(m.slice(m.indexOf("\u{feff}") + 1)) as { seq: string; hash: string; prevHash: string };
        expect({ seq: body.seq, hash: body.hash, prevHash: body.prevHash }).toEqual(stored.rows[i]);
      });
      expect(relp.connections).toBe(3);
    } finally {
      await relp.close();
      await siemDb.drop();
    }
  });

  it("streams RFC 5424 over TCP with TLS in octet-counted frames, and refuses a server its CA does not vouch for", async () => {
    const siemDb = await createTestDatabase({ max: 10 });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-siem-tls-"));
    const pem = (name: string) => path.join(dir, name);
    // two self-signed certificates for localhost: the server's, and one the sink wrongly trusts
    for (const name of ["server", "other"]) {
      execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost", "-keyout", pem(`${name}-key.pem`), "-out", pem(`${name}.pem`)], { stdio: "ignore" });
    }
    const received: Buffer[] = [];
    const sockets = new Set<tls.TLSSocket>();
    const server = tls.createServer({ key: fs.readFileSync(pem("server-key.pem")), cert: fs.readFileSync(pem("server.pem")) }, (socket) => {
      sockets.add(socket);
      socket.on("data", (chunk: Buffer) => received.push(chunk));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    const sinkTrusting = (ca: string) => config({ siem: [{ name: "soc-tls", type: "syslog", host: "127.0.0.1", port, protocol: "tcp", hostname: "berth-test", tls: { ca, servername: "localhost" } }] }).siem[0]!;
    const stream = (ca: string) => streamOnce({ pool: siemDb.pool, sink: sinkTrusting(ca), baseUrl: "http://berth.test", workerId: "w1", leaseSeconds: 30, timeoutMs: 2000, batch: 20 });
    try {
      await bulkAppend(siemDb.pool, [drafts(1, 45)]);
      const refused = await stream(pem("other.pem"));
      expect(refused.error).not.toBeNull();
      expect(received).toHaveLength(0);
      const cursorAfterRefusal = await siemDb.pool.query<{ seq: string }>(`SELECT seq::text FROM "NotifyCursor" WHERE name = 'siem:soc-tls'`);
      expect(cursorAfterRefusal.rows.map((r) => r.seq)).not.toContain("45");

      expect(await stream(pem("server.pem"))).toMatchObject({ sent: 45, cursor: "45", error: null });
      await expect.poll(() => Buffer.concat(received).toString("utf8").split("<110>1 ").length - 1).toBe(45);
      // RFC 6587 octet counting: "<length> <message>", the length in bytes of the message that follows
      let rest = Buffer.concat(received);
      const frames: string[] = [];
      while (rest.length) {
        const space = rest.indexOf(0x20);
        const length = Number(rest.subarray(0, space).toString("latin1"));
        frames.push(rest.subarray(space + 1, space + 1 + length).toString("utf8"));
        rest = rest.subarray(space + 1 + length);
      }
      expect(frames.map((f) => /seq="(\d+)"/.exec(f)?.[1])).toEqual(Array.from({ length: 45 }, (_, i) => String(i + 1)));
      expect(frames.every((f) => f.startsWith("<110>1 ") && f.includes(" berth-test berth - request.created [berth@32473 "))).toBe(true);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(dir, { recursive: true, force: true });
      await siemDb.drop();
    }
  });

  it("streams to a webhook in signed batches and resumes after a refused batch", async () => {
    const siemDb = await createTestDatabase({ max: 10 });
    const receiver = await startHttpReceiver();
    try {
      await bulkAppend(siemDb.pool, [drafts(1, 120)]);
      const sink = config({ siem: [{ name: "lake", type: "webhook", url: `${receiver.url}/siem`, secret: "siem-key", batch: 50 }] }).siem[0]!;
      let n = 0;
      receiver.respond = () => (++n === 2 ? 500 : 200);
      const first = await streamOnce({ pool: siemDb.pool, sink, baseUrl: "http://berth.test", workerId: "w1", leaseSeconds: 30, timeoutMs: 2000 });
      expect(first).toMatchObject({ sent: 50, cursor: "50", error: "HTTP 500" });
      const second = await streamOnce({ pool: siemDb.pool, sink, baseUrl: "http://berth.test", workerId: "w1", leaseSeconds: 30, timeoutMs: 2000 });
      expect(second).toMatchObject({ sent: 70, cursor: "120", error: null });
      const seqs = receiver.received.flatMap((p) => (JSON.parse(p.body) as { events: { seq: string }[] }).events.map((e) => Number(e.seq)));
      expect(seqs).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
      const cursor = await siemDb.pool.query<{ seq: string; lockedBy: string | null }>(`SELECT seq::text, "lockedBy" FROM "NotifyCursor" WHERE name = 'siem:lake'`);
      expect(cursor.rows[0]!.seq).toBe("120");
    } finally {
      await receiver.close();
      await siemDb.drop();
    }
  });
});
