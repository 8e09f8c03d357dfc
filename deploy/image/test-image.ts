// `npm run test:image`: builds the container image and runs every role of it against a PostgreSQL, the demo IdP
// and the Harbor emulator on this host; a real Chromium signs alice in, she asks for a project, bob approves it,
// and the project must appear in Harbor. Also checks non-root, read-only root filesystem, size, and the refusals.
import { spawnSync } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, expect, type Browser } from "@playwright/test";
import { startHarborEmulator, type HarborEmulator } from "../../dev/harbor-emulator";
import { startDemoIdp, type DemoIdp } from "../../dev/idp/server";
import { DEMO_ROLE_GROUPS } from "../../dev/idp/users";
import { freePort } from "../../dev/net";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../../dev/postgres";
import { requestNewProject, signIn, type DemoUser } from "../../e2e/helpers";
import { toolEnv } from "../../dev/tool-env";
import { createHarborClient } from "../../lib/harbor";
import { buildAll, DEFAULT_TAG } from "./build";
import { Phases, run, say } from "./tools";

const TAG = DEFAULT_TAG;
const PROJECT = "image-smoke";
// What podman needs on this kind of machine: runc (crun fails on its cgroups) and explicit ulimits (its defaults are refused).
const PODMAN_RUN = ["--runtime", "runc", "run", "--init", "--network", "host", "--ulimit", "nofile=20000:20000", "--ulimit", "nproc=32768:32768"];
// The production posture: nothing in the image is writable, /tmp is a small tmpfs.
const READ_ONLY = ["--read-only", "--read-only-tmpfs=false", "--tmpfs", "/tmp:rw,size=64m,mode=1777"];

interface Stack {
  work: string;
  db?: EmbeddedDatabase;
  idp?: DemoIdp;
  harbor?: HarborEmulator;
  browser?: Browser;
  containers: string[];
}

function check(condition: boolean, what: string, detail = "") {
  if (!condition) throw new Error(`FAILED: ${what}${detail ? `\n${detail}` : ""}`);
  say(`ok: ${what}`);
}

// Settings go in through a file (mode 600), so no secret shows on a command line.
function envFile(stack: Stack, name: string, env: Record<string, string>): string {
  const file = path.join(stack.work, `${name}.env`);
  fs.writeFileSync(file, Object.entries(env).map(([k, v]) => `${k}=${v}\n`).join(""), { mode: 0o600 });
  return file;
}

/** Runs the image to completion; returns its exit code and what it printed. */
function runOnce(stack: Stack, args: string[], env: Record<string, string>): { code: number; output: string } {
  try {
    return { code: 0, output: run("podman", [...PODMAN_RUN, "--rm", ...READ_ONLY, "--env-file", envFile(stack, "once", env), ...args]) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { code: Number(/exited with (\d+)/.exec(message)?.[1] ?? -1), output: message };
  }
}

function startContainer(stack: Stack, name: string, role: string, env: Record<string, string>) {
  stack.containers.push(name);
  run("podman", [...PODMAN_RUN, "--detach", "--name", name, ...READ_ONLY, "--env-file", envFile(stack, name, env), TAG, role]);
}

async function waitForHealth(url: string, container: string) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const status = await fetch(`${url}/api/health`).then((r) => r.status, () => 0);
    if (status === 200) return;
    if (run("podman", ["inspect", "--format", "{{.State.Running}}", container]).trim() !== "true") break;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the web container did not become healthy\n${logsOf(container).slice(-3000)}`);
}

/** What a container printed, on stdout and stderr. */
function logsOf(container: string): string {
  const result = spawnSync("podman", ["logs", container], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  return `${result.stdout}${result.stderr}`;
}

/** Runs a Node one-liner inside a running container. */
const nodeIn = (container: string, code: string) => run("podman", ["exec", container, "/nodejs/bin/node", "-e", code]).trim();

async function main(stack: Stack, phases: Phases) {
  const tool = toolEnv();
  const { size } = await buildAll(phases, { tag: TAG });
  check(size <= 200 * 1e6, `the image is ${(size / 1e6).toFixed(1)} MB unpacked (≤ 200 MB)`);

  await phases.time("start PostgreSQL, demo IdP and Harbor emulator on the host", async () => {
    [stack.db, stack.harbor] = await Promise.all([
      startEmbeddedPostgres({ dataDir: path.join(stack.work, "pg"), ephemeral: true, quiet: true }),
      startHarborEmulator({ port: 0 }),
    ]);
  });
  const port = await freePort();
  const portalUrl = `http://localhost:${port}`;
  const clientSecret = randomBytes(24).toString("base64url");
  stack.idp = await startDemoIdp({ port: await freePort(), portalUrl, clientId: "berth", clientSecret });
  const settings: Record<string, string> = {
    DATABASE_URL: stack.db!.url,
    OIDC_ISSUER: stack.idp.issuer,
    OIDC_CLIENT_ID: "berth",
    OIDC_CLIENT_SECRET: clientSecret,
    OIDC_DISPLAY_NAME: "the demo identity provider",
    NEXTAUTH_URL: portalUrl,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    HARBOR_URL: stack.harbor!.url,
    HARBOR_USERNAME: "admin",
    HARBOR_PASSWORD: stack.harbor!.adminPassword,
    BERTH_SECRETS_KEY: randomBytes(32).toString("base64"),
    BERTH_AUDIT_SIGNING_KEY: generateKeyPairSync("ed25519").privateKey.export({ format: "der", type: "pkcs8" }).toString("base64"),
    ...DEMO_ROLE_GROUPS,
    PORT: String(port),
    BERTH_SCHEDULER_INTERVAL_SECONDS: "2",
  };

  await phases.time("refusals: root without BERTH_ALLOW_ROOT, a bad setting", () => {
    const asRoot = runOnce(stack, ["--user", "0", TAG, "web"], settings);
    check(asRoot.code === 1 && /refusing to run as root/.test(asRoot.output) && /BERTH_ALLOW_ROOT=1/.test(asRoot.output), "as root without BERTH_ALLOW_ROOT=1 it refuses to start, naming the setting", asRoot.output);
    const bad = runOnce(stack, [TAG, "web"], { ...settings, HARBOR_TIMEOUT_MS: "soon" });
    check(bad.code === 1 && /HARBOR_TIMEOUT_MS: must be a whole number/.test(bad.output), "a bad setting (HARBOR_TIMEOUT_MS=soon) stops it with a message naming the variable", bad.output);
    const badUrl = runOnce(stack, [TAG, "migrate"], { DATABASE_URL: "mysql://db/berth" });
    check(badUrl.code === 1 && /DATABASE_URL: must be a postgresql:\/\/ connection string/.test(badUrl.output), "migrate with a bad DATABASE_URL names it", badUrl.output);
  });

  await phases.time("migrate role: prisma migrate deploy from the image", () => {
    // migrations run as the role that owns the schema; web and worker connect as the runtime role (docs/deploy.md)
    const first = runOnce(stack, [TAG, "migrate"], { DATABASE_URL: stack.db!.migrationUrl });
    check(first.code === 0 && /All migrations have been successfully applied/.test(first.output), "migrate applies every migration to an empty database", first.output);
    const again = runOnce(stack, ["--user", "0", TAG, "migrate"], { DATABASE_URL: stack.db!.migrationUrl, BERTH_ALLOW_ROOT: "1" });
    check(again.code === 0 && /No pending migrations to apply/.test(again.output), "with BERTH_ALLOW_ROOT=1 root may run it; a second migrate finds nothing to do", again.output);
  });

  const web = `berth-image-web-${process.pid}`;
  const worker = `berth-image-worker-${process.pid}`;
  await phases.time("start the web (BERTH_WORKER=off) and worker containers", async () => {
    startContainer(stack, web, "web", { ...settings, BERTH_WORKER: "off" });
    startContainer(stack, worker, "worker", settings);
    await waitForHealth(portalUrl, web);
  });

  await phases.time("container posture: non-root user, read-only root filesystem", () => {
    const uid = nodeIn(web, "process.stdout.write(String(process.getuid()))");
    check(uid !== "" && uid !== "0", `the web container runs as uid ${uid}, not root`);
    const write = nodeIn(web, "try { require('fs').writeFileSync('/app/written', 'x'); console.log('written') } catch (e) { console.log(e.code) }");
    check(write === "EROFS", `writing into /app fails with ${write} (read-only root filesystem)`);
    const tmp = nodeIn(web, "require('fs').writeFileSync('/tmp/t', 'x'); console.log('ok')");
    check(tmp === "ok", "/tmp (tmpfs) is writable");
    const version = nodeIn(worker, "process.stdout.write(process.version)");
    check(version.startsWith("v24."), `the image runs Node.js ${version}`);
  });

  await phases.time("browser: alice asks for a project, bob approves, Harbor has it", async () => {
    stack.browser = await chromium.launch({
      executablePath: tool.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    const as = async (user: DemoUser) => {
      const page = await (await stack.browser!.newContext({ baseURL: portalUrl })).newPage();
      page.setDefaultTimeout(20_000);
      await signIn(page, user);
      return page;
    };
    const alice = await as("alice");
    const requestUrl = await requestNewProject(alice, PROJECT, "5", "Smoke test of the container image");

    const bob = await as("bob");
    await bob.goto(requestUrl);
    await bob.getByRole("button", { name: "Approve", exact: true }).click();
    await bob.getByRole("alertdialog").getByRole("button", { name: "Approve", exact: true }).click();
    await expect(bob.getByTestId("request-state")).toHaveText(/Active/, { timeout: 30_000 });

    const harbor = createHarborClient({ baseUrl: stack.harbor!.url, username: "admin", password: stack.harbor!.adminPassword, timeoutMs: 5000 });
    const project = await harbor.getProject(PROJECT);
    check(project !== null, `Harbor has the project ${PROJECT}`);
    const groups = (await harbor.listMembers(PROJECT)).members.filter((m) => m.entityType === "g").map((m) => m.entityName);
    check(groups.includes("finance-devs"), "the owner group finance-devs is a member in Harbor");
    const workerLog = logsOf(worker);
    const webLog = logsOf(web);
    check(/job succeeded/.test(workerLog) && !/worker started|job succeeded/.test(webLog), "the worker container ran the job; the web container (BERTH_WORKER=off) ran none");
    check(!/EROFS|read-only file system/i.test(webLog + workerLog), "neither container tried to write to its read-only root filesystem", webLog + workerLog);
  });

  await phases.time("database unreachable: web and worker stay up, readiness says which", async () => {
    const down = { ...settings, DATABASE_URL: `postgresql://berth:x@127.0.0.1:${await freePort()}/berth`, PORT: String(await freePort()) };
    const [downWeb, downWorker] = [`${web}-nodb`, `${worker}-nodb`];
    startContainer(stack, downWeb, "web", down);
    startContainer(stack, downWorker, "worker", down);
    const deadline = Date.now() + 60_000;
    let ready: { status?: number; body?: { checks?: { database?: { ok: boolean; error?: string } } } } = {};
    while (Date.now() < deadline && ready.status !== 503) {
      ready = await fetch(`http://localhost:${down.PORT}/api/ready`).then(async (r) => ({ status: r.status, body: (await r.json()) as typeof ready.body }), () => ({}));
      if (ready.status !== 503) await new Promise((r) => setTimeout(r, 500));
    }
    check(ready.status === 503 && ready.body?.checks?.database?.ok === false, `/api/ready answers 503 with the database check failing (${ready.body?.checks?.database?.error ?? "no answer"})`);
    const live = await fetch(`http://localhost:${down.PORT}/api/health`).then((r) => r.status, () => 0);
    check(live === 200, `/api/health (liveness) still answers 200 while PostgreSQL is down, so the pod is not restarted (got ${live})`);
    await new Promise((r) => setTimeout(r, 3000));
    const running = [downWeb, downWorker].map((name) => run("podman", ["inspect", "--format", "{{.State.Running}}", name]).trim());
    const logs = logsOf(downWeb) + logsOf(downWorker);
    check(running.every((r) => r === "true") && !/\n\s+at /.test(logs), "web and worker keep running without a stack trace while PostgreSQL is unreachable", logs.slice(-2000));
  });

  await phases.time("audit-verify role", () => {
    const verify = runOnce(stack, [TAG, "audit-verify"], { DATABASE_URL: settings.DATABASE_URL!, BERTH_AUDIT_SIGNING_KEY: settings.BERTH_AUDIT_SIGNING_KEY! });
    check(verify.code === 0 && /OK: the chain is unbroken/.test(verify.output), "audit-verify walks the chain the flow wrote", verify.output);
  });
}

async function cleanUp(stack: Stack) {
  for (const name of stack.containers) {
    try {
      run("podman", ["rm", "--force", "--time", "2", name]);
    } catch (error) {
      say(`could not remove container ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  await stack.browser?.close().catch(() => {});
  await stack.idp?.close().catch(() => {});
  await stack.harbor?.close().catch(() => {});
  await stack.db?.stop().catch(() => {});
  fs.rmSync(stack.work, { recursive: true, force: true });
}

const stack: Stack = { work: fs.mkdtempSync(path.join(os.tmpdir(), "berth-image-test-")), containers: [] };
fs.chmodSync(stack.work, 0o777); // the embedded PostgreSQL runs as its own user when we are root
const phases = new Phases();
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    say(`${signal}: cleaning up`);
    void cleanUp(stack).finally(() => process.exit(1));
  });
}
let failed = false;
try {
  await main(stack, phases);
} catch (error) {
  failed = true;
  process.stderr.write(`[image] ${error instanceof Error ? error.message : String(error)}\n`);
} finally {
  await phases.time("clean up containers, services and temp files", () => cleanUp(stack));
}
phases.report();
say(failed ? "test:image FAILED" : "test:image passed");
process.exit(failed ? 1 : 0);
