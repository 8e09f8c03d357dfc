import v8 from "node:v8";
import vm from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAuditEvents } from "@/lib/audit/append";
import { bulkAppend, type EventDraft } from "@/lib/audit/bulk";
import { CsvParser, unguardCell } from "@/lib/audit/csv";
import { exportEvents, exportGrants, toReadableStream } from "@/lib/audit/export";
import { verifyExport } from "@/lib/audit/export-verify";
import { activateGrant, alice, createProject, erin, bob } from "./audit-fixtures";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { testKeyring } from "../helpers/audit-keys";

const K = { keyring: testKeyring };

async function collect(source: AsyncIterable<string>) {
  let text = "";
  for await (const chunk of source) text += chunk;
  return text;
}

async function* chunksOf(text: string, size = 4096) {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

function parseCsv(text: string) {
  const parser = new CsvParser();
  return [...parser.push(text), ...parser.end()];
}

const tricky = {
  actor: { type: "user" as const, id: "u-dan", name: 'Dan "The Man", Jr.', groups: ["g,1", "=cmd|' /C calc'!A0"] },
  sourceIp: "10.0.0.9",
  userAgent: "",
  portalRequestId: "-1+1",
  clientRequestId: "=1+1",
};

describe("exports", () => {
  let db: TestDatabase;
  let headSeq = 0n;

  beforeAll(async () => {
    db = await createTestDatabase();
    const finance = await createProject(db.prisma, "finance");
    await activateGrant(db.prisma, { project: finance, subjectType: "GROUP", subjectName: "finance-devs", roleId: 2, at: new Date("2026-01-02T03:04:05.678Z"), approvers: [bob, erin] });
    await activateGrant(db.prisma, { project: finance, subjectType: "ROBOT", subjectName: "@ci", permissions: [{ resource: "repository", action: "push" }], at: new Date("2026-01-03T00:00:00Z"), endsAt: new Date("2026-02-03T00:00:00Z") });
    const results = await db.prisma.$transaction((tx) =>
      appendAuditEvents(tx, tricky, [
        { action: "request.created", objectType: "request", objectId: "=HYPERLINK(\"http://evil\")", projectName: "finance", after: { note: "line one\nline two, with \"quotes\"", emoji: "⚓ ünïcode", n: -1.5 } },
        { action: "request.cancelled", objectType: "request", objectId: "+plus", projectName: "ops", before: { state: "PENDING" }, after: { state: "CANCELLED" } },
      ]),
    );
    headSeq = results[results.length - 1]!.seq;
  });
  afterAll(async () => {
    await db.drop();
  });

  it("writes events as CSV: head line, header, quoted and formula-safe cells, UTC times", async () => {
    const text = await collect(exportEvents(db.pool, {}, "csv", K));
    const [first, ...rest] = text.split("\n");
    expect(first).toMatch(new RegExp(`^# berth-export chain-head-seq=${headSeq} chain-head-hash=[0-9a-f]{64} generated-at=\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z filters= kind=events version=2 signing-key-id=${testKeyring.signer!.keyId} public-key=\\S+ checkpoint-seq= checkpoint-hash= checkpoint-at= checkpoint-key-id= checkpoint-signature=$`));
    const rows = parseCsv(rest.join("\n"));
    expect(rows[0]).toEqual(["seq", "at", "actorType", "actorId", "actorName", "actorGroups", "sourceIp", "userAgent", "action", "objectType", "objectId", "projectName", "subject", "requestId", "before", "after", "harborRequestId", "portalRequestId", "clientRequestId", "prevHash", "hash"]);
    expect(rows).toHaveLength(1 + Number(headSeq));
    const dan = rows.find((r) => r[4] === 'Dan "The Man", Jr.')!;
    expect(dan[10]).toBe("'=HYPERLINK(\"http://evil\")");
    expect(dan[17]).toBe("'-1+1");
    expect(dan[18]).toBe("'=1+1");
    expect(dan[7]).toBe("");
    expect(dan[12]).toBeNull();
    expect(JSON.parse(dan[15]!)).toEqual({ note: "line one\nline two, with \"quotes\"", emoji: "⚓ ünïcode", n: -1.5 });
    expect(JSON.parse(unguardCell(dan[5]!)!)).toEqual(["g,1", "=cmd|' /C calc'!A0"]);
    expect(rows[1]![1]).toBe("2026-01-02T03:04:05.678Z");
    // no cell a spreadsheet would evaluate
    for (const row of rows) for (const cell of row) expect(cell ?? "").not.toMatch(/^[=+\-@]/);
  });

  it("writes events as JSON Lines: a meta line, then one event per line", async () => {
    const lines = (await collect(exportEvents(db.pool, { project: "finance" }, "jsonl", K))).trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ type: "meta", format: "berth-export", version: 2, kind: "events", chainHeadSeq: String(headSeq), filters: { project: "finance" } });
    expect(lines[0].chainHeadHash).toMatch(/^[0-9a-f]{64}$/);
    const events = lines.slice(1);
    expect(events.every((e) => e.type === "event" && e.projectName === "finance")).toBe(true);
    expect(events.map((e) => Number(e.seq))).toEqual([...events.map((e) => Number(e.seq))].sort((a, b) => a - b));
    const dan = events.find((e) => e.actorId === "u-dan");
    expect(dan).toMatchObject({ seq: String(headSeq - 1n), userAgent: "", subject: null, actorGroups: ["g,1", "=cmd|' /C calc'!A0"], after: { n: -1.5 } });
    expect(dan.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("writes the grant history with its request and approvers", async () => {
    const csv = parseCsv((await collect(exportGrants(db.pool, { sort: "subject", dir: "asc" }, "csv", K))).split("\n").slice(1).join("\n"));
    expect(csv[0]!.slice(0, 5)).toEqual(["grantId", "projectName", "subjectType", "subjectName", "roleId"]);
    expect(csv.slice(1).map((r) => r[3])).toEqual(["'@ci", "finance-devs"]);
    const jsonl = (await collect(exportGrants(db.pool, { subjectType: "GROUP" }, "jsonl", K))).trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(jsonl[0]).toMatchObject({ type: "meta", kind: "grants", chainHeadSeq: String(headSeq), filters: { subjectType: "GROUP", sort: "startsAt", dir: "desc" } });
    expect(jsonl).toHaveLength(2);
    expect(jsonl[1]).toMatchObject({ type: "grant", subjectName: "finance-devs", roleId: 2, roleName: "Developer", state: "ACTIVE", startsAt: "2026-01-02T03:04:05.678Z", requesterName: "Alice", endsAt: null });
    expect(jsonl[1].approvers.map((a: { name: string }) => a.name)).toEqual(["Bob", "Erin"]);
    expect(typeof jsonl[1].requestNumber).toBe("number");
  });

  it("an export verifies against the trail, and a doctored one does not", async () => {
    for (const format of ["csv", "jsonl"] as const) {
      const text = await collect(exportEvents(db.pool, {}, format, K));
      expect(await verifyExport(chunksOf(text, 100), { trail: db.pool, keyring: testKeyring })).toMatchObject({ ok: true, kind: "events", format, headSeq: String(headSeq), rows: Number(headSeq), completeChain: true });
      const doctored = text.replace("Dan", "Don");
      expect(await verifyExport(chunksOf(doctored), { trail: db.pool, keyring: testKeyring })).toMatchObject({ ok: false, reason: "hash-mismatch", seq: String(headSeq - 1n) });
      const lines = text.split("\n");
      // drop the first event: the file no longer holds the whole chain
      const missing = [lines[0], ...(format === "csv" ? [lines[1]] : []), ...lines.slice(format === "csv" ? 3 : 2)].join("\n");
      expect(await verifyExport(chunksOf(missing), { trail: db.pool, keyring: testKeyring })).toMatchObject({ ok: false, reason: "gap" });
      const foreignHead = text.replace(/chain-head-hash=[0-9a-f]{64}|"chainHeadHash":"[0-9a-f]{64}"/, (m) => m.replace(/[0-9a-f]{64}/, "a".repeat(64)));
      expect(await verifyExport(chunksOf(foreignHead), { trail: db.pool, keyring: testKeyring })).toMatchObject({ ok: false, reason: "head-not-in-trail" });
    }
    const filtered = await collect(exportEvents(db.pool, { project: "ops" }, "jsonl", K));
    expect(await verifyExport(chunksOf(filtered), { trail: db.pool, keyring: testKeyring })).toMatchObject({ ok: true, rows: 1, completeChain: false });
    const grantsFile = await collect(exportGrants(db.pool, {}, "csv", K));
    expect(await verifyExport(chunksOf(grantsFile), { trail: db.pool, keyring: testKeyring })).toMatchObject({ ok: true, kind: "grants", rows: 2 });
  });

  it("is cut at the chain head read when it starts, while writers carry on", async () => {
    const iterator = exportEvents(db.pool, {}, "jsonl", { ...K, highWaterMark: 1 })[Symbol.asyncIterator]();
    const meta = JSON.parse((await iterator.next()).value as string);
    await db.prisma.$transaction((tx) => appendAuditEvents(tx, alice, [{ action: "request.created", objectType: "request", objectId: "late" }]));
    let rest = "";
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) rest += r.value;
    const rows = rest.split("\n").filter(Boolean).length;
    expect(meta.chainHeadSeq).toBe(String(headSeq));
    expect(rows).toBe(Number(headSeq));
  });

  it("a web stream stops the query when the reader cancels", async () => {
    const stream = toReadableStream(exportEvents(db.pool, {}, "csv", { ...K, highWaterMark: 1 }));
    const reader = stream.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toMatch(/^# berth-export /);
    await reader.cancel();
    // the connection was dropped, and with it the snapshot transaction and the COPY
    await expect.poll(() => db.pool.idleCount).toBe(db.pool.totalCount);
    const stillOpen = async () =>
      (await db.pool.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND (state LIKE 'idle in transaction%' OR query LIKE 'COPY%')`)).rows[0].n;
    await expect.poll(stillOpen).toBe(0);
  });
});

describe("exporting 100,000 events", () => {
  let db: TestDatabase;
  const N = 100_000;
  // a full collection before each sample measures what the export keeps alive, not garbage awaiting collection
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc") as () => void;

  beforeAll(async () => {
    db = await createTestDatabase();
    const payload = { note: "x".repeat(300), list: [1, 2, 3] };
    const batches = function* () {
      for (let b = 0; b < N / 10_000; b++) {
        yield Array.from(
          { length: 10_000 },
          (_, i): EventDraft => ({
            at: new Date(Date.UTC(2026, 0, 1) + (b * 10_000 + i) * 1000),
            actorType: "system",
            actorId: "worker",
            actorName: null,
            actorGroups: [],
            sourceIp: null,
            userAgent: null,
            action: "job.step.succeeded",
            objectType: "job",
            objectId: `job-${b}-${i}`,
            projectName: `p${i % 50}`,
            subject: null,
            requestId: null,
            before: null,
            after: payload,
            harborRequestId: `hr-${i}`,
            portalRequestId: null,
            clientRequestId: null,
          }),
        );
      }
    };
    await bulkAppend(db.pool, batches());
  }, 180_000);
  afterAll(async () => {
    await db.drop();
  });

  it("loses no row when a slow reader makes it pause the database again and again", async () => {
    let expected = 1;
    let rows = 0;
    for await (const chunk of exportEvents(db.pool, { project: "p7" }, "jsonl", { ...K, highWaterMark: 4096 })) {
      // a reader slower than the database: the socket is paused and resumed many times
      await new Promise((resolve) => setImmediate(resolve));
      for (const line of chunk.split("\n")) {
        if (!line) continue;
        const record = JSON.parse(line) as { type: string; seq: string };
        if (record.type === "meta") continue;
        const seq = Number(record.seq);
        expect(seq).toBeGreaterThanOrEqual(expected);
        expected = seq + 1;
        rows++;
      }
    }
    expect(rows).toBe(N / 50);
  }, 120_000);

  for (const format of ["jsonl", "csv"] as const) {
    it(`streams ${format} in bounded chunks with bounded memory`, async () => {
      gc();
      const baseline = process.memoryUsage().heapUsed;
      let peak = 0;
      let chunks = 0;
      let largest = 0;
      let bytes = 0;
      let lines = 0;
      for await (const chunk of exportEvents(db.pool, {}, format, K)) {
        chunks++;
        largest = Math.max(largest, chunk.length);
        bytes += chunk.length;
        for (let i = chunk.indexOf("\n"); i >= 0; i = chunk.indexOf("\n", i + 1)) lines++;
        if (chunks % 8 === 0) {
          gc();
          peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
        }
      }
      expect(lines).toBe(N + (format === "csv" ? 2 : 1));
      expect(chunks).toBeGreaterThanOrEqual(20);
      expect(largest).toBeLessThan(4 * 1024 * 1024);
      // holding the whole file (or its rows) at once would take far more than this
      expect(bytes).toBeGreaterThan(50 * 1024 * 1024);
      expect(peak, `peak live heap growth ${(peak / 1048576).toFixed(1)} MB`).toBeLessThan(32 * 1024 * 1024);
    }, 120_000);
  }
});
