// The client suite that runs against the emulator (client.test.ts) and, unchanged, against a real Harbor
// (client.real.test.ts). It only uses what a real Harbor offers: no emulator hooks in here.
import { afterAll, expect, it } from "vitest";
import type { HarborClient } from "../../lib/harbor/client";
import { HarborError } from "../../lib/harbor/errors";
import { readProjectUsage } from "../../lib/harbor/usage";

export interface SuiteTarget {
  baseUrl: string;
  /** The client under test, logged in as `username`. */
  client: HarborClient;
  username: string;
  /** Unique per run, so runs against a shared Harbor do not collide: lower case, digits and dashes. */
  prefix: string;
}

/** What Harbor's token service grants for `repository:<project>/probe:pull,push` with these credentials. */
export async function registryToken(baseUrl: string, username: string, secret: string, project: string): Promise<{ status: number; actions: string[] }> {
  const url = `${baseUrl}/service/token?service=harbor-registry&scope=${encodeURIComponent(`repository:${project}/probe:pull,push`)}`;
  const res = await fetch(url, { headers: { Authorization: `Basic ${Buffer.from(`${username}:${secret}`).toString("base64")}` } });
  if (res.status !== 200) return { status: res.status, actions: [] };
  const body = (await res.json()) as { token: string };
  const payload = JSON.parse(Buffer.from(body.token.split(".")[1] ?? "", "base64url").toString("utf8")) as { access?: { actions?: string[] }[] };
  return { status: 200, actions: payload.access?.[0]?.actions ?? [] };
}

async function rejection(p: Promise<unknown>): Promise<HarborError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof HarborError) return error;
    throw error;
  }
  throw new Error("expected a HarborError");
}

const GiB = 1024 ** 3;

/** Registers the suite's tests in the caller's `describe`; `target()` is read when each test runs. */
export function clientSuite(target: () => SuiteTarget) {
  const created: string[] = [];
  let n = 0;
  const projectName = () => {
    n += 1;
    const name = `${target().prefix}-p${n}`;
    created.push(name);
    return name;
  };
  const newProject = async (metadata: Record<string, string> = { public: "false" }) => {
    const name = projectName();
    const res = await target().client.ensureProject({ name, metadata, storageLimitBytes: 2 * GiB });
    return { name, id: res.projectId };
  };

  afterAll(async () => {
    // Best effort: leave a shared Harbor as we found it.
    for (const name of created) {
      const { client } = target();
      const project = await client.getProject(name).catch(() => null);
      if (!project) continue;
      const robots = await client.listProjectRobots(project.projectId).catch(() => ({ robots: [] }));
      for (const r of robots.robots) await client.deleteRobot(r.id).catch(() => undefined);
      await client.deleteProject(name).catch(() => undefined);
    }
  });

  it("checkAccount reads what the account may do: nothing Berth needs is missing", async () => {
    const { client, username } = target();
    const before = await client.checkAccount();
    expect(before.missing).toEqual([]);
    expect(before.kind).toBe(username.startsWith("robot$") ? "robot" : "admin");
    const { id } = await newProject();
    const check = await client.checkAccount({ projectId: id });
    expect(check).toMatchObject({ missing: [], projectId: id });
    // a robot's quota:update shows only by use; everything else was read
    expect(check.unverified.map((p) => `${p.scope} ${p.resource}:${p.action}`)).toEqual(check.kind === "robot" ? ["system quota:update"] : []);
  });

  it("answers ping, health and systeminfo", async () => {
    const { client } = target();
    await expect(client.ping()).resolves.toMatchObject({ pong: true, requestId: expect.any(String) });
    const health = await client.health();
    expect(["healthy", "unhealthy"]).toContain(health.status);
    expect(health.components.length).toBeGreaterThan(0);
    const info = await client.systemInfo();
    expect(info.authMode).toEqual(expect.any(String));
    expect(info.harborVersion).toMatch(/^v2\./);
  });

  it("ensureProject creates once, then adopts without a duplicate", async () => {
    const { client } = target();
    const name = projectName();
    const first = await client.ensureProject({ name, metadata: { public: "false", auto_scan: "true" }, storageLimitBytes: GiB });
    expect(first).toMatchObject({ created: true, metadataUpdated: false });
    expect(first.projectId).toBeGreaterThan(0);
    expect(first.requestIds).toEqual([first.requestId]);
    const second = await client.ensureProject({ name, metadata: { public: "false", auto_scan: "true" }, storageLimitBytes: GiB });
    expect(second).toMatchObject({ created: false, metadataUpdated: false, projectId: first.projectId });
    const project = await client.getProject(name);
    expect(project).toMatchObject({ projectId: first.projectId, name, metadata: { public: "false", auto_scan: "true" } });
  });

  it("ensureProject on an existing project puts only the metadata that differs", async () => {
    const { client } = target();
    const { name, id } = await newProject({ public: "false", severity: "low" });
    const res = await client.ensureProject({ name, metadata: { public: "false", severity: "high" }, storageLimitBytes: GiB });
    expect(res).toMatchObject({ created: false, metadataUpdated: true, projectId: id });
    expect(res.requestIds).toHaveLength(3);
    const project = await client.getProject(id);
    expect(project?.metadata).toMatchObject({ public: "false", severity: "high" });
  });

  it("addresses a numeric project name as a name, not as an id", async () => {
    const { client } = target();
    const name = `9${String(Date.now()).slice(-7)}${Math.floor(Math.random() * 90 + 10)}`;
    created.push(name);
    const res = await client.ensureProject({ name, metadata: { public: "false" }, storageLimitBytes: GiB });
    const byName = await client.getProject(name);
    expect(byName).toMatchObject({ name, projectId: res.projectId });
    await client.updateProjectMetadata(name, { auto_scan: "true" });
    expect((await client.getProject(res.projectId))?.metadata.auto_scan).toBe("true");
  });

  it("getProject and deleteProject treat a missing project as absent", async () => {
    const { client, prefix } = target();
    const missing = `${prefix}-missing`;
    await expect(client.getProject(missing)).resolves.toBeNull();
    await expect(client.projectExists(missing)).resolves.toMatchObject({ exists: false });
    const { name } = await newProject();
    await expect(client.projectExists(name)).resolves.toMatchObject({ exists: true });
    await expect(client.deleteProject(name)).resolves.toMatchObject({ deleted: true });
    await expect(client.deleteProject(name)).resolves.toMatchObject({ deleted: false });
    await expect(client.getProject(name)).resolves.toBeNull();
  });

  it("reads and sets the quota, and does not rewrite an equal limit", async () => {
    const { client } = target();
    const { id } = await newProject();
    const quota = await client.getQuota(id);
    expect(quota).toMatchObject({ hardBytes: 2 * GiB, usedBytes: 0 });
    await expect(client.setQuota(id, 5 * GiB)).resolves.toMatchObject({ changed: true, quotaId: quota?.id });
    expect((await client.getQuota(id))?.hardBytes).toBe(5 * GiB);
    await expect(client.setQuota(id, 5 * GiB)).resolves.toMatchObject({ changed: false });
    const tooBig = await rejection(client.setQuota(id, 2 * 1125899906842624));
    expect(tooBig).toMatchObject({ status: 400, code: "BAD_REQUEST", retryable: false });
  });

  it("ensureGroupMember adds an OIDC group once, then converges its role", async () => {
    const { client, prefix } = target();
    const { name } = await newProject();
    const group = `${prefix}-devs`;
    const first = await client.ensureGroupMember(name, group, 2);
    expect(first).toMatchObject({ created: true, roleChanged: false });
    const again = await client.ensureGroupMember(name, group, 2);
    expect(again).toMatchObject({ created: false, roleChanged: false, memberId: first.memberId });
    const changed = await client.ensureGroupMember(name, group, 3);
    expect(changed).toMatchObject({ created: false, roleChanged: true, memberId: first.memberId });
    const { members } = await client.listMembers(name, group);
    expect(members).toEqual([expect.objectContaining({ id: first.memberId, entityName: group, entityType: "g", roleId: 3, roleName: "guest" })]);
    await client.changeMemberRole(name, first.memberId, 4);
    expect((await client.listMembers(name, group)).members[0]).toMatchObject({ roleId: 4, roleName: "maintainer" });
    await expect(client.removeMember(name, first.memberId)).resolves.toMatchObject({ removed: true });
    expect((await client.listMembers(name, group)).members).toEqual([]);
    await expect(client.removeMember(name, first.memberId)).resolves.toMatchObject({ requestId: expect.any(String) });
  });

  it("creates a project robot whose secret is shown once and works at the token service", async () => {
    const { client, baseUrl } = target();
    const { name, id } = await newProject();
    const robot = await client.createRobot({ project: name, name: "ci", description: "CI pushes", durationDays: 30, permissions: [{ resource: "repository", action: "pull" }, { resource: "repository", action: "push" }] });
    expect(robot.name).toBe(`robot$${name}+ci`);
    expect(robot.secret.length).toBeGreaterThanOrEqual(8);
    expect(robot.expiresAt).toBeGreaterThan(Date.now() / 1000 + 29 * 86400);
    const got = await client.getRobot(robot.id);
    expect(got).toMatchObject({ id: robot.id, name: robot.name, level: "project", durationDays: 30, expiresAt: robot.expiresAt, disabled: false });
    expect(JSON.stringify(got)).not.toContain(robot.secret);
    const { robots } = await client.listProjectRobots(id);
    expect(robots.map((r) => r.id)).toEqual([robot.id]);
    const token = await registryToken(baseUrl, robot.name, robot.secret, name);
    expect(token.status).toBe(200);
    expect(token.actions.sort()).toEqual(["pull", "push"]);
    const duplicate = await rejection(client.createRobot({ project: name, name: "ci", durationDays: 30, permissions: [{ resource: "repository", action: "pull" }] }));
    expect(duplicate).toMatchObject({ status: 409, code: "CONFLICT" });
    await expect(client.deleteRobot(robot.id)).resolves.toMatchObject({ deleted: true });
    await expect(client.deleteRobot(robot.id)).resolves.toMatchObject({ deleted: false });
    await expect(client.getRobot(robot.id)).resolves.toBeNull();
  });

  it("refuses a permission Harbor does not know with 400 and does not retry", async () => {
    const { client } = target();
    const { name } = await newProject();
    const error = await rejection(client.createRobot({ project: name, name: "bad", durationDays: 7, permissions: [{ resource: "repository", action: "fly" }] }));
    expect(error).toMatchObject({ status: 400, code: "BAD_REQUEST", harborMessage: "bad request permission: repository:fly", retryable: false });
  });

  it("ensureRobot on an existing robot hands out a new working secret and kills the old one", async () => {
    const { client, baseUrl } = target();
    const { name, id } = await newProject();
    const input = { project: name, name: "deploy", durationDays: 10, permissions: [{ resource: "repository", action: "pull" }] };
    const first = await client.ensureRobot(input);
    expect(first).toMatchObject({ created: true, replaced: false });
    const second = await client.ensureRobot(input);
    expect(second).toMatchObject({ created: false, replaced: false, id: first.id });
    expect(second.secret).not.toBe(first.secret);
    expect((await registryToken(baseUrl, second.name, second.secret, name)).actions).toEqual(["pull"]);
    expect((await registryToken(baseUrl, first.name, first.secret, name)).status).toBe(401);
    expect((await client.listProjectRobots(id)).robots).toHaveLength(1);
  });

  it("rotates a secret (the old one stops working) and updates the duration", async () => {
    const { client, baseUrl } = target();
    const { name } = await newProject();
    const robot = await client.createRobot({ project: name, name: "rot", durationDays: 5, permissions: [{ resource: "repository", action: "pull" }] });
    const rotated = await client.rotateRobotSecret(robot.id);
    expect(rotated.secret).not.toBe(robot.secret);
    expect((await registryToken(baseUrl, robot.name, robot.secret, name)).status).toBe(401);
    expect((await registryToken(baseUrl, robot.name, rotated.secret, name)).status).toBe(200);
    const updated = await client.updateRobotDuration(robot.id, 9);
    // Harbor counts the new duration from the robot's creation, not from now.
    expect(Math.abs(updated.expiresAt - robot.expiresAt - 4 * 86400)).toBeLessThanOrEqual(2);
  });

  it("ensureImmutableTagRule posts once; the same rule again is a 409 that counts as done", async () => {
    const { client } = target();
    const { name } = await newProject();
    await expect(client.ensureImmutableTagRule(name, { tagPattern: "v*", repoPattern: "**" })).resolves.toMatchObject({ created: true });
    await expect(client.ensureImmutableTagRule(name, { tagPattern: "v*", repoPattern: "**" })).resolves.toMatchObject({ created: false });
    await client.ensureImmutableTagRule(name, { tagPattern: "release-*" });
    const { rules } = await client.listImmutableTagRules(name);
    expect(rules.map((r) => [r.tagPattern, r.repoPattern, r.tagDecoration, r.repoDecoration]).sort()).toEqual([
      ["release-*", "**", "matches", "repoMatches"],
      ["v*", "**", "matches", "repoMatches"],
    ]);
  });

  it("reads a project's audit log, filtered by Harbor, and the usage of a project nobody pulled from", async () => {
    const { client, username } = target();
    const { name } = await newProject();
    // Harbor writes audit entries from an asynchronous event handler: the creation shows up shortly after.
    await expect
      .poll(async () => (await client.listProjectAuditLogs(name, { operations: ["create"], resourceTypes: ["project"] })).entries.map((e) => [e.operation, e.resourceType, e.resource, e.username]), { timeout: 10_000, interval: 250 })
      .toEqual([["create", "project", name, username]]);
    const none = await client.listProjectAuditLogs(name, { resourceTypes: ["artifact"] });
    expect(none).toMatchObject({ entries: [], total: 0, last: true });
    const usage = await readProjectUsage(client, { project: name, from: new Date(Date.now() - 86_400_000) });
    expect(usage).toMatchObject({ status: "ok", pullsLogged: true, events: 0, subjects: [], calls: 1 });
  });

  it("reports Harbor's 4xx as one typed, non-retryable error carrying the request id", async () => {
    const { client } = target();
    const error = await rejection(client.ensureProject({ name: "Not_Valid", metadata: {}, storageLimitBytes: GiB }));
    expect(error).toBeInstanceOf(HarborError);
    expect(error).toMatchObject({ status: 400, code: "BAD_REQUEST", harborMessage: "project name is not in lower case or contains illegal characters", retryable: false, method: "POST", path: "/projects" });
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
}
