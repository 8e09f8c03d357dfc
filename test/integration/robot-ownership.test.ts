import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { berthRobotMarker } from "../../lib/core/names";
import { runDriftChecks } from "../../lib/provisioning/drift-check";
import { activeProject, approve, approvedRequest, enqueue, jobState, provisioningEnv, registryLogin, runDue, type ProvisioningEnv } from "./fixtures/provisioning";

// Issue 10, 1: a robot request never hands over a robot Berth does not manage; Berth's own, from a crashed run, is set
// to what was approved before a secret is issued.
let env: ProvisioningEnv;
beforeAll(async () => {
  env = await provisioningEnv();
  await activeProject(env, "supply");
});
afterAll(async () => env?.close());

const pullOnly = [{ resource: "repository", action: "pull" }];
const robotPayload = (robotName: string) => ({ projectName: "supply", robotName, description: "cluster pulls", preset: "pull" as const, permissions: pullOnly, lifetimeDays: 30 });

async function harborRobot(name: string) {
  const project = await env.inspect.getProject("supply");
  const list = await env.inspect.listProjectRobots(project!.projectId);
  return list.robots.find((r) => r.name === `robot$supply+${name}`) ?? null;
}

describe("robots Berth does not manage", () => {
  it("fails the job with a clear message and leaves the foreign robot as it was", async () => {
    // someone made robot$supply+deployer in Harbor directly, with far more than pull
    const foreign = await env.inspect.createRobot({ project: "supply", name: "deployer", description: "made by hand", durationDays: 365, permissions: [...pullOnly, { resource: "member", action: "create" }] });
    const before = await env.inspect.getRobot(foreign.id);

    const { requestId, jobId } = await approve(env, "ROBOT_ACCOUNT", robotPayload("deployer"));
    await runDue(env);
    expect(await jobState(env, jobId)).toBe("FAILED");
    const job = await env.db.prisma.provisioningJob.findUniqueOrThrow({ where: { id: jobId }, include: { steps: true } });
    expect(job.lastError).toMatch(/a robot with this name \(robot\$supply\+deployer\) exists in Harbor and is not managed by Berth/);
    expect(job.steps[0]).toMatchObject({ key: "robot.create", state: "FAILED" });
    expect((await env.db.prisma.request.findUniqueOrThrow({ where: { id: requestId } })).state).toBe("FAILED");

    // nothing was handed over: no secret sealed, the foreign robot kept its permissions, expiry and working secret
    expect(await env.db.prisma.robotSecret.count({ where: { requestId } })).toBe(0);
    const after = await env.inspect.getRobot(foreign.id);
    expect(after?.permissions).toEqual(before?.permissions);
    expect(after?.expiresAt).toBe(before?.expiresAt);
    expect(await registryLogin(env, foreign.name, foreign.secret)).toBe(200);
  });
});

describe("Berth's own robot after a crash", () => {
  it("is adopted, set back to the approved permissions and expiry, then given a new secret", async () => {
    const requestId = await approvedRequest(env, "ROBOT_ACCOUNT", robotPayload("puller"));
    const jobId = await enqueue(env, requestId);
    const grant = await env.db.prisma.grant.findFirstOrThrow({ where: { requestId } });
    // a run created the robot and died before recording it; meanwhile someone widened it in Harbor
    const stray = await env.inspect.createRobot({ project: "supply", name: "puller", description: `cluster pulls ${berthRobotMarker(grant.id)}`, durationDays: 3650, permissions: [...pullOnly, { resource: "robot", action: "create" }] });

    await runDue(env);
    expect(await jobState(env, jobId)).toBe("SUCCEEDED");
    const robot = await harborRobot("puller");
    expect(robot?.id).toBe(stray.id);
    expect(robot?.permissions[0]?.access.map((a) => `${a.resource}:${a.action}`)).toEqual(["repository:pull"]);
    expect(robot?.durationDays).toBe(30);
    const active = await env.db.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } });
    expect(active).toMatchObject({ state: "ACTIVE", harborRobotId: stray.id });
    expect(active.endsAt!.getTime()).toBe(robot!.expiresAt * 1000);
    // the secret the crashed run received no longer works; the sealed new one does
    expect(await registryLogin(env, stray.name, stray.secret)).toBe(401);
    const step = await env.db.prisma.provisioningStep.findFirstOrThrow({ where: { jobId } });
    expect(step.result).toMatchObject({ created: false, reconciled: true });
  });
});

describe("the drift check on robots (issue 10, 1)", () => {
  it("reports a robot whose permissions or expiry someone changed in Harbor", async () => {
    const { requestId, jobId } = await approve(env, "ROBOT_ACCOUNT", robotPayload("scanner"));
    await runDue(env);
    expect(await jobState(env, jobId)).toBe("SUCCEEDED");
    const grant = await env.db.prisma.grant.findFirstOrThrow({ where: { requestId } });
    const check = (at: Date) => runDriftChecks({ db: env.db.prisma, harbor: env.harbor, intervalSeconds: 60, clock: () => at });
    expect((await check(new Date(Date.now() + 120_000))).outcomes.supply).toBe("unchanged");

    // someone widens the robot and lets it live forever, through Harbor's own API
    const auth = `Basic ${Buffer.from("admin:Harbor12345").toString("base64")}`;
    const url = `${env.emulator.url}/api/v2.0/robots/${grant.harborRobotId}`;
    const current = (await (await fetch(url, { headers: { authorization: auth } })).json()) as { permissions: { access: { resource: string; action: string; effect: string }[] }[] };
    current.permissions[0]!.access.push({ resource: "member", action: "create", effect: "allow" });
    const put = await fetch(url, { method: "PUT", headers: { authorization: auth, "content-type": "application/json" }, body: JSON.stringify({ ...current, duration: -1 }) });
    expect(put.status).toBe(200);

    expect((await check(new Date(Date.now() + 240_000))).outcomes.supply).toBe("changed");
    const stored = await env.db.prisma.driftCheck.findFirstOrThrow({ where: { projectName: "supply" } });
    expect((stored.findings as { kind: string; name: string }[]).filter((f) => f.name === "robot$supply+scanner").map((f) => f.kind).sort()).toEqual(["robot-expiry-differs", "robot-permissions-differ"]);
  });
});
