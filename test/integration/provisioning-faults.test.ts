import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarborClient } from "../../lib/harbor";
import { retryJob } from "../../lib/provisioning/enqueue";
import type { Worker } from "../../lib/provisioning/worker";
import { ADMIN, activeProject, approve, approverCtx, jobState, provisioningEnv, runDue, waitFor, worker, type ProvisioningEnv } from "./fixtures/provisioning";

let env: ProvisioningEnv;

beforeAll(async () => {
  env = await provisioningEnv();
});
afterAll(async () => {
  await env?.close();
});

async function allDone(jobIds: string[], timeoutMs: number) {
  await waitFor(
    async () => {
      const jobs = await env.db.prisma.provisioningJob.findMany({ where: { id: { in: jobIds } }, select: { state: true } });
      if (jobs.some((j) => j.state === "FAILED")) throw new Error("a job failed");
      return jobs.every((j) => j.state === "SUCCEEDED");
    },
    "every job to succeed",
    timeoutMs,
  );
}

describe("a Harbor failing half of its calls", () => {
  it("converges with two workers and leaves no duplicate project, membership or robot", async () => {
    // No retries inside the client: every 503 reaches the job, which must retry and adopt what exists.
    const flaky = createHarborClient({ baseUrl: env.emulator.url, ...ADMIN, timeoutMs: 3000, maxRetries: 0 });
    const workers: Worker[] = [worker(env, { harbor: flaky, workerId: "w1" }), worker(env, { harbor: flaky, workerId: "w2" })];
    const names = ["alpha", "bravo", "charlie"];
    env.emulator.faults({ errorRate: 0.5, errorStatus: 503 });
    try {
      const projects = await Promise.all(names.map((name) => approve(env, "NEW_PROJECT", { projectName: name, ownerGroup: `${name}-devs`, template: "standard", quotaGiB: 1 })));
      // at 50% per call a job may need many attempts; the default of 8 would fail one now and then
      await env.db.prisma.provisioningJob.updateMany({ data: { maxAttempts: 40 } });
      await allDone(
        projects.map((p) => p.jobId),
        30_000,
      );
      const access = await Promise.all(
        names.flatMap((name) => [
          approve(env, "GROUP_ACCESS", { projectName: name, groupName: `${name}-readers`, roleId: 3, replacesGrantId: null, previousRoleId: null }, { endsAt: new Date(Date.now() + 86_400_000) }),
          approve(env, "ROBOT_ACCOUNT", {
            projectName: name,
            robotName: "ci",
            description: "",
            preset: "push-pull",
            permissions: [
              { resource: "repository", action: "pull" },
              { resource: "repository", action: "push" },
            ],
            lifetimeDays: 7,
          }),
        ]),
      );
      await env.db.prisma.provisioningJob.updateMany({ where: { state: { in: ["QUEUED", "RUNNING"] } }, data: { maxAttempts: 40 } });
      await allDone(
        access.map((a) => a.jobId),
        30_000,
      );
    } finally {
      env.emulator.faults({ errorRate: 0 });
      await Promise.all(workers.map((w) => w.stop()));
    }
    // the faults reached the jobs: steps failed and were retried
    expect(await env.db.prisma.auditEvent.count({ where: { action: "job.step.failed" } })).toBeGreaterThan(0);
    expect(await env.db.prisma.provisioningStep.count({ where: { attempts: { gt: 1 } } })).toBeGreaterThan(0);

    for (const name of names) {
      const project = await env.inspect.getProject(name);
      expect(project).not.toBeNull();
      expect((await env.inspect.listImmutableTagRules(name)).rules).toHaveLength(1);
      const members = (await env.inspect.listMembers(name)).members.filter((m) => m.entityType === "g");
      expect(members.map((m) => m.entityName).sort()).toEqual([`${name}-devs`, `${name}-readers`]);
      const robots = (await env.inspect.listProjectRobots(project!.projectId)).robots;
      expect(robots.map((r) => r.name)).toEqual([`robot$${name}+ci`]);
      const grants = await env.db.prisma.grant.findMany({ where: { projectName: name } });
      expect(grants).toHaveLength(3);
      expect(grants.every((g) => g.state === "ACTIVE")).toBe(true);
      const robotGrant = grants.find((g) => g.subjectType === "ROBOT")!;
      expect(robotGrant.harborRobotId).toBe(robots[0]!.id);
      // one sealed secret per robot request, even when the create was retried
      expect(await env.db.prisma.robotSecret.count({ where: { grantId: robotGrant.id } })).toBe(1);
    }
  });
});

describe("a refusal from Harbor", () => {
  let succeededJob: string;
  beforeAll(async () => {
    succeededJob = (await activeProject(env, "refusals")).jobId;
  });

  it("fails the job at once on a 4xx, and an approver's retry puts it back on the queue", async () => {
    const { requestId, jobId } = await approve(env, "ROBOT_ACCOUNT", {
      projectName: "refusals",
      robotName: "odd",
      description: "",
      preset: "custom",
      permissions: [{ resource: "repository", action: "teleport" }],
      lifetimeDays: 7,
    });
    env.emulator.resetStats();
    await runDue(env);
    expect(await jobState(env, jobId)).toBe("FAILED");
    expect(env.emulator.stats().byRoute).toEqual({ "POST /robots": 1 });
    const job = await env.db.prisma.provisioningJob.findUniqueOrThrow({ where: { id: jobId }, include: { steps: true } });
    expect(job.attempts).toBe(1);
    expect(job.lastError).toMatch(/400 BAD_REQUEST: bad request permission: repository:teleport/);
    expect(job.steps[0]).toMatchObject({ key: "robot.create", state: "FAILED", attempts: 1, error: job.lastError });
    expect(env.harborRequestIds.has(job.steps[0]!.harborRequestId!)).toBe(true);
    expect((await env.db.prisma.request.findUniqueOrThrow({ where: { id: requestId } })).state).toBe("FAILED");
    const failed = await env.db.prisma.auditEvent.findMany({ where: { requestId, action: { in: ["job.step.failed", "job.failed", "request.failed"] } }, orderBy: { seq: "asc" } });
    expect(failed.map((e) => e.action)).toEqual(["job.step.failed", "job.failed", "request.failed"]);
    expect(failed[0]!.harborRequestId).toBe(job.steps[0]!.harborRequestId);

    await env.db.prisma.$transaction((tx) => retryJob(tx, jobId, approverCtx));
    expect(await env.db.prisma.provisioningJob.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({ state: "QUEUED", attempts: 0 });
    expect((await env.db.prisma.request.findUniqueOrThrow({ where: { id: requestId } })).state).toBe("APPROVED");
    const retried = await env.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "job.retried", objectId: jobId } });
    expect(retried).toMatchObject({ actorType: "user", actorId: "bob" });
    expect(retried.after).toMatchObject({ state: "QUEUED", requestState: "APPROVED" });

    // the same refusal again: it ran once more, and failed once more
    await runDue(env);
    expect(await jobState(env, jobId)).toBe("FAILED");
    expect((await env.db.prisma.provisioningStep.findFirstOrThrow({ where: { jobId } })).attempts).toBe(2);
    await expect(env.db.prisma.$transaction((tx) => retryJob(tx, succeededJob, approverCtx))).rejects.toThrow(/only a failed job/i);
  });

  it("completes on retry once Harbor is healthy again, without repeating finished steps", async () => {
    env.emulator.faults({ errorRate: 1, errorStatus: 500 });
    const { requestId, jobId } = await approve(env, "GROUP_ACCESS", { projectName: "refusals", groupName: "late-joiners", roleId: 2, replacesGrantId: null, previousRoleId: null });
    try {
      await runDue(env);
    } finally {
      env.emulator.faults({ errorRate: 0 });
    }
    expect(await jobState(env, jobId)).toBe("FAILED");
    expect(await env.db.prisma.grant.findFirstOrThrow({ where: { requestId } })).toMatchObject({ state: "PENDING" });

    await env.db.prisma.$transaction((tx) => retryJob(tx, jobId, approverCtx));
    await runDue(env);
    expect(await jobState(env, jobId)).toBe("SUCCEEDED");
    expect(await env.db.prisma.grant.findFirstOrThrow({ where: { requestId } })).toMatchObject({ state: "ACTIVE" });
    expect((await env.db.prisma.request.findUniqueOrThrow({ where: { id: requestId } })).state).toBe("ACTIVE");
    expect((await env.inspect.listMembers("refusals", "late-joiners")).members).toHaveLength(1);
  });
});
