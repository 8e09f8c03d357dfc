import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DriftFinding } from "../../lib/core/drift";
import { driftOverview } from "../../lib/governance/queries";
import { runDriftChecks } from "../../lib/provisioning/drift-check";
import type { HarborClient } from "../../lib/harbor";
import { startScheduler } from "../../lib/background/scheduler";
import type { Worker } from "../../lib/provisioning/worker";
import { activeProject, approve, provisioningEnv, worker, type ProvisioningEnv } from "./fixtures/provisioning";

let env: ProvisioningEnv;
let w: Worker;
let projectId: string;
const INTERVAL = 600;
let clockMs = Date.now();
/** Each call moves the checks' clock past the interval, so every project is due again. */
const nextRound = () => {
  clockMs += (INTERVAL + 1) * 1000;
  return new Date(clockMs);
};
const check = (at: Date) => runDriftChecks({ db: env.db.prisma, harbor: env.harbor, intervalSeconds: INTERVAL, clock: () => at });
const stored = () => env.db.prisma.driftCheck.findUniqueOrThrow({ where: { projectId } });
const driftEvents = () => env.db.prisma.auditEvent.findMany({ where: { action: { startsWith: "project.drift." }, objectId: projectId }, orderBy: { seq: "asc" } });

beforeAll(async () => {
  env = await provisioningEnv({ pollIntervalMs: 60_000 });
  w = worker(env);
  await activeProject(env, "vault");
  projectId = (await env.db.prisma.project.findUniqueOrThrow({ where: { name: "vault" } })).id;
});
afterAll(async () => {
  await w?.stop();
  await env?.close();
});

describe("the background drift check", () => {
  it("finds nothing on a project as approved, records the check and writes no event", async () => {
    const at = nextRound();
    expect((await check(at)).outcomes).toEqual({ vault: "unchanged" });
    expect(await stored()).toMatchObject({ projectName: "vault", checkedAt: at, findingCount: 0, findings: [], since: null, failure: null });
    expect(await driftEvents()).toEqual([]);
  });

  it("does not check a project again before its interval is up", async () => {
    const at = new Date(clockMs + 1000);
    expect((await check(at)).outcomes).toEqual({});
  });

  it("finds a member added in Harbor behind Berth's back, once: one event, then nothing while it stays", async () => {
    await env.inspect.ensureGroupMember("vault", "shadow-team", 1);
    const at = nextRound();
    expect((await check(at)).outcomes).toEqual({ vault: "changed" });
    const finding: DriftFinding = { kind: "unexplained-member", name: "shadow-team", entityType: "group", roleName: "Project Admin" };
    expect(await stored()).toMatchObject({ checkedAt: at, findingCount: 1, findings: [finding], since: at });
    const [event] = await driftEvents();
    expect(event).toMatchObject({ action: "project.drift.found", actorType: "system", actorId: "scheduler", objectType: "project", projectName: "vault" });
    expect(event!.before).toEqual({ findings: [] });
    expect(event!.after).toEqual({ findings: [finding] });

    const later = nextRound();
    expect((await check(later)).outcomes).toEqual({ vault: "unchanged" });
    expect(await stored()).toMatchObject({ checkedAt: later, findingCount: 1, since: at });
    expect(await driftEvents()).toHaveLength(1);
  });

  it("keeps the last findings and records the failure when Harbor cannot be read", async () => {
    env.emulator.faults({ errorRate: 1, errorStatus: 503 });
    try {
      expect((await check(nextRound())).outcomes).toEqual({ vault: "failed" });
    } finally {
      env.emulator.faults({ errorRate: 0 });
    }
    const row = await stored();
    expect(row).toMatchObject({ findingCount: 1, failure: expect.stringMatching(/^[A-Z_]+$/) });
    expect(row.failedAt).not.toBeNull();
    expect(await driftEvents()).toHaveLength(1);
  });

  it("looks again next pass, without a verdict, while a job for the project is open", async () => {
    // approved but not yet run: the worker is stopped, so the job stays queued
    await w.stop();
    const { requestId } = await approve(env, "GROUP_ACCESS", { projectName: "vault", groupName: "qa-team", roleId: 3, replacesGrantId: null, previousRoleId: null });
    const at = nextRound();
    expect((await check(at)).outcomes).toEqual({ vault: "busy" });
    // due again at once, queued as if its claim had lapsed just now
    expect((await stored()).claimedAt).toEqual(new Date(at.getTime() - INTERVAL * 1000));
    // due at once, not after the interval
    expect((await check(new Date(clockMs + 1000))).outcomes).toEqual({ vault: "busy" });
    w = worker(env);
    await w.drain();
    expect((await env.db.prisma.grant.findFirstOrThrow({ where: { requestId } })).state).toBe("ACTIVE");
  });

  it("clears the finding when Harbor matches again: one event with the findings before and after", async () => {
    const [shadow] = (await env.inspect.listMembers("vault", "shadow-team")).members;
    await env.inspect.removeMember("vault", shadow!.id);
    const at = nextRound();
    expect((await check(at)).outcomes).toEqual({ vault: "changed" });
    expect(await stored()).toMatchObject({ findingCount: 0, findings: [], since: null, failure: null, failedAt: null });
    const events = await driftEvents();
    expect(events.map((e) => e.action)).toEqual(["project.drift.found", "project.drift.cleared"]);
    expect(events[1]!.after).toEqual({ findings: [] });
  });

  it("reports a project deleted in Harbor", async () => {
    await activeProject(env, "scratch", "qa-team");
    const scratch = (await env.db.prisma.project.findUniqueOrThrow({ where: { name: "scratch" } })).id;
    await env.inspect.deleteProject("scratch");
    const outcomes = (await check(nextRound())).outcomes;
    expect(outcomes).toEqual({ vault: "unchanged", scratch: "changed" });
    expect((await env.db.prisma.driftCheck.findUniqueOrThrow({ where: { projectId: scratch } })).findings).toEqual([{ kind: "missing-project", name: "scratch" }]);
  });

  it("checks each project once when several schedulers run at the same moment", async () => {
    // another session holds vault's row while two passes claim: both must pass over it, not queue up behind the
    // lock and then both take it
    const holder = await env.db.pool.connect();
    let passes;
    try {
      await holder.query("BEGIN");
      await holder.query(`SELECT 1 FROM "DriftCheck" WHERE "projectId" = $1 FOR UPDATE`, [projectId]);
      const at = nextRound();
      const running = Promise.all([check(at), check(at)]);
      await new Promise((r) => setTimeout(r, 300));
      await holder.query("COMMIT");
      passes = await running;
    } finally {
      holder.release();
    }
    expect(passes.flatMap((p) => Object.keys(p.outcomes)).sort()).toEqual(["scratch"]);
    // the next pass takes vault, once, however many run
    const at = new Date(clockMs + 1000);
    const again = await Promise.all(Array.from({ length: 4 }, () => check(at)));
    expect(again.flatMap((p) => Object.keys(p.outcomes))).toEqual(["vault"]);

  });

  it("drops a slow check's result when another scheduler has claimed the project again meanwhile", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let reached!: () => void;
    const reading = new Promise<void>((r) => (reached = r));
    const slow: HarborClient = {
      ...env.harbor,
      getProject: async (id) => {
        reached();
        await gate;
        return env.harbor.getProject(id);
      },
    };
    const first = nextRound();
    const stale = runDriftChecks({ db: env.db.prisma, harbor: slow, intervalSeconds: INTERVAL, clock: () => first, batch: 1 });
    await reading;
    // the first check hangs in Harbor past the interval; a second scheduler takes the project and finishes
    const second = nextRound();
    const fresh = await runDriftChecks({ db: env.db.prisma, harbor: env.harbor, intervalSeconds: INTERVAL, clock: () => second });
    release();
    const late = await stale;
    const [name] = Object.keys(late.outcomes);
    expect(Object.keys(fresh.outcomes)).toContain(name);
    expect(late.outcomes).toEqual({ [name!]: "superseded" });
    // the newer check's claim and result stand
    expect(await env.db.prisma.driftCheck.findFirstOrThrow({ where: { projectName: name! } })).toMatchObject({ claimedAt: second, checkedAt: second });
  });

  it("gives the approvers' home the counts, the worst projects first, and the unreadable ones apart", async () => {
    const finding: DriftFinding = { kind: "unexplained-robot", name: "robot$vault+stray" };
    await env.db.prisma.driftCheck.update({ where: { projectId }, data: { findings: [finding, finding], findingCount: 2, failure: null } });
    await env.db.prisma.driftCheck.updateMany({ where: { projectName: "scratch" }, data: { findings: [], findingCount: 0, failure: "UNAUTHORIZED", failedAt: new Date() } });
    const all = await driftOverview(env.db.pool);
    expect(all.checked).toBe(2);
    expect(all.differing).toMatchObject({ count: 1, projects: [{ projectName: "vault", findings: [finding, finding] }] });
    expect(all.unreadable).toMatchObject({ count: 1, projects: [{ projectName: "scratch", failure: "UNAUTHORIZED" }] });
    // a short list still counts everything
    await env.db.prisma.driftCheck.updateMany({ where: { projectName: "scratch" }, data: { findings: [finding], findingCount: 1 } });
    const one = await driftOverview(env.db.pool, 1);
    expect(one.differing.count).toBe(2);
    expect(one.differing.projects.map((p) => p.projectName)).toEqual(["vault"]);
    expect(one.unreadable.count).toBe(0);
  });

  it("keeps expiring on time while Harbor hangs: the drift check runs in its own loop", async () => {
    const hung: HarborClient = { ...env.harbor, getProject: () => new Promise(() => {}) };
    // a clock far enough ahead that every project is due for a drift check
    const scheduler = startScheduler({ db: env.db.prisma, harbor: hung, clock: () => new Date(clockMs + 10 * INTERVAL * 1000), config: { schedulerIntervalSeconds: 3600, driftCheckSeconds: INTERVAL } });
    try {
      const drift = scheduler.runDriftNow!();
      let driftDone = false;
      void drift.then(() => (driftDone = true));
      // the expiry pass answers while the drift check waits on Harbor
      expect(await scheduler.runNow()).toEqual({ expiryJobs: [], wipedSecrets: [] });
      await new Promise((r) => setTimeout(r, 200));
      expect(driftDone).toBe(false);
    } finally {
      const started = Date.now();
      await scheduler.stop();
      expect(Date.now() - started).toBeLessThan(10_000);
    }
    // with the check off, or without Harbor, there is no drift loop
    const off = startScheduler({ db: env.db.prisma, harbor: env.harbor, config: { schedulerIntervalSeconds: 3600, driftCheckSeconds: 0 } });
    const none = startScheduler({ db: env.db.prisma, config: { schedulerIntervalSeconds: 3600, driftCheckSeconds: 60 } });
    expect([off.runDriftNow, none.runDriftNow]).toEqual([null, null]);
    await Promise.all([off.stop(), none.stop()]);
  });
});
