import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runOnce, type Worker } from "../../lib/provisioning/worker";
import { silentLogger } from "../../lib/log";
import { approve, provisioningEnv, untilJob, waitFor, worker, type ProvisioningEnv } from "./fixtures/provisioning";

const root = path.resolve(import.meta.dirname, "../..");
const LEASE_SECONDS = 2;

let env: ProvisioningEnv;
let child: ChildProcess | undefined;
let w: Worker | undefined;

beforeAll(async () => {
  env = await provisioningEnv({ leaseSeconds: LEASE_SECONDS });
});
afterAll(async () => {
  child?.kill("SIGKILL");
  await w?.stop();
  await env?.close();
});

function startChildWorker(): Promise<ChildProcess> {
  const args = { databaseUrl: env.db.url, harborUrl: env.emulator.url, secretsKey: env.config.secretsKey.toString("base64"), leaseSeconds: LEASE_SECONDS, workerId: "doomed" };
  // node itself with tsx's loader, not the tsx CLI: the CLI runs node as a child, which a SIGKILL would orphan
  const proc = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(root, "test/integration/fixtures/provisioning-worker.ts"), JSON.stringify(args)], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  proc.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    proc.stdout!.on("data", (c: Buffer) => {
      if (c.toString().includes("ready")) resolve(proc);
    });
    proc.on("exit", (code) => reject(new Error(`worker exited (${code}) before it was ready: ${stderr}`)));
  });
}

describe("a worker killed in the middle of a job", () => {
  it("loses nothing: after its lease runs out another worker resumes at the unfinished step, and Harbor has no duplicate", async () => {
    child = await startChildWorker();
    // Every Harbor answer takes 400 ms: the kill lands while the second step's call is in flight.
    env.emulator.faults({ latencyMs: 400 });
    const { requestId, jobId } = await approve(env, "NEW_PROJECT", { projectName: "resilient", ownerGroup: "sre", template: "standard", quotaGiB: 2 });

    // Kill once the first step is recorded and the second step's POST has reached Harbor (which answers 400 ms later).
    await waitFor(
      async () => {
        const steps = await env.db.prisma.provisioningStep.findMany({ where: { jobId }, orderBy: { ordinal: "asc" } });
        const inFlight = (env.emulator.stats().byRoute["POST /projects/{project_name_or_id}/immutabletagrules"] ?? 0) > 0;
        return steps[0]?.state === "SUCCEEDED" && steps[1]?.state === "RUNNING" && inFlight;
      },
      "the first step to be recorded and the second step's Harbor call to be in flight",
      20_000,
      10,
    );
    const exited = new Promise((resolve) => child!.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
    env.emulator.faults({ latencyMs: 0 });

    const orphan = await env.db.prisma.provisioningJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(orphan).toMatchObject({ state: "RUNNING", lockedBy: "doomed", attempts: 1 });
    // a live lease is respected: nobody takes the job before it runs out (the heartbeat kept it >1 s ahead)
    expect(orphan.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(await runOnce({ pool: env.db.pool, harbor: env.harbor, config: env.config, workerId: "early", clock: () => new Date(), log: silentLogger })).toBeNull();

    w = worker(env, { workerId: "rescuer" });
    await untilJob(env, jobId, "SUCCEEDED", 15_000);

    const job = await env.db.prisma.provisioningJob.findUniqueOrThrow({ where: { id: jobId }, include: { steps: { orderBy: { ordinal: "asc" } } } });
    expect(job.attempts).toBe(2);
    expect(job.steps.map((s) => [s.key, s.state, s.attempts])).toEqual([
      ["project.ensure", "SUCCEEDED", 1],
      ["tagrule.ensure", "SUCCEEDED", 2],
      ["member.ensure", "SUCCEEDED", 1],
    ]);

    // the killed worker's tag-rule POST reached Harbor; the re-run adopted it (409) instead of failing or duplicating
    expect(job.steps[1]!.result).toMatchObject({ created: false });

    // exactly one of everything in Harbor
    const project = await env.inspect.getProject("resilient");
    expect(project?.projectId).toBe((await env.db.prisma.project.findUniqueOrThrow({ where: { name: "resilient" } })).harborId);
    expect((await env.inspect.listImmutableTagRules("resilient")).rules).toHaveLength(1);
    expect((await env.inspect.listMembers("resilient")).members.filter((m) => m.entityType === "g")).toMatchObject([{ entityName: "sre", roleId: 4 }]);
    expect(await env.db.prisma.grant.findFirstOrThrow({ where: { requestId } })).toMatchObject({ state: "ACTIVE" });
    expect(await env.db.prisma.auditEvent.count({ where: { objectId: jobId, action: "job.step.succeeded" } })).toBe(3);
  });
});
