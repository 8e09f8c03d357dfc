// npm run bench:notify [-- --events 10000 --rate 250 --concurrency 32 --approvals 300 --nice 10]
// Notifications under load: --events audit events (each a drift finding, which goes to an approver by email, the
// approvers' Slack channel and a CloudEvents webhook: 3 deliveries) committed at --rate per second, delivered to local
// receivers that answer after 20 ms (SMTP and HTTP, in their own process). Prints deliveries per second, commit →
// receipt p50/p95 per sink, duplicates (must be 0) and misses; then the approval transaction's time with the
// notification pipeline running against the same transaction with its process frozen (SIGSTOP), in the same run.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import pg from "pg";
import { SMTPServer } from "smtp-server";
import { migrateDeploy } from "../dev/migrate";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../dev/postgres";
import { inheritedEnvironment, toolEnv } from "../dev/tool-env";
import { appendAuditEvents } from "../lib/audit/append";
import type { AuditContext } from "../lib/audit/types";
import { recordSignIn } from "../lib/auth/people";
import { createDatabase, type Database } from "../lib/db";
import { decideRequest } from "../lib/governance/decisions";
import type { GovernanceDeps } from "../lib/governance/requests";
import { fromFile, parseNotifyFile, type NotifyConfig } from "../lib/notify/config";
import { describeRequest } from "../lib/governance/kinds";
import { startNotifier, type Notifier } from "../lib/notify/pipeline";
import { lowerWorkerPriority } from "../lib/startup";
import { unsubscribeKey } from "../lib/notify/unsubscribe-token";
import { transaction } from "../lib/sql";

const root = path.resolve(import.meta.dirname, "..");
const LATENCY_MS = 20;
const started = performance.now();
const now = () => performance.timeOrigin + performance.now();
const log = (msg: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${msg}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number`);
  return value;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const ms = (n: number) => `${n.toFixed(1)} ms`;

// ---- the receivers' process: SMTP and HTTP answering after 20 ms, recording the first receipt of each event per sink

type Sink = "email" | "chat" | "webhook";

async function receivers() {
  const receipts = new Map<string, { at: number; count: number }>();
  const note = (sink: Sink, key: string | undefined) => {
    if (!key) return;
    const id = `${sink} ${key}`;
    const seen = receipts.get(id);
    if (seen) seen.count++;
    else receipts.set(id, { at: now(), count: 1 });
  };
  const keyOf = (text: string) => /\/projects\/(bench-p\d+)/.exec(text)?.[1];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.url === "/stats") return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify([...receipts]));
      setTimeout(() => {
        const body = Buffer.concat(chunks).toString("utf8");
        note(req.url === "/hook" ? "webhook" : "chat", keyOf(body));
        res.writeHead(200).end("ok");
      }, LATENCY_MS);
    });
  });
  server.keepAliveTimeout = 30_000;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () =>
        setTimeout(() => {
          note("email", keyOf(Buffer.concat(chunks).toString("utf8").replace(/=\r?\n/g, "")));
          callback();
        }, LATENCY_MS),
      );
    },
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", () => r()));
  process.stdout.write(`${JSON.stringify({ http: (server.address() as AddressInfo).port, smtp: (smtp.server.address() as AddressInfo).port })}\n`);
}

async function startReceivers(): Promise<{ child: ChildProcess; http: number; smtp: number }> {
  const child = spawn(process.execPath, [...process.execArgv, import.meta.filename ?? process.argv[1]!, "--receivers"], { stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", () => reject(new Error("the receivers did not start")));
  });
  return { child, ...(JSON.parse(line) as { http: number; smtp: number }) };
}

// ---- the notifier's process, as `npm run worker` would run it: started and stopped by the parent over IPC

async function notifierProcess() {
  const quiet = { info() {}, warn() {}, error: (m: string) => process.stderr.write(`[notifier] ${m}\n`) };
  let notifier: Notifier | null = null;
  let db: Database | null = null;
  let config: NotifyConfig | null = null;
  process.on("message", (message: string | { url: string; config: NotifyConfig; nice: number }) => {
    void (async () => {
      if (typeof message === "object") {
        // as npm run worker does with BERTH_WORKER_NICE
        lowerWorkerPriority(message.nice);
        config = message.config;
        db = createDatabase(message.url, { max: config.concurrency + 10 });
        return process.send?.("ready");
      }
      const cmd = message;
      if (!db || !config) return;
      if (cmd === "start") notifier ??= startNotifier({ pool: db.pool, config, describeRequest, workerId: `bench-${process.pid}`, log: quiet });
      if (cmd === "stop" || cmd === "exit") {
        await notifier?.stop();
        notifier = null;
      }
      if (cmd === "exit") {
        await db.close();
        process.exit(0);
      }
      process.send?.(`${cmd}ed`);
    })();
  });
}

function startNotifierProcess(url: string, config: NotifyConfig, nice: number): { send(cmd: "start" | "stop" | "exit"): Promise<void>; child: ChildProcess } {
  const child = spawn(process.execPath, [...process.execArgv, import.meta.filename ?? process.argv[1]!, "--notifier"], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env: inheritedEnvironment(),
  });
  const ready = new Promise<void>((r) => child.once("message", () => r()));
  child.send({ url, config, nice });
  return {
    child,
    async send(cmd) {
      await ready;
      // "exit" is answered by the process ending, the others by a message
      const done = new Promise<void>((r) => child.once(cmd === "exit" ? "exit" : "message", () => r()));
      child.send(cmd);
      await done;
    },
  };
}

// ---- the run

const system: AuditContext = { actor: { type: "system", id: "scheduler" } };

async function main(): Promise<void> {
  const EVENTS = arg("events", 10_000);
  const RATE = arg("rate", 250);
  const CONCURRENCY = arg("concurrency", 32);
  const APPROVALS = arg("approvals", 300);
  // the worker's default BERTH_WORKER_NICE; --nice 0 runs the notifier at the web tier's priority
  const NICE = process.argv.includes("--nice") ? Number(process.argv[process.argv.indexOf("--nice") + 1]) : 10;
  if (!Number.isInteger(NICE) || NICE < 0 || NICE > 19) throw new Error("--nice must be a whole number from 0 to 19");
  let server: EmbeddedDatabase | undefined;
  const configured = toolEnv().DATABASE_URL;
  let serverUrl: string;
  if (configured) {
    serverUrl = configured;
    log("DATABASE_URL is set: a scratch database on that server");
  } else {
    log("starting the embedded PostgreSQL (.data/bench-notify)…");
    server = await startEmbeddedPostgres({ dataDir: path.join(root, ".data/bench-notify"), ephemeral: true, quiet: true });
    // a scratch database per run: created, migrated and dropped as the throw-away server's superuser
    serverUrl = server.adminUrl;
  }
  const dbName = `berth_bench_notify_${Date.now()}`;
  const adminUrl = Object.assign(new URL(serverUrl), { pathname: "/postgres" }).toString();
  const url = Object.assign(new URL(serverUrl), { pathname: `/${dbName}` }).toString();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${dbName}"`);
  let db: Database | undefined;
  let rx: Awaited<ReturnType<typeof startReceivers>> | undefined;
  let notifier: ReturnType<typeof startNotifierProcess> | undefined;
  try {
    log("applying migrations…");
    await migrateDeploy(url);
    db = createDatabase(url, { max: CONCURRENCY + 20 });
    rx = await startReceivers();
    const file = parseNotifyFile(JSON.stringify({ chat: [{ name: "admins", format: "slack", url: `http://127.0.0.1:${rx.http}/chat`, roles: ["approver"] }], webhooks: [{ name: "siem-bridge", url: `http://127.0.0.1:${rx.http}/hook`, secret: "bench-signing-key" }] }));
    const config: NotifyConfig = {
      baseUrl: "http://berth.bench",
      unsubscribeKey: unsubscribeKey("bench-nextauth-secret-that-is-long-enough"),
      smtp: { host: "127.0.0.1", port: rx.smtp, security: "none", user: null, password: null, from: "Berth <berth@berth.bench>" },
      ...fromFile(file),
      roleGroups: { approver: ["registry-admins"], auditor: ["auditors"], requester: [] },
      digestHourUtc: 7,
      activeDays: 90,
      giveUpHours: 24,
      concurrency: CONCURRENCY,
      pollMs: 100,
      timeoutMs: 10_000,
      leaseSeconds: 60,
      backoffBaseMs: 500,
      backoffMaxMs: 5_000,
    };
    await recordSignIn(db.pool, { id: "bob", username: "bob", name: "Bob Admin", email: "bob@berth.bench", groups: ["registry-admins"] });

    console.log(
      `\nbench:notify — ${EVENTS} events × 3 sinks (email over SMTP, Slack webhook, CloudEvents webhook), committed at ${RATE}/s; receivers answer after ${LATENCY_MS} ms in their own process; ` +
        `the notifier in its own process (as npm run worker, at nice ${NICE}: BERTH_WORKER_NICE), sender concurrency ${CONCURRENCY}; PostgreSQL ${configured ? "from DATABASE_URL" : "embedded"}; ${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(1)}\n`,
    );

    // 1. throughput and latency
    notifier = startNotifierProcess(url, config, NICE);
    await notifier.send("start");
    const committed = new Map<string, number>();
    const genStart = now();
    for (let i = 0; i < EVENTS; i++) {
      const due = genStart + (i * 1000) / RATE;
      const wait = due - now();
      if (wait > 1) await sleep(wait);
      const project = `bench-p${i}`;
      await transaction(db.pool, (c) =>
        appendAuditEvents(c, system, [{ action: "project.drift.found", objectType: "project", objectId: project, projectName: project, after: { findings: [{ kind: "unexpected-member", subject: "group:x" }] } }]),
      );
      committed.set(project, now());
      if ((i + 1) % 2000 === 0) log(`${i + 1} events committed`);
    }
    const genEnd = now();
    const expected = EVENTS * 3;
    let receipts: [string, { at: number; count: number }][] = [];
    const deadline = now() + 10 * 60_000;
    for (;;) {
      const res = await fetch(`http://127.0.0.1:${rx.http}/stats`);
      receipts = (await res.json()) as typeof receipts;
      if (receipts.length >= expected || now() > deadline) break;
      await sleep(250);
    }
    await sleep(1000);
    receipts = (await (await fetch(`http://127.0.0.1:${rx.http}/stats`)).json()) as typeof receipts;
    const bySink = new Map<Sink, number[]>();
    let duplicates = 0;
    let last = 0;
    for (const [id, r] of receipts) {
      const [sink, key] = id.split(" ") as [Sink, string];
      const at = committed.get(key);
      if (at === undefined) continue;
      (bySink.get(sink) ?? bySink.set(sink, []).get(sink)!).push(r.at - at);
      duplicates += r.count - 1;
      last = Math.max(last, r.at);
    }
    const all = [...bySink.values()].flat();
    const states = await db.pool.query<{ state: string; n: number }>(`SELECT state::text, count(*)::int AS n FROM "NotifyDelivery" GROUP BY 1 ORDER BY 1`);
    console.log(`events committed: ${EVENTS} in ${((genEnd - genStart) / 1000).toFixed(1)} s`);
    console.log(`deliveries received: ${all.length} of ${expected} (missing ${expected - all.length}); duplicates: ${duplicates}; delivery rows: ${states.rows.map((r) => `${r.state} ${r.n}`).join(", ")}`);
    console.log(`deliveries/s: ${(all.length / ((last - genStart) / 1000)).toFixed(0)} (first commit → last receipt ${((last - genStart) / 1000).toFixed(1)} s)`);
    console.log(`commit → receipt: p50 ${ms(percentile(all, 50))}, p95 ${ms(percentile(all, 95))}, max ${ms(Math.max(...all))}`);
    for (const [sink, values] of bySink) console.log(`  ${sink.padEnd(8)} p50 ${ms(percentile(values, 50))}, p95 ${ms(percentile(values, 95))} (${values.length})`);

    // 2. the approval's transaction, with the pipeline running and with it stopped, interleaved in blocks
    const project = await db.prisma.project.create({ data: { name: "bench-approvals", ownerGroup: "bench-devs", template: "standard", quotaGiB: 5, state: "ACTIVE", harborId: 1 } });
    const ids: string[] = [];
    for (let i = 0; i < APPROVALS; i++) {
      const r = await db.prisma.request.create({
        data: {
          kind: "GROUP_ACCESS",
          payload: { projectName: project.name, groupName: `bench-g${i}`, roleId: 2, replacesGrantId: null, previousRoleId: null },
          justification: "benchmark",
          requesterId: "alice",
          requesterName: "Alice",
          requesterGroups: ["bench-devs"],
          projectName: project.name,
          subjectKey: `group:bench-g${i}`,
          policyChecks: [],
        },
      });
      ids.push(r.id);
    }
    const bob = { id: "bob", name: "Bob Admin", email: "bob@berth.bench", username: "bob", groups: ["registry-admins"], roles: ["requester", "approver"] as ("requester" | "approver")[], via: { requester: [], approver: ["registry-admins"], auditor: [] }, permissions: ["request:decide" as const, "project:manage-any" as const] };
    const ctx: AuditContext = { actor: { type: "user", id: "bob", name: "Bob Admin", groups: ["registry-admins"] } };
    const deps: GovernanceDeps = {
      db: db.prisma,
      policy: { selfServiceQuotaGiB: 100, maxQuotaGiB: 10240, externalGroupPattern: "ext-*", externalMaxRoleId: 2, externalMaxDays: 90, internalMaxDays: 365, robotMaxDays: 180 },
      harborProjectExists: async () => false,
      now: new Date(),
    };
    const timed = { on: [] as number[], off: [] as number[] };
    // the approval's transaction itself (BEGIN … COMMIT, the chain head locked inside), not the reads before it
    let txMs = 0;
    const prisma = db.prisma;
    deps.db = new Proxy(prisma, {
      get(target, prop, receiver) {
        if (prop !== "$transaction") return Reflect.get(target, prop, receiver) as unknown;
        return async (fn: (tx: unknown) => Promise<unknown>) => {
          const t0 = performance.now();
          try {
            return await target.$transaction(fn as never);
          } finally {
            txMs = performance.now() - t0;
          }
        };
      },
    });
    // The arms differ only in the pipeline's work. Stopping and starting it would also tear down and re-open its
    // connections (LISTEN, the SMTP pool), a cost no approval meets in production: instead its process is frozen
    // (SIGSTOP, connections open, no CPU) for the blocks without notifications and thawed for the others. Before each
    // block it is idle: after a frozen block it first catches up with that block's events, so each block with
    // notifications carries the pipeline's work for its own approvals, no more.
    const pid = notifier.child.pid!;
    const idle = async () => {
      for (const deadline = now() + 60_000; now() < deadline; await sleep(20)) {
        const { rows } = await db!.pool.query<{ idle: boolean }>(
          `SELECT (SELECT seq FROM "NotifyCursor" WHERE name = 'dispatch') >= (SELECT seq FROM "AuditHead" WHERE id = 1)
             AND NOT EXISTS (SELECT 1 FROM "NotifyMessage" WHERE "expandedAt" IS NULL)
             AND NOT EXISTS (SELECT 1 FROM "NotifyDelivery" WHERE state IN ('PENDING', 'SENDING') AND "runAt" <= now()) AS idle`,
        );
        if (rows[0]?.idle) return;
      }
      throw new Error("the notification pipeline did not catch up within 60 s");
    };
    const BLOCK = 10;
    for (let b = 0; b * BLOCK < APPROVALS; b++) {
      const on = b % 2 === 0;
      if (on) {
        process.kill(pid, "SIGCONT");
        await idle();
      } else {
        await idle();
        process.kill(pid, "SIGSTOP");
      }
      for (const id of ids.slice(b * BLOCK, (b + 1) * BLOCK)) {
        await decideRequest({ ...deps, now: new Date() }, bob as never, { requestId: id, decision: "APPROVE" }, ctx);
        timed[on ? "on" : "off"].push(txMs);
        // approvals arrive one at a time, with the pipeline working between them
        await sleep(20);
      }
    }
    const outbox = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "NotifyMessage" WHERE kind = 'request.approved'`);
    const p50on = percentile(timed.on, 50);
    const p50off = percentile(timed.off, 50);
    console.log(`\napproval transaction (decideRequest's BEGIN … COMMIT, ${timed.on.length} with the notifier running, ${timed.off.length} with its process frozen, interleaved in blocks of ${BLOCK}):`);
    console.log(`  outbox rows the approval's transaction writes: 0 (its audit events are the outbox's log; 'request.approved' messages derived after commit so far: ${outbox.rows[0]!.n})`);
    console.log(`  with notifications:    p50 ${ms(p50on)}, p95 ${ms(percentile(timed.on, 95))}`);
    console.log(`  without notifications: p50 ${ms(p50off)}, p95 ${ms(percentile(timed.off, 95))}`);
    console.log(`  extra p50: ${ms(p50on - p50off)} (target ≤ 1 ms) ${p50on - p50off <= 1 ? "PASS" : "FAIL"}`);
    console.log(`duplicates: ${duplicates} (target 0) ${duplicates === 0 ? "PASS" : "FAIL"}; missing: ${expected - all.length} ${expected === all.length ? "PASS" : "FAIL"}`);
  } finally {
    // thaw a frozen notifier so it can exit; it may have exited already
    if (notifier?.child.pid && notifier.child.exitCode === null && notifier.child.signalCode === null) {
      try {
        process.kill(notifier.child.pid, "SIGCONT");
      } catch {
        // gone between the check and the signal
      }
    }
    await notifier?.send("exit").catch(() => {});
    rx?.child.kill();
    await db?.close();
    await admin.query(`drop database if exists "${dbName}" with (force)`).catch(() => {});
    await admin.end();
    await server?.stop();
  }
}

if (process.argv.includes("--receivers")) void receivers();
else if (process.argv.includes("--notifier")) void notifierProcess();
else
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
