import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../../lib/core/errors";
import { enqueueRevocation } from "../../lib/provisioning/enqueue";
import { runSchedulerPass } from "../../lib/background/scheduler";
import { openRobotSecret } from "../../lib/provisioning/secrets";
import type { Worker } from "../../lib/provisioning/worker";
import { activeProject, approve, approverCtx, provisioningEnv, untilJob, worker, type ProvisioningEnv } from "./fixtures/provisioning";

let env: ProvisioningEnv;
let w: Worker;
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const later = (ms: number) => () => new Date(Date.now() + ms);

beforeAll(async () => {
  // Polling once a minute: anything picked up sooner was woken by NOTIFY.
  env = await provisioningEnv({ pollIntervalMs: 60_000 });
  w = worker(env);
  await activeProject(env, "ledger");
});
afterAll(async () => {
  await w?.stop();
  await env?.close();
});

async function groupGrant(groupName: string, endsAt: Date) {
  const { requestId } = await approve(env, "GROUP_ACCESS", { projectName: "ledger", groupName, roleId: 2, replacesGrantId: null, previousRoleId: null }, { endsAt });
  await w.drain();
  const grant = await env.db.prisma.grant.findFirstOrThrow({ where: { requestId } });
  expect(grant.state).toBe("ACTIVE");
  expect((await env.inspect.listMembers("ledger", groupName)).members).toHaveLength(1);
  return grant;
}

describe("expiry", () => {
  it("removes an expired membership from Harbor without anyone acting, and records it", async () => {
    const grant = await groupGrant("ext-auditors", new Date(Date.now() + 2 * HOUR));

    // not yet due
    expect((await runSchedulerPass({ db: env.db.prisma, clock: later(HOUR) })).expiryJobs).toEqual([]);
    // due: two passes (two replicas' schedulers) queue one job, which the worker picks up at once
    env.emulator.resetStats();
    const [a, b] = await Promise.all([runSchedulerPass({ db: env.db.prisma, clock: later(3 * HOUR) }), runSchedulerPass({ db: env.db.prisma, clock: later(3 * HOUR) })]);
    const jobs = [...a.expiryJobs, ...b.expiryJobs];
    expect(jobs).toHaveLength(1);
    const job = await env.db.prisma.provisioningJob.findUniqueOrThrow({ where: { id: jobs[0]! }, include: { steps: true } });
    expect(job).toMatchObject({ kind: "EXPIRE", grantId: grant.id });
    expect(job.steps.map((s) => s.key)).toEqual(["member.remove"]);

    await untilJob(env, job.id, "SUCCEEDED", 5_000);
    expect(env.emulator.stats().byRoute).toEqual({ "DELETE /projects/{project_name_or_id}/members/{mid}": 1 });
    expect((await env.inspect.listMembers("ledger", "ext-auditors")).members).toEqual([]);

    const ended = await env.db.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } });
    expect(ended).toMatchObject({ state: "EXPIRED", endedBy: "system:expiry", endReason: "end date reached" });
    expect((await env.db.prisma.request.findUniqueOrThrow({ where: { id: grant.requestId } })).state).toBe("EXPIRED");
    const event = await env.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "grant.expired", objectId: grant.id } });
    expect(event).toMatchObject({ actorType: "system", actorId: "expiry", objectType: "grant", projectName: "ledger", subject: "group:ext-auditors", requestId: grant.requestId });
    expect(event.after).toEqual({ endedAt: ended.endedAt!.toISOString(), endedBy: "system:expiry", reason: "end date reached" });
    const step = await env.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "job.step.succeeded", objectId: job.id } });
    expect(step.harborRequestId).toBeTruthy();
    expect(env.harborRequestIds.has(step.harborRequestId!)).toBe(true);
    expect(await env.db.prisma.auditEvent.count({ where: { action: "request.expired", requestId: grant.requestId } })).toBe(1);
  });

  it("never expires the project owner's grant (it has no end date)", async () => {
    const pass = await runSchedulerPass({ db: env.db.prisma, clock: later(10 * 365 * DAY) });
    expect(pass.expiryJobs).toEqual([]);
    const owner = await env.db.prisma.grant.findFirstOrThrow({ where: { projectName: "ledger", subjectName: "finance-devs" } });
    expect(owner).toMatchObject({ state: "ACTIVE", endsAt: null });
  });

  it("deletes an expired robot from Harbor", async () => {
    const { requestId } = await approve(env, "ROBOT_ACCOUNT", {
      projectName: "ledger",
      robotName: "nightly",
      description: "",
      preset: "pull",
      permissions: [{ resource: "repository", action: "pull" }],
      lifetimeDays: 1,
    });
    await w.drain();
    const grant = await env.db.prisma.grant.findFirstOrThrow({ where: { requestId } });
    expect(await env.inspect.getRobot(grant.harborRobotId!)).not.toBeNull();
    const [jobId] = (await runSchedulerPass({ db: env.db.prisma, clock: later(2 * DAY) })).expiryJobs;
    await untilJob(env, jobId!, "SUCCEEDED", 5_000);
    expect(await env.inspect.getRobot(grant.harborRobotId!)).toBeNull();
    expect((await env.db.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } })).state).toBe("EXPIRED");
    // its unrevealed secret went with it
    expect(await env.db.prisma.robotSecret.findFirstOrThrow({ where: { requestId } })).toMatchObject({ ciphertext: null });
  });
});

describe("revocation", () => {
  it("removes a membership at once: the worker is woken by NOTIFY, not by its once-a-minute poll", async () => {
    const grant = await groupGrant("ext-contractors", new Date(Date.now() + 30 * DAY));
    const started = Date.now();
    const { jobId } = await env.db.prisma.$transaction((tx) => enqueueRevocation(tx, grant.id, approverCtx, "contract ended early"));
    await untilJob(env, jobId, "SUCCEEDED", 5_000);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect((await env.inspect.listMembers("ledger", "ext-contractors")).members).toEqual([]);

    const ended = await env.db.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } });
    expect(ended).toMatchObject({ state: "REVOKED", endedBy: "bob", endReason: "contract ended early" });
    expect((await env.db.prisma.request.findUniqueOrThrow({ where: { id: grant.requestId } })).state).toBe("REVOKED");
    const queued = await env.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "job.queued", objectId: jobId } });
    expect(queued).toMatchObject({ actorType: "user", actorId: "bob" });
    const revoked = await env.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "grant.revoked", objectId: grant.id } });
    expect(revoked.after).toEqual({ endedAt: ended.endedAt!.toISOString(), endedBy: "bob", reason: "contract ended early" });
  });

  it("refuses to queue a second removal, or to remove what is no longer active", async () => {
    const grant = await groupGrant("ext-temps", new Date(Date.now() + 30 * DAY));
    await w.stop();
    try {
      await env.db.prisma.$transaction((tx) => enqueueRevocation(tx, grant.id, approverCtx, "first"));
      await expect(env.db.prisma.$transaction((tx) => enqueueRevocation(tx, grant.id, approverCtx, "second"))).rejects.toBeInstanceOf(DomainError);
      expect(await env.db.prisma.provisioningJob.count({ where: { grantId: grant.id, kind: "REVOKE" } })).toBe(1);
      // the scheduler leaves a grant alone while its removal is queued
      expect((await runSchedulerPass({ db: env.db.prisma, clock: later(60 * DAY) })).expiryJobs).toEqual([]);
    } finally {
      w = worker(env);
    }
    await w.drain();
    await expect(env.db.prisma.$transaction((tx) => enqueueRevocation(tx, grant.id, approverCtx, "again"))).rejects.toThrow(/revoked/);
  });
});

describe("secrets past their reveal window", () => {
  it("are wiped by the scheduler, with an event, and can no longer be opened", async () => {
    const { requestId } = await approve(env, "ROBOT_ACCOUNT", {
      projectName: "ledger",
      robotName: "deploy",
      description: "",
      preset: "pull",
      permissions: [{ resource: "repository", action: "pull" }],
      lifetimeDays: 30,
    });
    await w.drain();
    const row = await env.db.prisma.robotSecret.findFirstOrThrow({ where: { requestId } });
    expect(openRobotSecret(row, env.config.secretsKey)).toBeTruthy();

    expect((await runSchedulerPass({ db: env.db.prisma, clock: later(23 * HOUR) })).wipedSecrets).toEqual([]);
    const pass = await runSchedulerPass({ db: env.db.prisma, clock: later(25 * HOUR) });
    expect(pass.wipedSecrets).toEqual([row.id]);
    expect(pass.expiryJobs).toEqual([]);

    const wiped = await env.db.prisma.robotSecret.findUniqueOrThrow({ where: { id: row.id } });
    expect(wiped).toMatchObject({ ciphertext: null, iv: null, authTag: null, revealedAt: null });
    expect(wiped.wipedAt).not.toBeNull();
    expect(openRobotSecret(wiped, env.config.secretsKey)).toBeNull();
    const event = await env.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "robot.secret.wiped", objectId: row.id } });
    expect(event).toMatchObject({ actorType: "system", actorId: "scheduler", objectType: "secret", requestId, subject: "robot:deploy", projectName: "ledger" });
  });
});
