// npm run bench:reviews [-- --grants 10000 --projects 1000 --samples 300]
// A campaign over 10,000 grants in 1,000 projects, in a throw-away embedded PostgreSQL (or an empty database named by
// DATABASE_URL): the start (snapshot) time, the reviewer page's query p95 through lib/reviews against the same SQL
// through raw pg, a bulk decision of 1,000 items (keep, and remove with a job each), the usage check's Harbor calls
// per project against the emulator, and the report export's rows per second. Prints figures with PASS/FAIL per target.
import { keyring } from "../lib/audit/signing";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { demoPrincipal } from "../dev/idp/users";
import { startHarborEmulator } from "../dev/harbor-emulator";
import { migrateDeploy } from "../dev/migrate";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../dev/postgres";
import { toolEnv } from "../dev/tool-env";
import { exportGrants } from "../lib/audit/export";
import type { AuditContext } from "../lib/audit/types";
import { createDatabase } from "../lib/db";
import { createHarborClient } from "../lib/harbor";
import { defineReview } from "../lib/reviews/campaigns";
import type { ReviewConfig } from "../lib/reviews/config";
import { decideItems } from "../lib/reviews/decisions";
import { decideItemsInput, reviewDefinitionInput } from "../lib/reviews/inputs";
import { escalateOverdue } from "../lib/reviews/pass";
import { inboxQuery, reviewerInbox } from "../lib/reviews/queries";
import { exportReport } from "../lib/reviews/report";
import { runUsageChecks } from "../lib/reviews/usage-check";
import { arg, fmt, progress, random, stats } from "./bench-common";

const root = path.resolve(import.meta.dirname, "..");
const started = performance.now();
const log = progress(started);

const GRANTS = arg("grants", 10_000);
const PROJECTS = arg("projects", 1_000);
const SAMPLES = arg("samples", 300);
const BULK = Math.min(1_000, Math.floor(GRANTS / 4));

const rnd = random(20261204);
const int = (n: number) => Math.floor(rnd() * n);
const DAY = 86_400_000;

const config: ReviewConfig = { durationDays: 14, recurrenceDays: 180, deadlineOutcome: "REMOVE", unusedDays: 90, usageCheckSeconds: 3600, auditLogging: "on", usageWindowDays: 90, e2eControls: false };
const bob = { ...demoPrincipal("bob"), id: "u-bob" };
const ctx: AuditContext = { actor: { type: "user", id: bob.id, name: bob.name, groups: bob.groups }, userAgent: "bench:reviews" };
const lead = (p: number) => ({ ...demoPrincipal("alice", { id: `u-lead-${p}`, groups: ["team-leads", `team-${p}`] }), name: `Lead ${p}` });
const projectName = (p: number) => `proj-${String(p).padStart(4, "0")}`;

async function seed(pool: pg.Pool, now: number, maintain: () => Promise<void>) {
  const projectIds = Array.from({ length: PROJECTS }, () => randomUUID());
  await pool.query(
    `INSERT INTO "Project" (id, name, "ownerGroup", template, "quotaGiB", state, "harborId", "createdAt", "updatedAt")
     SELECT id, name, 'team-' || ord, 'standard', 10, 'ACTIVE', ord + 1, now(), now() FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS t(id, name, ord)`,
    [projectIds, projectIds.map((_, p) => projectName(p))],
  );
  // the owner groups' own memberships (left out of every review), then GRANTS grants spread evenly, a third robots
  const rows: { id: string; project: number; type: "GROUP" | "ROBOT"; name: string; role: number | null; requester: string; requesterName: string; requesterGroups: string[] }[] = [];
  for (let p = 0; p < PROJECTS; p++) rows.push({ id: randomUUID(), project: p, type: "GROUP", name: `team-${p + 1}`, role: 4, requester: `u-lead-${p + 1}`, requesterName: `Lead ${p + 1}`, requesterGroups: ["team-leads", `team-${p + 1}`] });
  for (let i = 0; i < GRANTS; i++) {
    const p = i % PROJECTS;
    const robot = i % 3 === 2;
    // a robot asked for by the owner's team lead goes to the approvers (separation of duties); by another team, not
    const own = robot && rnd() < 0.5;
    const requester = own ? p + 1 : int(PROJECTS) + 1;
    rows.push({ id: randomUUID(), project: p, type: robot ? "ROBOT" : "GROUP", name: robot ? `ci-${i}` : `grp-${i}`, role: robot ? null : [2, 3, 5][int(3)]!, requester: `u-lead-${requester}`, requesterName: `Lead ${requester}`, requesterGroups: ["team-leads", `team-${requester}`] });
  }
  const requestIds = rows.map(() => randomUUID());
  const startsAt = rows.map(() => new Date(now - (10 + int(400)) * DAY).toISOString());
  await pool.query(
    `INSERT INTO "Request" (id, kind, payload, justification, "requesterId", "requesterName", "requesterGroups", "projectName", "subjectKey", state, "policyChecks", "requiredApprovals", "createdAt", "updatedAt", "decidedAt")
     SELECT t.id, CASE WHEN t.robot THEN 'ROBOT_ACCOUNT' ELSE 'GROUP_ACCESS' END::"RequestKind", '{}'::jsonb, 'needed by the team', t.requester, t.requester_name, string_to_array(t.groups, ','),
       t.project, t.subject, 'ACTIVE', '[]'::jsonb, 1, t.at, t.at, t.at
     FROM unnest($1::uuid[], $2::boolean[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[]) AS t(id, robot, requester, requester_name, groups, project, subject, at)`,
    [requestIds, rows.map((r) => r.type === "ROBOT"), rows.map((r) => r.requester), rows.map((r) => r.requesterName), rows.map((r) => r.requesterGroups.join(",")), rows.map((r) => projectName(r.project)), rows.map((r) => `${r.type === "GROUP" ? "group" : "robot"}:${r.name}`), startsAt],
  );
  await pool.query(
    `INSERT INTO "Approval" (id, "requestId", "approverId", "approverName", decision, "createdAt") SELECT gen_random_uuid(), r, 'u-erin', 'Erin Eklund', 'APPROVE', now() FROM unnest($1::uuid[]) AS t(r)`,
    [requestIds],
  );
  await pool.query(
    `INSERT INTO "Grant" (id, "projectId", "projectName", "subjectType", "subjectName", "roleId", permissions, state, "startsAt", "harborMemberId", "harborRobotId", "harborRobotName", "requestId", "createdAt", "updatedAt")
     SELECT t.id, t.project_id, t.project, t.type::"SubjectType", t.name, t.role, CASE WHEN t.type = 'ROBOT' THEN '[{"resource":"repository","action":"pull"}]'::jsonb END, 'ACTIVE', t.starts,
       CASE WHEN t.type = 'GROUP' THEN t.ord END, CASE WHEN t.type = 'ROBOT' THEN t.ord END, CASE WHEN t.type = 'ROBOT' THEN 'robot$' || t.project || '+' || t.name END, t.request, now(), now()
     FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::int[], $7::timestamptz[], $8::uuid[]) WITH ORDINALITY AS t(id, project_id, project, type, name, role, starts, request, ord)`,
    [rows.map((r) => r.id), rows.map((r) => projectIds[r.project]!), rows.map((r) => projectName(r.project)), rows.map((r) => r.type), rows.map((r) => r.name), rows.map((r) => r.role), startsAt, requestIds],
  );
  await pool.query(`INSERT INTO "DriftCheck" ("projectId", "projectName", "checkedAt") SELECT id, name, now() FROM "Project"`);
  await maintain();
  return { rows };
}

/** The library call and the same SQL through raw pg, alternately, with the same principal each time. */
async function measureInbox(pool: pg.Pool, who: () => ReturnType<typeof lead>) {
  const lib: number[] = [];
  const raw: number[] = [];
  let rows = 0;
  const warmup = Math.min(30, Math.ceil(SAMPLES / 10));
  for (let i = 0; i < SAMPLES + warmup; i++) {
    const principal = who();
    const runLib = async () => {
      const t = performance.now();
      rows += (await reviewerInbox(pool, principal, {}, config)).items.length;
      return performance.now() - t;
    };
    const runRaw = async () => {
      const q = inboxQuery(principal, {});
      const t = performance.now();
      await pool.query(q.text, q.values);
      return performance.now() - t;
    };
    let libMs: number;
    let rawMs: number;
    if (i % 2) {
      rawMs = await runRaw();
      libMs = await runLib();
    } else {
      libMs = await runLib();
      rawMs = await runRaw();
    }
    if (i >= warmup) {
      raw.push(rawMs);
      lib.push(libMs);
    }
  }
  return { lib: stats(lib), raw: stats(raw), rows: Math.round(rows / (SAMPLES + warmup)) };
}

async function exportRate(source: () => AsyncIterable<string>, header: number, runs = 5) {
  let best = 0;
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    let lines = 0;
    const t = performance.now();
    for await (const chunk of source()) for (let j = chunk.indexOf("\n"); j >= 0; j = chunk.indexOf("\n", j + 1)) lines++;
    const seconds = (performance.now() - t) / 1000;
    rows = lines - header;
    best = Math.max(best, rows / seconds);
  }
  return { rows, rowsPerSecond: best };
}

async function main() {
  const tool = toolEnv();
  let server: EmbeddedDatabase | undefined;
  let url = tool.DATABASE_URL;
  const dataDir = path.resolve(root, tool.BERTH_DATA_DIR, "bench-reviews");
  if (!url) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    log(`starting an embedded PostgreSQL in ${path.relative(root, dataDir)} (throw-away)`);
    server = await startEmbeddedPostgres({ dataDir, ephemeral: true, quiet: true });
    url = server.url;
  }
  // the schema's owner migrates; the benchmark runs as Berth's runtime role, like the app
  const ownerUrl = server ? server.migrationUrl : (tool.DATABASE_MIGRATION_URL ?? url);
  await migrateDeploy(ownerUrl);
  // VACUUM and ANALYZE as the tables' owner, as autovacuum does in production: the runtime role may not (PostgreSQL
  // skips a table it does not own with a warning), and without statistics the planner guesses every row count
  const maintain = async () => {
    const owner = new pg.Client({ connectionString: ownerUrl });
    await owner.connect();
    try {
      // with DATABASE_URL and no DATABASE_MIGRATION_URL the runtime role runs it, and PostgreSQL skips what it does not own
      const foreign = await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = current_schema() AND tableowner <> current_user`);
      if (foreign.rows[0]!.n > 0) log(`WARNING: ${foreign.rows[0]!.n} of Berth's tables are not owned by the role running VACUUM ANALYZE (set DATABASE_MIGRATION_URL to the owner's URL): they keep no planner statistics`);
      await owner.query("VACUUM ANALYZE");
    } finally {
      await owner.end();
    }
  };
  const database = createDatabase(url, { max: 8 });
  const pool = database.pool;
  const emulator = await startHarborEmulator({ port: 0 });
  const results: { target: string; pass: boolean; figure: string }[] = [];
  try {
    const existing = (await pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM "Grant"`)).rows[0]!.n;
    if (existing !== "0") {
      console.error(`bench:reviews seeds an empty database; ${url.replace(/:[^:@/]+@/, ":***@")} already has ${existing} grants.`);
      process.exitCode = 2;
      return;
    }
    const version = (await pool.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;
    log(`PostgreSQL ${version}; ${os.cpus().length} CPUs; Node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    const now = Date.now();
    await seed(pool, now, maintain);
    log(`seeded ${fmt(PROJECTS)} projects with ${fmt(GRANTS)} grants to review (and ${fmt(PROJECTS)} owner memberships, which reviews leave out)`);

    // 1. the start: definition, campaign and the one-statement snapshot
    const t0 = performance.now();
    const { campaign } = await defineReview({ db: database.prisma, config, now: new Date() }, bob, reviewDefinitionInput.parse({ name: "Everything, half-yearly", scope: "ALL" }), ctx);
    const startMs = performance.now() - t0;
    if (!campaign || campaign.items !== GRANTS) throw new Error(`the snapshot took ${campaign?.items} items, expected ${GRANTS}`);
    log(`campaign #${campaign.number} started: ${fmt(campaign.items)} items (${fmt(campaign.routed)} robots routed to the approvers) in ${startMs.toFixed(0)} ms`);
    await maintain();

    // 2. the reviewer page
    log(`measuring the reviewer page: ${SAMPLES} samples each, library vs the same SQL through raw pg, alternating`);
    const leadPage = await measureInbox(pool, () => lead(int(PROJECTS) + 1));
    const approverPage = await measureInbox(pool, () => ({ ...bob, name: "Bob Brenner" }));

    // 3. bulk decisions: the approvers may decide everything once it is escalated
    await escalateOverdue(database.prisma, new Date(Date.now() + 13 * DAY));
    const items = (await pool.query<{ id: string }>(`SELECT id FROM "ReviewItem" WHERE "campaignId" = $1 ORDER BY id`, [campaign.id])).rows.map((r) => r.id);
    const decide = async (ids: string[], decision: "KEEP" | "REMOVE") => {
      const t = performance.now();
      const out = await decideItems({ db: database.prisma, config, now: new Date() }, bob, decideItemsInput.parse({ itemIds: ids, decision, reason: "bench: decided in bulk" }), ctx);
      return { ms: performance.now() - t, out };
    };
    const keep = await decide(items.slice(0, BULK), "KEEP");
    const remove = await decide(items.slice(BULK, 2 * BULK), "REMOVE");
    log(`bulk: kept ${fmt(keep.out.decided)} in ${keep.ms.toFixed(0)} ms; removed ${fmt(remove.out.decided)} (${fmt(remove.out.removals)} REVOKE jobs) in ${remove.ms.toFixed(0)} ms`);

    // 4. the usage check against the emulator: every project in Harbor, with a spread of pulls and pushes
    log("creating the projects in the Harbor emulator and their audit log");
    const admin = createHarborClient({ baseUrl: emulator.url, username: "admin", password: "Harbor12345", timeoutMs: 10_000 });
    const entries: number[] = [];
    for (let p = 0; p < PROJECTS; p++) {
      await admin.ensureProject({ name: projectName(p), metadata: { public: "false" }, storageLimitBytes: 1 << 30 });
      emulator.addRepository(projectName(p), "app");
      // most projects are quiet, some busy: 0-99 entries for 75%, 100-299 for 20%, 300-999 for 5%
      const r = rnd();
      const n = r < 0.75 ? int(100) : r < 0.95 ? 100 + int(200) : 300 + int(700);
      entries.push(n);
      const pulls = Math.floor(n * 0.8);
      const at = new Date(now - (1 + int(80)) * DAY).toISOString();
      if (pulls) emulator.recordActivity(projectName(p), { username: `robot$${projectName(p)}+ci-${p}`, operation: "pull", repository: "app", tag: "v1", at, count: pulls });
      if (n - pulls) emulator.recordActivity(projectName(p), { username: `user-${p}`, operation: "push", repository: "app", tag: "v1", at, count: n - pulls });
    }
    const harbor = createHarborClient({ baseUrl: emulator.url, username: "admin", password: "Harbor12345", timeoutMs: 10_000 });
    emulator.resetStats();
    const tu = performance.now();
    const calls: Record<string, number> = {};
    const clock = () => new Date();
    for (let round = 0; round < 1000; round++) {
      const pass = await runUsageChecks({ db: database.prisma, harbor, config, clock, batch: 25, concurrency: 4 });
      Object.assign(calls, pass.calls);
      if (pass.claimed < pass.batch) break;
    }
    const usageSeconds = (performance.now() - tu) / 1000;
    const perProject = Array.from({ length: PROJECTS }, (_, p) => calls[projectName(p)] ?? 0);
    const minimum = entries.map((n) => Math.max(1, Math.ceil(n / 100)));
    const atMinimum = perProject.filter((c, p) => c === minimum[p]).length;
    const totalCalls = perProject.reduce((a, b) => a + b, 0);
    const wire = emulator.stats().total;
    log(`usage check: ${fmt(PROJECTS)} projects read in ${usageSeconds.toFixed(1)} s, ${fmt(totalCalls)} calls (${fmt(wire)} requests on the wire)`);

    // 5. exports: the report, and the existing grant export for comparison; the decisions above left dead rows behind,
    // which autovacuum would have cleared by the time an auditor exports
    await maintain();
    const report = await exportRate(() => exportReport(pool, campaign, "csv", { keyring: keyring({}) }), 2);
    const reportJsonl = await exportRate(() => exportReport(pool, campaign, "jsonl", { keyring: keyring({}) }), 1);
    const grants = await exportRate(() => exportGrants(pool, {}, "csv", { keyring: keyring({}) }), 2);

    const ms = (n: number) => n.toFixed(2).padStart(8);
    console.log("");
    console.log(`Access reviews benchmark: ${fmt(GRANTS)} grants in ${fmt(PROJECTS)} projects; ${SAMPLES} samples per query; times in ms`);
    console.log(`start (definition + snapshot of ${fmt(campaign.items)} items): ${startMs.toFixed(0)} ms`);
    console.log("");
    console.log(`${"reviewer page query".padEnd(40)}   lib p50  lib p95   pg p50   pg p95  p95 ratio  rows  result`);
    for (const [name, r] of [["a team lead (their project's items)", leadPage], ["an approver (routed robots, page of 100)", approverPage]] as const) {
      const ratio = r.lib.p95 / r.raw.p95;
      const pass = r.lib.p95 < 50 && ratio <= 1.5;
      results.push({ target: `reviewer page, ${name}`, pass, figure: `${r.lib.p95.toFixed(2)} ms` });
      console.log(`${name.padEnd(40)} ${ms(r.lib.p50)} ${ms(r.lib.p95)} ${ms(r.raw.p50)} ${ms(r.raw.p95)} ${`${ratio.toFixed(2)}x`.padStart(10)} ${String(r.rows).padStart(5)}  ${pass ? "PASS" : "FAIL"}`);
    }
    console.log("");
    console.log(`bulk decision of ${fmt(BULK)} items, keep: ${keep.ms.toFixed(0)} ms (${(keep.ms / BULK).toFixed(2)} ms per item)`);
    console.log(`bulk decision of ${fmt(BULK)} items, remove (a REVOKE job each): ${remove.ms.toFixed(0)} ms (${(remove.ms / BULK).toFixed(2)} ms per item)`);
    console.log("");
    const sorted = [...perProject].sort((a, b) => a - b);
    console.log(`usage check, Harbor calls per project: min ${sorted[0]}, median ${sorted[Math.floor(sorted.length / 2)]}, mean ${(totalCalls / PROJECTS).toFixed(2)}, max ${sorted[sorted.length - 1]}; ${fmt(totalCalls)} calls for ${fmt(entries.reduce((a, b) => a + b, 0))} log entries`);
    const minimal = atMinimum === PROJECTS;
    results.push({ target: "usage check at max(1, ⌈entries / 100⌉) calls per project", pass: minimal, figure: `${atMinimum}/${PROJECTS}` });
    console.log(`  at the API's minimum for full 90-day counts, max(1, ⌈entries / 100⌉) with page_size 100: ${atMinimum} of ${PROJECTS} projects  ${minimal ? "PASS" : "FAIL"}`);
    console.log("");
    for (const [name, e] of [["report export, CSV", report], ["report export, JSON Lines", reportJsonl], ["grant export, CSV (existing)", grants]] as const) {
      const pass = e.rowsPerSecond >= 100_000;
      results.push({ target: name, pass, figure: `${fmt(e.rowsPerSecond)} rows/s` });
      console.log(`${name.padEnd(32)} ${fmt(e.rows).padStart(8)} rows  ${fmt(e.rowsPerSecond).padStart(9)} rows/s (best of 5)  ${pass ? "PASS" : "FAIL"}`);
    }
    console.log("");
    console.log(`total run: ${((performance.now() - started) / 1000).toFixed(1)} s; load average now ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} (${os.cpus().length} CPUs, shared with whatever else runs)`);
    const failed = results.filter((r) => !r.pass);
    console.log(failed.length === 0 ? `ALL ${results.length} TARGETS PASS` : `${failed.length} of ${results.length} targets FAIL: ${failed.map((f) => `${f.target} (${f.figure})`).join("; ")}`);
    if (failed.length) process.exitCode = 1;
  } finally {
    await emulator.close();
    await database.close();
    if (server) {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

try {
  await main();
} catch (error) {
  console.error(`bench:reviews failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
}
