import { spawn, type ChildProcess } from "node:child_process";
import { TEST_AUDIT_SIGNING_KEY } from "../helpers/audit-keys";
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, parseEnv, setEnvForTests } from "../../lib/env";
import { executeAction, toActionError } from "../../lib/actions/define";
import { decideRequestAction, revealSecretAction, submitRequestAction } from "../../lib/actions/definitions";
import { createLogger, setLogger } from "../../lib/log";
import { principalOf } from "../helpers/principals";
import { createBerthAccount } from "../../dev/harbor-account";
import { DEMO_ROLE_GROUPS } from "../../dev/idp/users";
import { inheritedEnvironment } from "../../dev/tool-env";
import { freePort } from "../../dev/net";
import { approve, jobState, provisioningEnv, untilJob, waitFor, worker, type ProvisioningEnv } from "./fixtures/provisioning";
import type { Worker } from "../../lib/provisioning/worker";

// Web and worker tiers (issue 11, sections 3 and 4): a web process with BERTH_WORKER=off runs no job, the worker
// process listens on no port but its metrics port, both stop on a bad setting with the same message, and SIGTERM
// finishes or hands back a claimed job so that it is done exactly once.

const root = path.resolve(import.meta.dirname, "../..");
const LEASE_SECONDS = 30;

let env: ProvisioningEnv;
const children: ChildProcess[] = [];
let successor: Worker | undefined;

beforeAll(async () => {
  env = await provisioningEnv({ leaseSeconds: LEASE_SECONDS });
});
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  await successor?.stop({ graceMs: 0 });
  successor = undefined;
  env.emulator.faults({ latencyMs: 0 });
});
afterAll(async () => {
  await env?.close();
});

function settings(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: env.db.url,
    OIDC_ISSUER: "http://127.0.0.1:9/unused",
    OIDC_CLIENT_ID: "berth",
    OIDC_CLIENT_SECRET: "test-client-secret",
    NEXTAUTH_URL: "http://localhost:3000",
    NEXTAUTH_SECRET: "test-nextauth-secret-that-is-long-enough-0123456789",
    HARBOR_URL: env.emulator.url,
    HARBOR_USERNAME: "admin",
    HARBOR_PASSWORD: "Harbor12345",
    BERTH_SECRETS_KEY: env.config.secretsKey.toString("base64"),
    BERTH_AUDIT_SIGNING_KEY: TEST_AUDIT_SIGNING_KEY,
    BERTH_JOB_LEASE_SECONDS: String(LEASE_SECONDS),
    BERTH_SCHEDULER_INTERVAL_SECONDS: "3600",
    BERTH_DRIFT_CHECK_SECONDS: "0",
    BERTH_AUDIT_VERIFY_HOURS: "0",
    // these tests time a worker against Harbor's answers (SIGTERM while a call is in flight): keep it at the test
    // runner's priority, so the other test files cannot starve it (the nice value has its own test, startup-priority)
    BERTH_WORKER_NICE: "0",
    ...DEMO_ROLE_GROUPS,
    ...overrides,
  };
}

interface Proc {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** A tsx entry point as its own process (node with tsx's loader, so a signal reaches it and not a wrapper). */
function run(script: string, overrides: Record<string, string>): Proc {
  const child: ChildProcess = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(root, script)], {
    cwd: root,
    env: { PATH: inheritedEnvironment().PATH, NODE_ENV: "test", ...settings(overrides) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  // "close", not "exit": its output has then been read to the end
  const exited = new Promise<number | null>((resolve) => child.once("close", (code: number | null) => resolve(code)));
  return { child, output: () => out, exited };
}

/** The JSON log entries a process printed. */
function entries(p: Proc): Record<string, unknown>[] {
  return p
    .output()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

const ranJob = (p: Proc, jobId: string) => entries(p).some((e) => e.msg === "job succeeded" && e.jobId === jobId);
/** The process logs a job's success after its commit, so a running process's line may trail the database. */
const ranJobSoon = (p: Proc, jobId: string) => waitFor(async () => ranJob(p, jobId), `the log line of job ${jobId}`, 5_000, 25).then(() => true, () => false);

async function started(p: Proc, marker: RegExp) {
  await waitFor(async () => marker.test(p.output()) || p.child.exitCode !== null, `the process to start (${marker})`, 60_000, 50);
  if (!marker.test(p.output())) throw new Error(`the process exited early: ${p.output()}`);
}

/** TCP ports the process listens on (Linux): its socket inodes matched with the kernel's table of listening sockets. */
function listeningPorts(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]!);
    } catch {
      // closed meanwhile
    }
  }
  const ports: number[] = [];
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, "utf8").split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] === "0A" && inodes.has(cols[9]!)) ports.push(parseInt(cols[1]!.split(":")[1]!, 16));
    }
  }
  return ports;
}

const newProject = (name: string) => ({ projectName: name, ownerGroup: "sre", template: "standard" as const, quotaGiB: 1 });

async function stepsOf(jobId: string) {
  return env.db.prisma.provisioningStep.findMany({ where: { jobId }, orderBy: { ordinal: "asc" } });
}

function harborCreates(name: string) {
  const byRoute = env.emulator.stats().byRoute;
  return {
    projects: byRoute["POST /projects"] ?? 0,
    tagRules: byRoute["POST /projects/{project_name_or_id}/immutabletagrules"] ?? 0,
    members: byRoute["POST /projects/{project_name_or_id}/members"] ?? 0,
    name,
  };
}

describe("web and worker tiers", () => {
  it("a web process with BERTH_WORKER=off runs no job; with in-process it does", async () => {
    const { jobId } = await approve(env, "NEW_PROJECT", newProject("tier-web"));
    const web = run("test/integration/fixtures/web-background.ts", { BERTH_WORKER: "off" });
    await started(web, /^ready$/m);
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await jobState(env, jobId)).toBe("QUEUED");
    expect(web.output()).not.toMatch(/worker started/);
    web.child.kill("SIGTERM");
    expect(await web.exited).toBe(143);

    const inProcess = run("test/integration/fixtures/web-background.ts", { BERTH_WORKER: "in-process" });
    await started(inProcess, /^ready$/m);
    await untilJob(env, jobId, "SUCCEEDED", 20_000);
    expect(await ranJobSoon(inProcess, jobId)).toBe(true);
    inProcess.child.kill("SIGTERM");
    expect(await inProcess.exited).toBe(143);
  });

  it("the worker process runs jobs and listens on no port (it serves no pages)", async () => {
    const proc = run("scripts/worker.ts", {});
    await started(proc, /worker started/);
    const { jobId } = await approve(env, "NEW_PROJECT", newProject("tier-worker"));
    await untilJob(env, jobId, "SUCCEEDED", 20_000);
    expect(await ranJobSoon(proc, jobId)).toBe(true);
    expect(listeningPorts(proc.child.pid!)).toEqual([]);
    proc.child.kill("SIGTERM");
    expect(await proc.exited).toBe(0);
  });

  it("a SIGTERM while the worker is still starting (Harbor slow to answer the account check) stops it cleanly with 0", async () => {
    env.emulator.faults({ latencyMs: 3_000 });
    const proc = run("scripts/worker.ts", {});
    await started(proc, /worker starting/);
    proc.child.kill("SIGTERM");
    expect(await proc.exited).toBe(0);
    expect(entries(proc).map((e) => e.msg)).toContain("stopped");
    expect(proc.output()).not.toContain("worker started");
  });

  it("with a metrics token the worker listens on its metrics port alone, and answers nothing but /metrics", async () => {
    const port = await freePort();
    const token = "worker-metrics-token-0123456789";
    const proc = run("scripts/worker.ts", { BERTH_METRICS_TOKEN: token, BERTH_WORKER_METRICS_PORT: String(port) });
    await started(proc, /metrics listening/);
    const { jobId } = await approve(env, "NEW_PROJECT", newProject("tier-metrics"));
    await untilJob(env, jobId, "SUCCEEDED", 20_000);
    expect(listeningPorts(proc.child.pid!)).toEqual([port]);
    const get = (p: string, auth?: string) => fetch(`http://127.0.0.1:${port}${p}`, { headers: auth ? { authorization: auth } : {} });
    expect((await get("/")).status).toBe(404);
    expect((await get("/api/health")).status).toBe(404);
    expect((await get("/metrics")).status).toBe(401);
    expect((await get("/metrics", "Bearer wrong-token-wrong-token")).status).toBe(401);
    const res = await get("/metrics", `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const text = await res.text();
    expect(text).toMatch(/berth_job_duration_seconds_count\{flow="NEW_PROJECT",outcome="SUCCEEDED"\} 1/);
    expect(text).toMatch(/berth_harbor_request_duration_seconds_count\{operation="POST \/projects",status="201"\} 1/);
    expect(text).toMatch(/berth_state_up 1/);
    proc.child.kill("SIGTERM");
    expect(await proc.exited).toBe(0);
  });

  it("the worker refuses to start when Berth's Harbor robot lacks a permission it needs, naming it; the documented robot starts", async () => {
    // a project Berth manages, so the project permissions can be read
    const { jobId } = await approve(env, "NEW_PROJECT", newProject("tier-account"));
    successor = worker(env, { workerId: "project-maker" });
    await untilJob(env, jobId, "SUCCEEDED", 20_000);

    const lacking = await createBerthAccount(env.emulator.url, env.emulator.adminPassword, "berth-lacking", [{ resource: "immutable-tag", action: "create" }]);
    const refused = run("scripts/worker.ts", { HARBOR_USERNAME: lacking.username, HARBOR_PASSWORD: lacking.password });
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toContain(`Berth's Harbor account ${lacking.username} lacks permissions it needs: project immutable-tag:create.`);
    expect(refused.output()).not.toContain(lacking.password);

    const documented = await createBerthAccount(env.emulator.url, env.emulator.adminPassword, "berth-documented");
    const fine = run("scripts/worker.ts", { HARBOR_USERNAME: documented.username, HARBOR_PASSWORD: documented.password });
    await started(fine, /worker started/);
    expect(entries(fine).some((e) => e.level === "error")).toBe(false);
    fine.child.kill("SIGTERM");
    expect(await fine.exited).toBe(0);
  });

  it("web and worker read the same configuration: a bad setting stops both with the same message", async () => {
    let expected = "";
    try {
      parseEnv(settings({ HARBOR_TIMEOUT_MS: "soon" }));
    } catch (e) {
      expected = e instanceof ConfigError ? e.message : "";
    }
    expect(expected).toMatch(/HARBOR_TIMEOUT_MS/);
    const worker = run("scripts/worker.ts", { HARBOR_TIMEOUT_MS: "soon" });
    const web = run("test/integration/fixtures/web-background.ts", { HARBOR_TIMEOUT_MS: "soon" });
    expect(await worker.exited).toBe(1);
    expect(await web.exited).toBe(1);
    expect(worker.output()).toContain(expected);
    // the web server's line is JSON; the message inside it is the same text
    expect(web.output()).toContain(JSON.stringify(expected).slice(1, -1));
  });
});

describe("SIGTERM with a job claimed", () => {
  /** Starts `script`, approves a three-step project once it runs, and sends SIGTERM while the first step's Harbor call is in flight. */
  async function terminateMidJob(script: string, name: string, overrides: Record<string, string>) {
    const proc = run(script, overrides);
    await started(proc, /worker started/);
    env.emulator.resetStats();
    // every Harbor answer takes 700 ms: SIGTERM lands while the first step waits for Harbor
    env.emulator.faults({ latencyMs: 700 });
    const { jobId, requestId } = await approve(env, "NEW_PROJECT", newProject(name));
    await waitFor(async () => (await stepsOf(jobId))[0]?.state === "RUNNING" && (env.emulator.stats().byRoute["POST /projects"] ?? 0) > 0, "the first step's Harbor call", 20_000, 10);
    proc.child.kill("SIGTERM");
    return { proc, jobId, requestId };
  }

  async function doneOnce(jobId: string, requestId: string, name: string, jobAttempts: number) {
    const job = await env.db.prisma.provisioningJob.findUniqueOrThrow({ where: { id: jobId }, include: { steps: { orderBy: { ordinal: "asc" } } } });
    expect(job.state).toBe("SUCCEEDED");
    expect(job.attempts).toBe(jobAttempts);
    expect(job.steps.map((s) => [s.key, s.state, s.attempts])).toEqual([
      ["project.ensure", "SUCCEEDED", 1],
      ["tagrule.ensure", "SUCCEEDED", 1],
      ["member.ensure", "SUCCEEDED", 1],
    ]);
    expect(harborCreates(name)).toEqual({ projects: 1, tagRules: 1, members: 1, name });
    expect(await env.db.prisma.auditEvent.count({ where: { objectId: jobId, action: "job.step.succeeded" } })).toBe(3);
    expect((await env.db.prisma.grant.findFirstOrThrow({ where: { requestId } })).state).toBe("ACTIVE");
    return job;
  }

  it("the worker process finishes the job within the grace period, then exits 0", async () => {
    const { proc, jobId, requestId } = await terminateMidJob("scripts/worker.ts", "sigterm-finish", {});
    expect(await proc.exited).toBe(0);
    await doneOnce(jobId, requestId, "sigterm-finish", 1);
    expect(ranJob(proc, jobId)).toBe(true);
    expect(proc.output()).toMatch(/"msg":"stopped"/);
  });

  it("past the grace period the job goes back to the queue at the next step, and another worker takes it at once", async () => {
    const { proc, jobId, requestId } = await terminateMidJob("scripts/worker.ts", "sigterm-release", { BERTH_SHUTDOWN_GRACE_SECONDS: "0" });
    expect(await proc.exited).toBe(0);
    expect(proc.output()).toMatch(/job released to the queue/);
    const released = await env.db.prisma.provisioningJob.findUniqueOrThrow({ where: { id: jobId }, include: { steps: { orderBy: { ordinal: "asc" } } } });
    expect(released).toMatchObject({ state: "QUEUED", lockedBy: null, attempts: 0 });
    expect(released.steps.map((s) => s.state)).toEqual(["SUCCEEDED", "PENDING", "PENDING"]);
    env.emulator.faults({ latencyMs: 0 });
    const at = Date.now();
    successor = worker(env, { workerId: "successor" });
    await untilJob(env, jobId, "SUCCEEDED", 10_000);
    // at once, not after the 30 s lease
    expect(Date.now() - at).toBeLessThan(5_000);
    await doneOnce(jobId, requestId, "sigterm-release", 1);
    expect(ranJob(proc, jobId)).toBe(false);
  });

  it("the web server's in-process worker finishes the job, closes its pool, then lets Next.js exit", async () => {
    const { proc, jobId, requestId } = await terminateMidJob("test/integration/fixtures/web-background.ts", "sigterm-web", { BERTH_WORKER: "in-process" });
    expect(await proc.exited).toBe(143);
    await doneOnce(jobId, requestId, "sigterm-web", 1);
    expect(ranJob(proc, jobId)).toBe(true);
    const out = proc.output();
    expect(out.indexOf('"msg":"stopped"')).toBeGreaterThan(-1);
    expect(out.indexOf('"msg":"stopped"')).toBeLessThan(out.indexOf("next-like handler ran"));
  });
});

describe("logs of a full flow", () => {
  it("carry request and job ids and never a secret: approval, robot created, secret sealed, revealed", async () => {
    const token = "log-test-metrics-token-0123456789";
    const config = settings({ BERTH_WORKER: "off", BERTH_METRICS_TOKEN: token, BERTH_LOG_LEVEL: "debug" });
    setEnvForTests(config);
    // this process plays the web server: its log lines are kept here
    const webLines: string[] = [];
    setLogger(createLogger({ component: "web", level: "debug", destination: { write: (line: string) => void webLines.push(line) } }));
    const worker = run("scripts/worker.ts", { BERTH_LOG_LEVEL: "debug", BERTH_METRICS_TOKEN: token });
    await started(worker, /worker started/);

    const alice = principalOf("alice");
    const bob = principalOf("bob");
    const meta = (id: string) => ({ sourceIp: "127.0.0.1", userAgent: "vitest", portalRequestId: id, clientRequestId: null });
    const act = async <T>(result: Promise<{ ok: true; data: T } | { ok: false; error: string }>) => {
      const r = await result;
      if (!r.ok) throw new Error(r.error);
      return r.data;
    };
    const approveAndWait = async (input: Record<string, unknown>, n: number) => {
      const submitted = (await act(executeAction(submitRequestAction, alice, input, { db: env.db.prisma, meta: meta(`req-submit-${n}`) }))) as { id: string };
      await act(executeAction(decideRequestAction, bob, { requestId: submitted.id, decision: "APPROVE" }, { db: env.db.prisma, meta: meta(`req-approve-${n}`) }));
      const job = await env.db.prisma.provisioningJob.findFirstOrThrow({ where: { requestId: submitted.id } });
      await untilJob(env, job.id, "SUCCEEDED", 20_000);
      return { requestId: submitted.id, jobId: job.id };
    };
    const project = await approveAndWait({ kind: "NEW_PROJECT", projectName: "logged-proj", ownerGroup: "finance-devs", template: "standard", quotaGiB: 1, justification: "A project for the log test" }, 1);
    const robot = await approveAndWait({ kind: "ROBOT_ACCOUNT", projectName: "logged-proj", robotName: "logged-ci", preset: "push-pull", lifetimeDays: 30, justification: "CI pushes images" }, 2);
    const sealed = await env.db.prisma.robotSecret.findFirstOrThrow({ where: { requestId: robot.requestId } });
    const revealed = (await act(executeAction(revealSecretAction, alice, { requestId: robot.requestId }, { db: env.db.prisma, meta: meta("req-reveal") }))) as { secret: string; robotName: string };
    expect(revealed.secret.length).toBeGreaterThanOrEqual(8);
    // an action that fails unexpectedly is logged with the request id proxy.ts gave the call
    expect(toActionError(new Error("the database went away"), "decide-request", "req-failing").ok).toBe(false);
    expect(webLines.map((l) => JSON.parse(l) as Record<string, unknown>)).toContainEqual(expect.objectContaining({ msg: "action failed", action: "decide-request", requestId: "req-failing", component: "web" }));
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);

    const workerLog = worker.output();
    const all = `${workerLog}\n${webLines.join("")}`;
    // the logs are there: JSON lines with the job ids, Harbor's request ids and the robot's name
    expect(entries(worker).length).toBeGreaterThan(10);
    for (const jobId of [project.jobId, robot.jobId]) expect(entries(worker).some((e) => e.jobId === jobId && e.msg === "job succeeded")).toBe(true);
    expect(entries(worker).some((e) => e.msg === "harbor call" && e.method === "POST" && e.path === "/robots" && typeof e.harborRequestId === "string")).toBe(true);
    // and no secret is: the robot's, Berth's keys and passwords, in any encoding the code handles them in
    const secrets = {
      robotSecret: revealed.secret,
      robotSecretBase64: Buffer.from(revealed.secret).toString("base64"),
      sealedCiphertext: Buffer.from(sealed.ciphertext!).toString("base64"),
      sealedCiphertextHex: Buffer.from(sealed.ciphertext!).toString("hex"),
      secretsKey: config.BERTH_SECRETS_KEY!,
      harborPassword: config.HARBOR_PASSWORD!,
      harborBasicAuth: Buffer.from(`${config.HARBOR_USERNAME}:${config.HARBOR_PASSWORD}`).toString("base64"),
      nextauthSecret: config.NEXTAUTH_SECRET!,
      oidcClientSecret: config.OIDC_CLIENT_SECRET!,
      metricsToken: token,
    };
    const leaked = Object.entries(secrets).filter(([, value]) => all.includes(value)).map(([name]) => name);
    expect(leaked).toEqual([]);
  });
});
