import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createContractGuard } from "@/dev/harbor-emulator/contract-guard";
import { startHarborEmulator, type EmulatorExchange, type HarborEmulator, type SimulatedActivity } from "@/dev/harbor-emulator";
import { auditLogQuery } from "./audit-logs";
import { createHarborClient, type HarborClient } from "./client";
import { contractCheckedFetch } from "../../dev/harbor-emulator/contract";
import type { HarborClientOptions } from "./http";
import { BERTH_ACCOUNT_PERMISSIONS } from "./permissions";
import { readProjectUsage, usageVerdict, type ProjectUsageOptions } from "./usage";

const guard = createContractGuard();
const requestViolations: string[] = [];
const exchanges: EmulatorExchange[] = [];
const DAY = 86_400_000;
const LOG_ROUTE = "GET /projects/{project_name}/auditlog-exts";
let emulator: HarborEmulator;
let admin: HarborClient;
let berth: { username: string; password: string };
let now: number;

function options(extra: Partial<HarborClientOptions> = {}): HarborClientOptions {
  return { baseUrl: emulator.url, username: "admin", password: emulator.adminPassword, retryBaseMs: 1, timeoutMs: 2_000, fetch: contractCheckedFetch(requestViolations), ...extra };
}

const daysAgo = (n: number) => new Date(now - n * DAY);

/** A system robot holding exactly BERTH_ACCOUNT_PERMISSIONS (docs/harbor.md shows the same body; client.test.ts checks that). */
async function createAccount(name: string, project = BERTH_ACCOUNT_PERMISSIONS.project as readonly { resource: string; action: string }[]) {
  const allow = (list: readonly { resource: string; action: string }[]) => list.map((a) => ({ ...a, effect: "allow" }));
  const res = await fetch(`${emulator.url}/api/v2.0/robots`, {
    method: "POST",
    headers: { Authorization: `Basic ${Buffer.from(`admin:${emulator.adminPassword}`).toString("base64")}`, "Content-Type": "application/json" },
    body: JSON.stringify({
      name,
      level: "system",
      duration: 30,
      permissions: [
        { kind: "system", namespace: "/", access: allow(BERTH_ACCOUNT_PERMISSIONS.system) },
        { kind: "project", namespace: "*", access: allow(project) },
      ],
    }),
  });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { name: string; secret: string };
  return { username: body.name, password: body.secret };
}

const act = (project: string, a: Omit<SimulatedActivity, "at"> & { daysAgo: number }) => emulator.recordActivity(project, { ...a, at: daysAgo(a.daysAgo) });
const logCalls = () => emulator.stats().byRoute[LOG_ROUTE] ?? 0;

beforeAll(async () => {
  emulator = await startHarborEmulator({
    onExchange: (x) => {
      guard.onExchange(x);
      exchanges.push(x);
    },
  });
});

beforeEach(async () => {
  emulator.reset();
  now = Date.now();
  admin = createHarborClient(options());
  berth = await createAccount("berth");
  emulator.resetStats();
  exchanges.length = 0;
});

afterEach(() => {
  // Every request the client sent and every answer the emulator gave validate against Harbor's document.
  expect(requestViolations.splice(0)).toEqual([]);
  expect(guard.violations.splice(0)).toEqual([]);
});

afterAll(async () => {
  await emulator.close();
});

describe.each([
  ["admin", () => admin],
  ["Berth's least-privilege system robot", () => createHarborClient(options(berth))],
])("project usage as %s", (_who, client) => {
  async function payments() {
    await admin.ensureProject({ name: "payments", metadata: { public: "false" }, storageLimitBytes: -1 });
    // Lifecycle entries ("create" of a project or robot) must not count as pushes.
    await admin.createRobot({ project: "payments", name: "ci", durationDays: 30, permissions: [{ resource: "repository", action: "push" }] });
    act("payments", { username: "robot$payments+old", operation: "push", repository: "legacy", tag: "v0", daysAgo: 120 });
    act("payments", { username: "robot$payments+old", operation: "pull", repository: "legacy", tag: "v0", daysAgo: 91 });
    act("payments", { username: "robot$payments+ci", operation: "push", repository: "app", tag: "v1", daysAgo: 10 });
    act("payments", { username: "robot$payments+ci", operation: "push", repository: "app", tag: "v2", daysAgo: 2 });
    for (const d of [5, 4, 3]) act("payments", { username: "robot$payments+cluster", operation: "pull", repository: "app", tag: "v1", daysAgo: d });
    act("payments", { username: "alice", operation: "pull", repository: "app", daysAgo: 1 });
    emulator.resetStats();
    exchanges.length = 0;
  }

  it("counts pulls and pushes per username in the window, robots by full name, in one call", async () => {
    await payments();
    const usage = await readProjectUsage(client(), { project: "payments", from: daysAgo(90), to: new Date(now) });
    expect(usage).toMatchObject({ status: "ok", pullsLogged: true, covers: "all", complete: true, events: 6, calls: 1 });
    if (usage.status !== "ok") return;
    const iso = (d: number) => daysAgo(d).toISOString();
    expect(usage.subjects).toEqual([
      { username: "alice", kind: "user", pulls: 1, pushes: 0, lastPull: iso(1), lastPush: null },
      { username: "robot$payments+ci", kind: "robot", pulls: 0, pushes: 2, lastPull: null, lastPush: iso(2) },
      { username: "robot$payments+cluster", kind: "robot", pulls: 3, pushes: 0, lastPull: iso(3), lastPush: null },
    ]);
    expect(usage.requestIds).toHaveLength(1);
    expect(logCalls()).toBe(1);
    // Harbor did the filtering: operation, resource type and the window travel in q; page_size is 100.
    const sent = exchanges.find((x) => x.route === LOG_ROUTE);
    expect(sent?.query.get("page_size")).toBe("100");
    expect(decodeURIComponent(sent?.query.get("q") ?? "")).toBe(`operation={pull create},resource_type=artifact,op_time=[${usage.from.slice(0, 19).replace("T", " ")}~${usage.to.slice(0, 19).replace("T", " ")}]`);
    expect(usageVerdict(usage, "robot$payments+cluster")).toEqual({ verdict: "used", lastUsed: iso(3) });
    expect(usageVerdict(usage, "robot$payments+old")).toEqual({ verdict: "unused" });
  });

  it.each([
    [0, 1],
    [100, 1],
    [101, 2],
    [200, 2],
    [250, 3],
  ])("reads %i matching entries with %i call(s): max(1, ⌈n/100⌉), no empty last page", async (n, expected) => {
    await admin.ensureProject({ name: "busy", metadata: {}, storageLimitBytes: -1 });
    act("busy", { username: "robot$busy+ci", operation: "push", repository: "app", tag: "v1", daysAgo: 30 });
    if (n > 1) act("busy", { username: "robot$busy+cluster", operation: "pull", repository: "app", tag: "v1", daysAgo: 1, count: n - 1 });
    // Outside the window: must cost nothing.
    act("busy", { username: "robot$busy+cluster", operation: "pull", repository: "app", tag: "v1", daysAgo: 400, count: 150 });
    emulator.resetStats();
    const usage = await readProjectUsage(client(), { project: "busy", from: daysAgo(n === 0 ? 7 : 90) });
    expect(usage).toMatchObject({ status: "ok", calls: expected, events: n, complete: true });
    expect(logCalls()).toBe(expected);
    expect(emulator.stats().total).toBe(expected);
  });

  it("with usernames, lets Harbor filter them; with lastUseOnly, stops as soon as each has been seen", async () => {
    await admin.ensureProject({ name: "crowded", metadata: {}, storageLimitBytes: -1 });
    act("crowded", { username: "robot$crowded+ci", operation: "push", repository: "app", tag: "v1", daysAgo: 20 });
    act("crowded", { username: "robot$crowded+cluster", operation: "pull", repository: "app", tag: "v1", daysAgo: 1, count: 250 });
    emulator.resetStats();
    const ci = await readProjectUsage(client(), { project: "crowded", from: daysAgo(90), usernames: ["robot$crowded+ci"] });
    expect(ci).toMatchObject({ status: "ok", calls: 1, events: 1, covers: ["robot$crowded+ci"], subjects: [{ username: "robot$crowded+ci", pushes: 1 }] });
    expect(usageVerdict(ci, "robot$crowded+cluster")).toEqual({ verdict: "unknown", reason: "robot$crowded+cluster was not among the usernames read" });
    const full = await readProjectUsage(client(), { project: "crowded", from: daysAgo(90), usernames: ["robot$crowded+cluster"] });
    expect(full).toMatchObject({ status: "ok", calls: 3, complete: true, subjects: [{ pulls: 250 }] });
    const quick = await readProjectUsage(client(), { project: "crowded", from: daysAgo(90), usernames: ["robot$crowded+cluster"], lastUseOnly: true });
    expect(quick).toMatchObject({ status: "ok", calls: 1, complete: false, subjects: [{ pulls: 100, lastPull: daysAgo(1).toISOString() }] });
    // The oldest of the two is on the last page: lastUseOnly reads on until it is there.
    const both = await readProjectUsage(client(), { project: "crowded", from: daysAgo(90), usernames: ["robot$crowded+cluster", "robot$crowded+ci"], lastUseOnly: true });
    expect(both).toMatchObject({ status: "ok", calls: 3, complete: true });
    expect(logCalls()).toBe(1 + 3 + 1 + 3);
  });

  it("never reports unused when pulls are not logged, or nothing is", async () => {
    await admin.ensureProject({ name: "quiet", metadata: {}, storageLimitBytes: -1 });
    act("quiet", { username: "robot$quiet+ci", operation: "push", repository: "app", tag: "v1", daysAgo: 3 });
    emulator.auditLogging({ pullAuditLogDisable: true });
    expect(act("quiet", { username: "robot$quiet+cluster", operation: "pull", repository: "app", tag: "v1", daysAgo: 1 })).toBe(0);
    emulator.resetStats();
    exchanges.length = 0;
    // What Harbor's API shows is the same as "nobody pulled": only the declared setting tells the two apart.
    const undeclared = await readProjectUsage(client(), { project: "quiet", from: daysAgo(90) });
    expect(usageVerdict(undeclared, "robot$quiet+cluster")).toEqual({ verdict: "unused" });
    const declared = await readProjectUsage(client(), { project: "quiet", from: daysAgo(90), auditLogging: "pulls-off" });
    expect(declared).toMatchObject({ status: "ok", pullsLogged: false, calls: 1, subjects: [{ username: "robot$quiet+ci", pulls: null, pushes: 1, lastPull: null }] });
    expect(usageVerdict(declared, "robot$quiet+ci")).toMatchObject({ verdict: "used" });
    expect(usageVerdict(declared, "robot$quiet+cluster")).toEqual({ verdict: "unknown", reason: `no push by robot$quiet+cluster since ${declared.from}, and this Harbor does not log pulls` });
    expect(decodeURIComponent(exchanges.at(-1)?.query.get("q") ?? "")).toMatch(/^operation=create,resource_type=artifact,/);
    emulator.resetStats();
    const off = await readProjectUsage(client(), { project: "quiet", from: daysAgo(90), auditLogging: "off" });
    expect(off).toMatchObject({ status: "logging-off", calls: 0 });
    expect(usageVerdict(off, "robot$quiet+ci")).toEqual({ verdict: "unknown", reason: "this Harbor does not write pulls and pushes to its audit log database" });
    expect(emulator.stats().total).toBe(0);
  });

  it("tells a missing project apart from a refused one", async () => {
    const missing = await readProjectUsage(client(), { project: "ghost", from: daysAgo(90) });
    expect(missing).toMatchObject({ status: "project-not-found" });
    // Harbor answers a robot 403 for a missing project; one HEAD /projects tells it apart from a refusal.
    expect(missing.calls).toBe(client() === admin ? 1 : 2);
    expect(usageVerdict(missing, "robot$ghost+ci")).toEqual({ verdict: "unknown", reason: "project ghost is not in Harbor" });
  });

  it("reports Harbor being unreachable or failing mid-way as unavailable, never as partial figures", async () => {
    await admin.ensureProject({ name: "flaky", metadata: {}, storageLimitBytes: -1 });
    act("flaky", { username: "robot$flaky+cluster", operation: "push", repository: "app", tag: "v1", daysAgo: 1, count: 150 });
    const target = client();
    // The first page arrives; from then on Harbor answers 503.
    const flaky = createHarborClient(options({ ...(target === admin ? {} : berth), maxRetries: 0, onCall: () => emulator.faults({ errorRate: 1, errorStatus: 503 }) }));
    try {
      const usage = await readProjectUsage(flaky, { project: "flaky", from: daysAgo(90) });
      expect(usage).toMatchObject({ status: "unavailable", code: "SERVICE_UNAVAILABLE", calls: 2 });
      expect(usageVerdict(usage, "robot$flaky+cluster")).toMatchObject({ verdict: "unknown" });
    } finally {
      emulator.faults({ errorRate: 0 });
    }
  });
});

describe("project usage, other accounts and inputs", () => {
  it("says forbidden to an account without log:list, after checking the project exists", async () => {
    await admin.ensureProject({ name: "closed", metadata: {}, storageLimitBytes: -1 });
    const withoutLog = await createAccount(
      "no-logs",
      BERTH_ACCOUNT_PERMISSIONS.project.filter((p) => p.resource !== "log"),
    );
    emulator.resetStats();
    const usage = await readProjectUsage(createHarborClient(options(withoutLog)), { project: "closed", from: daysAgo(90) });
    expect(usage).toMatchObject({ status: "forbidden", calls: 2, reason: "Berth's Harbor account may not read this project's audit log (it needs log:list)" });
    expect(emulator.stats().byRoute).toEqual({ [LOG_ROUTE]: 1, "HEAD /projects": 1 });
    expect(usageVerdict(usage, "robot$closed+ci")).toMatchObject({ verdict: "unknown" });
  });

  it("says forbidden, in one call, when Harbor does not accept the credentials", async () => {
    const usage = await readProjectUsage(createHarborClient(options({ password: "wrong" })), { project: "any", from: daysAgo(90) });
    expect(usage).toMatchObject({ status: "forbidden", reason: "Harbor did not accept Berth's credentials", calls: 1 });
  });

  it("refuses bad input before calling Harbor", async () => {
    const bad: [Partial<ProjectUsageOptions>, string][] = [
      [{ project: "" }, "project name is required"],
      [{ from: new Date("nope") }, "from must be a valid Date"],
      [{ from: daysAgo(1), to: daysAgo(2) }, "from is after to"],
      [{ usernames: ["two words"] }, 'audit-log filter usernames: "two words" cannot be expressed in Harbor\'s q'],
      [{ usernames: ["a,b"] }, 'audit-log filter usernames: "a,b" cannot be expressed in Harbor\'s q'],
      [{ lastUseOnly: true }, "lastUseOnly needs the usernames to wait for"],
    ];
    for (const [o, message] of bad) {
      await expect(readProjectUsage(admin, { project: "p", from: daysAgo(90), ...o })).rejects.toThrow(new TypeError(message));
    }
    expect(emulator.stats().total).toBe(0);
  });

  it("builds Harbor's q: or-lists, a second escape for '+' and '%', times in UTC to the second", () => {
    expect(auditLogQuery({ operations: ["pull"], usernames: ["robot$a+b", "100%"], from: new Date("2026-01-02T03:04:05.678Z"), to: new Date("2026-02-01T00:00:00Z") })).toEqual({
      q: "operation=pull,username={robot$a%2Bb 100%25},op_time=[2026-01-02 03:04:05~2026-02-01 00:00:00]",
      sort: "-op_time,-id",
    });
    expect(auditLogQuery({ to: new Date("2026-02-01T00:00:00Z"), sort: ["username"] })).toEqual({ q: "op_time=[~2026-02-01 00:00:00]", sort: "username" });
    expect(auditLogQuery()).toEqual({ q: undefined, sort: "-op_time,-id" });
    expect(() => auditLogQuery({ operations: ["Pull"] })).toThrow(TypeError);
    expect(() => auditLogQuery({ resourceTypes: [] })).toThrow("audit-log filter resourceTypes must be a non-empty list");
    expect(() => auditLogQuery({ sort: ["op_time;drop"] })).toThrow(TypeError);
  });
});

describe("audit-log client calls", () => {
  it("reads one page of a project's log with Harbor's fields, and the event types as admin", async () => {
    await admin.ensureProject({ name: "one", metadata: {}, storageLimitBytes: -1 });
    act("one", { username: "robot$one+ci", operation: "push", repository: "app", tag: "v1", daysAgo: 1, count: 3 });
    const page = await admin.listProjectAuditLogs("one", { resourceTypes: ["artifact"] }, { page: 2, pageSize: 2 });
    expect(page).toMatchObject({ page: 2, total: 3, last: true, requestId: expect.any(String) });
    expect(page.entries).toEqual([
      { id: expect.any(Number), username: "robot$one+ci", operation: "create", resourceType: "artifact", resource: "one/app:v1", description: expect.stringMatching(/^push artifact: one\/app@sha256:/), success: true, opTime: daysAgo(1).toISOString() },
    ]);
    await expect(admin.listProjectAuditLogs("one", {}, { pageSize: 101 })).rejects.toThrow("page size must be 1 to 100");
    expect((await admin.listAuditLogEventTypes()).eventTypes).toContain("pull_artifact");
  });

  it("gets an empty system-wide log, not a 403, as a robot without audit-log:list; 403 for the event types", async () => {
    await admin.ensureProject({ name: "sys", metadata: {}, storageLimitBytes: -1 });
    act("sys", { username: "robot$sys+ci", operation: "push", repository: "app", daysAgo: 1 });
    const robot = createHarborClient(options(berth));
    expect(await robot.listAuditLogs({ resourceTypes: ["artifact"] })).toMatchObject({ entries: [], total: 0, last: true });
    expect((await admin.listAuditLogs({ resourceTypes: ["artifact"] })).entries).toHaveLength(1);
    await expect(robot.listAuditLogEventTypes()).rejects.toMatchObject({ status: 403, code: "FORBIDDEN" });
  });
});
