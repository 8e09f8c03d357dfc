import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openRobotSecret } from "../../lib/provisioning/secrets";
import { enqueueForApprovedRequest } from "../../lib/provisioning/enqueue";
import { activeProject, approve, approvedRequest, approverCtx, jobState, provisioningEnv, registryLogin, runDue, type ProvisioningEnv } from "./fixtures/provisioning";

// Jobs run only when a test says so (runDue), so each test sees a job's plan and counts its Harbor calls.
let env: ProvisioningEnv;

beforeAll(async () => {
  env = await provisioningEnv();
});
afterAll(async () => {
  await env?.close();
});

async function stepsOf(jobId: string) {
  return env.db.prisma.provisioningStep.findMany({ where: { jobId }, orderBy: { ordinal: "asc" } });
}

async function eventsOf(jobId: string) {
  return env.db.prisma.auditEvent.findMany({ where: { objectType: "job", objectId: jobId }, orderBy: { seq: "asc" } });
}

/** Every step SUCCEEDED with an X-Request-Id Harbor answered with, and a job.step.succeeded event carrying the same id. */
async function expectRecordedWithRequestIds(jobId: string) {
  const steps = await stepsOf(jobId);
  const events = await eventsOf(jobId);
  for (const step of steps) {
    expect(step.state).toBe("SUCCEEDED");
    expect(env.harborRequestIds.has(step.harborRequestId ?? "")).toBe(true);
    const event = events.find((e) => e.action === "job.step.succeeded" && (e.after as { step: string }).step === step.key);
    expect(event?.harborRequestId).toBe(step.harborRequestId);
  }
  expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["job.queued", "job.succeeded"]));
}

describe("provisioning flows against the Harbor emulator", () => {
  it("creates a new project from its template: project, immutable tag rule, owner group as Maintainer", async () => {
    const { requestId, jobId } = await approve(env, "NEW_PROJECT", { projectName: "payments", ownerGroup: "finance-devs", template: "strict", quotaGiB: 5 });
    // the plan is visible before anything runs
    expect((await stepsOf(jobId)).map((s) => [s.key, s.state])).toEqual([
      ["project.ensure", "PENDING"],
      ["tagrule.ensure", "PENDING"],
      ["member.ensure", "PENDING"],
    ]);
    const pending = await env.db.prisma.project.findUniqueOrThrow({ where: { name: "payments" } });
    expect(pending.state).toBe("PROVISIONING");

    env.emulator.resetStats();
    await runDue(env);
    expect(await jobState(env, jobId)).toBe("SUCCEEDED");
    expect(env.emulator.stats().total).toBe(3);

    const project = await env.db.prisma.project.findUniqueOrThrow({ where: { name: "payments" } });
    expect(project.state).toBe("ACTIVE");
    const inHarbor = await env.inspect.getProject("payments");
    expect(inHarbor?.projectId).toBe(project.harborId);
    expect(inHarbor?.metadata).toMatchObject({ public: "false", auto_scan: "true", prevent_vul: "true", severity: "medium" });
    expect((await env.inspect.getQuota(project.harborId!))?.hardBytes).toBe(5 * 2 ** 30);
    const rules = (await env.inspect.listImmutableTagRules("payments")).rules;
    expect(rules).toMatchObject([{ tagPattern: "v*", repoPattern: "**", disabled: false }]);
    const members = (await env.inspect.listMembers("payments", "finance-devs")).members;
    expect(members).toMatchObject([{ entityName: "finance-devs", entityType: "g", roleId: 4 }]);

    const owner = await env.db.prisma.grant.findFirstOrThrow({ where: { requestId } });
    expect(owner).toMatchObject({ state: "ACTIVE", subjectName: "finance-devs", roleId: 4, endsAt: null, harborMemberId: members[0]!.id });
    expect((await env.db.prisma.request.findUniqueOrThrow({ where: { id: requestId } })).state).toBe("ACTIVE");

    const activated = await env.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "grant.activated", objectId: owner.id } });
    expect(activated).toMatchObject({ objectType: "grant", projectName: "payments", subject: "group:finance-devs", requestId, actorType: "system", actorId: "worker" });
    expect(activated.after).toMatchObject({ subjectType: "GROUP", subjectName: "finance-devs", roleId: 4, roleName: "Maintainer", endsAt: null, requestId, approvers: [{ id: "bob", name: "Bob Admin" }] });
    const actions = (await env.db.prisma.auditEvent.findMany({ where: { requestId }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions).toEqual([
      "job.queued",
      "request.provisioning",
      "job.step.succeeded",
      "job.step.succeeded",
      "job.step.succeeded",
      "project.created",
      "grant.activated",
      "request.active",
      "job.succeeded",
    ]);
    await expectRecordedWithRequestIds(jobId);
  });

  it("enqueues once per request however often the approval calls it", async () => {
    const requestId = await approvedRequest(env, "GROUP_ACCESS", { projectName: "payments", groupName: "ops-oncall", roleId: 3, replacesGrantId: null, previousRoleId: null });
    const approved = { action: "request.approved", objectType: "request" as const, objectId: requestId, requestId, projectName: "payments" };
    const jobs = await Promise.all([0, 1, 2].map(() => env.db.prisma.$transaction((tx) => enqueueForApprovedRequest(tx, requestId, approverCtx, { events: [approved] }))));
    expect(new Set(jobs.map((j) => j.jobId)).size).toBe(1);
    expect(jobs.filter((j) => j.created)).toHaveLength(1);
    // the caller's events go in the same append as job.queued, right before it
    const trail = await env.db.prisma.auditEvent.findMany({ where: { requestId }, orderBy: { seq: "asc" } });
    const queued = trail.findIndex((e) => e.action === "job.queued");
    expect(trail[queued - 1]?.action).toBe("request.approved");
    expect(trail.filter((e) => e.action === "request.approved")).toHaveLength(3);
    expect(await env.db.prisma.grant.count({ where: { requestId } })).toBe(1);
    await runDue(env);
    expect(await jobState(env, jobs[0]!.jobId)).toBe("SUCCEEDED");
  });

  it("grants group access with one Harbor call, then changes its role with one PUT on the same membership", async () => {
    const endsAt = new Date(Date.now() + 30 * 86_400_000);
    const first = await approve(env, "GROUP_ACCESS", { projectName: "payments", groupName: "payments-qa", roleId: 2, replacesGrantId: null, previousRoleId: null }, { endsAt });
    env.emulator.resetStats();
    await runDue(env);
    expect(env.emulator.stats().byRoute).toEqual({ "POST /projects/{project_name_or_id}/members": 1 });
    const grant = await env.db.prisma.grant.findFirstOrThrow({ where: { requestId: first.requestId } });
    expect(grant).toMatchObject({ state: "ACTIVE", roleId: 2, endsAt });
    expect(grant.harborMemberId).not.toBeNull();
    await expectRecordedWithRequestIds(first.jobId);

    const change = await approve(env, "GROUP_ACCESS", { projectName: "payments", groupName: "payments-qa", roleId: 4, replacesGrantId: grant.id, previousRoleId: 2 }, { endsAt });
    expect((await stepsOf(change.jobId)).map((s) => s.key)).toEqual(["member.role"]);
    env.emulator.resetStats();
    await runDue(env);
    expect(env.emulator.stats().byRoute).toEqual({ "PUT /projects/{project_name_or_id}/members/{mid}": 1 });

    const old = await env.db.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } });
    const next = await env.db.prisma.grant.findFirstOrThrow({ where: { requestId: change.requestId } });
    expect(old.state).toBe("SUPERSEDED");
    expect(old.endedAt).not.toBeNull();
    expect(next).toMatchObject({ state: "ACTIVE", roleId: 4, supersedesId: grant.id, harborMemberId: grant.harborMemberId });
    const members = (await env.inspect.listMembers("payments", "payments-qa")).members;
    expect(members).toMatchObject([{ id: grant.harborMemberId, roleId: 4 }]);
    const superseded = await env.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "grant.superseded", objectId: grant.id } });
    expect(superseded.after).toMatchObject({ supersededBy: next.id, endedAt: old.endedAt!.toISOString() });
    await expectRecordedWithRequestIds(change.jobId);
  });

  it("extends a group grant without calling Harbor, and records before and after", async () => {
    const grant = await env.db.prisma.grant.findFirstOrThrow({ where: { subjectName: "payments-qa", state: "ACTIVE" } });
    const newEndsAt = new Date(Date.now() + 60 * 86_400_000);
    const ext = await approve(env, "GRANT_EXTENSION", {
      projectName: "payments",
      grantId: grant.id,
      subjectType: "GROUP",
      subjectName: "payments-qa",
      previousEndsAt: grant.endsAt!.toISOString(),
      newEndsAt: newEndsAt.toISOString(),
    });
    expect(await stepsOf(ext.jobId)).toEqual([]);
    env.emulator.resetStats();
    await runDue(env);
    expect(env.emulator.stats().total).toBe(0);
    expect((await env.db.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } })).endsAt).toEqual(newEndsAt);
    const event = await env.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "grant.extended", objectId: grant.id } });
    expect(event.before).toEqual({ endsAt: grant.endsAt!.toISOString() });
    expect(event.after).toMatchObject({ endsAt: newEndsAt.toISOString() });
    // a job without steps moves its request PROVISIONING → ACTIVE in its one transaction, in that order
    expect((await env.db.prisma.request.findUniqueOrThrow({ where: { id: ext.requestId } })).state).toBe("ACTIVE");
    const moves = await env.db.prisma.auditEvent.findMany({ where: { requestId: ext.requestId, action: { in: ["request.provisioning", "request.active"] } }, orderBy: { seq: "asc" } });
    expect(moves.map((e) => e.action)).toEqual(["request.provisioning", "request.active"]);
  });

  it("changes a quota in Harbor and in Berth", async () => {
    const { jobId } = await approve(env, "QUOTA_CHANGE", { projectName: "payments", quotaGiB: 12, previousQuotaGiB: 5 });
    await runDue(env);
    expect(await jobState(env, jobId)).toBe("SUCCEEDED");
    const project = await env.db.prisma.project.findUniqueOrThrow({ where: { name: "payments" } });
    expect(project.quotaGiB).toBe(12);
    expect((await env.inspect.getQuota(project.harborId!))?.hardBytes).toBe(12 * 2 ** 30);
    await expectRecordedWithRequestIds(jobId);
  });
});

describe("robot accounts and their secrets", () => {
  let grantId: string;
  let robotName: string;
  let firstSecret: string;

  beforeAll(async () => {
    await activeProject(env, "builds");
  });

  async function revealLatest(requestId: string): Promise<string> {
    const row = await env.db.prisma.robotSecret.findFirstOrThrow({ where: { requestId }, orderBy: { createdAt: "desc" } });
    const secret = openRobotSecret(row, env.config.secretsKey);
    if (!secret) throw new Error("no sealed secret");
    return secret;
  }

  async function plaintextAnywhere(secret: string): Promise<string[]> {
    const tables = await env.db.pool.query<{ tablename: string }>("select tablename from pg_tables where schemaname = 'public'");
    const hex = Buffer.from(secret).toString("hex");
    const found: string[] = [];
    for (const { tablename } of tables.rows) {
      const hit = await env.db.pool.query(`select 1 from "${tablename}" t where t::text like $1 or t::text like $2 limit 1`, [`%${secret}%`, `%${hex}%`]);
      if (hit.rowCount) found.push(tablename);
    }
    return found;
  }

  it("creates a robot and seals its secret in the step's own transaction: no plaintext anywhere in the database", async () => {
    const { requestId, jobId } = await approve(env, "ROBOT_ACCOUNT", {
      projectName: "builds",
      robotName: "ci",
      description: "CI pipeline",
      preset: "push-pull",
      permissions: [
        { resource: "repository", action: "pull" },
        { resource: "repository", action: "push" },
      ],
      lifetimeDays: 30,
    });
    env.emulator.resetStats();
    await runDue(env);
    expect(await jobState(env, jobId)).toBe("SUCCEEDED");
    expect(env.emulator.stats().byRoute).toEqual({ "POST /robots": 1 });

    const grant = await env.db.prisma.grant.findFirstOrThrow({ where: { requestId } });
    grantId = grant.id;
    robotName = grant.harborRobotName!;
    expect(grant).toMatchObject({ state: "ACTIVE", subjectType: "ROBOT", harborRobotName: "robot$builds+ci" });
    const robot = await env.inspect.getRobot(grant.harborRobotId!);
    expect(grant.endsAt!.getTime()).toBe(robot!.expiresAt * 1000);
    expect(grant.endsAt!.getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);

    const row = await env.db.prisma.robotSecret.findFirstOrThrow({ where: { requestId } });
    expect(row).toMatchObject({ grantId: grant.id, robotName: "robot$builds+ci", revealedAt: null, wipedAt: null });
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(23 * 3600_000);
    firstSecret = await revealLatest(requestId);
    expect(firstSecret.length).toBeGreaterThanOrEqual(8);
    expect(await registryLogin(env, robotName, firstSecret)).toBe(200);
    expect(await plaintextAnywhere(firstSecret)).toEqual([]);
    // the scan itself finds what is there
    expect(await plaintextAnywhere("robot$builds+ci")).toEqual(expect.arrayContaining(["RobotSecret", "Grant", "AuditEvent"]));
    await expectRecordedWithRequestIds(jobId);
  });

  it("rotates: a new sealed secret that logs in, the old one no longer does", async () => {
    const grant = await env.db.prisma.grant.findUniqueOrThrow({ where: { id: grantId } });
    const { requestId, jobId } = await approve(env, "ROBOT_ROTATION", { projectName: "builds", grantId, robotName: "ci", harborRobotId: grant.harborRobotId });
    env.emulator.resetStats();
    await runDue(env);
    expect(await jobState(env, jobId)).toBe("SUCCEEDED");
    expect(env.emulator.stats().byRoute).toEqual({ "PATCH /robots/{robot_id}": 1 });

    const secret = await revealLatest(requestId);
    expect(secret).not.toBe(firstSecret);
    expect(await registryLogin(env, robotName, secret)).toBe(200);
    expect(await registryLogin(env, robotName, firstSecret)).toBe(401);
    expect(await plaintextAnywhere(secret)).toEqual([]);

    // the first secret's unrevealed copy is useless now and was erased
    const older = await env.db.prisma.robotSecret.findFirstOrThrow({ where: { grantId, requestId: { not: requestId } } });
    expect(older).toMatchObject({ ciphertext: null, iv: null, authTag: null });
    expect(older.wipedAt).not.toBeNull();
    expect(await env.db.prisma.grant.findUniqueOrThrow({ where: { id: grantId } })).toMatchObject({ state: "ACTIVE", harborRobotId: grant.harborRobotId, endsAt: grant.endsAt });
    const rotated = await env.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "robot.secret.rotated", requestId } });
    expect(rotated).toMatchObject({ subject: "robot:ci", projectName: "builds" });
    await expectRecordedWithRequestIds(jobId);
  });

  it("extends a robot in Harbor so that its expiry reaches the new end", async () => {
    const grant = await env.db.prisma.grant.findUniqueOrThrow({ where: { id: grantId } });
    const newEndsAt = new Date(grant.endsAt!.getTime() + 20 * 86_400_000 + 3600_000);
    const { jobId } = await approve(env, "GRANT_EXTENSION", {
      projectName: "builds",
      grantId,
      subjectType: "ROBOT",
      subjectName: "ci",
      previousEndsAt: grant.endsAt!.toISOString(),
      newEndsAt: newEndsAt.toISOString(),
    });
    await runDue(env);
    expect(await jobState(env, jobId)).toBe("SUCCEEDED");
    const robot = await env.inspect.getRobot(grant.harborRobotId!);
    expect(robot!.durationDays).toBe(51);
    expect(robot!.expiresAt * 1000).toBeGreaterThanOrEqual(newEndsAt.getTime());
    expect(robot!.expiresAt * 1000 - newEndsAt.getTime()).toBeLessThan(86_400_000);
    expect((await env.db.prisma.grant.findUniqueOrThrow({ where: { id: grantId } })).endsAt).toEqual(newEndsAt);
    await expectRecordedWithRequestIds(jobId);
  });
});
