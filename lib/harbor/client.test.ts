import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createContractGuard } from "@/dev/harbor-emulator/contract-guard";
import { startHarborEmulator, type EmulatorExchange, type HarborEmulator } from "@/dev/harbor-emulator";
import { createHarborClient, type HarborClient } from "./client";
import { clientSuite, type SuiteTarget } from "../../test/harbor/client-suite";
import { contractCheckedFetch } from "../../dev/harbor-emulator/contract";
import { HarborError } from "./errors";
import type { HarborCall, HarborClientOptions } from "./http";
import { BERTH_ACCOUNT_PERMISSIONS } from "./permissions";
import { describePermissions } from "./account";

const guard = createContractGuard();
const requestViolations: string[] = [];
const exchanges: EmulatorExchange[] = [];
let emulator: HarborEmulator;

function options(extra: Partial<HarborClientOptions> = {}): HarborClientOptions {
  return {
    baseUrl: emulator.url,
    username: "admin",
    password: emulator.adminPassword,
    retryBaseMs: 1,
    timeoutMs: 2_000,
    fetch: contractCheckedFetch(requestViolations),
    ...extra,
  };
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

/** The robot-creation body docs/harbor.md tells admins to send for Berth's own account. */
function documentedAccountBody(): { permissions: { kind: string; namespace: string; access: { resource: string; action: string; effect: string }[] }[] } {
  const doc = fs.readFileSync(path.join(import.meta.dirname, "../../docs/harbor.md"), "utf8");
  const body = doc.match(/api\/v2\.0\/robots -d '(\{[\s\S]*?\})'/)?.[1];
  if (!body) throw new Error("docs/harbor.md no longer shows the robot-creation command");
  return JSON.parse(body) as ReturnType<typeof documentedAccountBody>;
}

/** Berth's own account exactly as docs/harbor.md creates it. */
async function createBerthAccount(): Promise<{ username: string; password: string }> {
  const res = await fetch(`${emulator.url}/api/v2.0/robots`, {
    method: "POST",
    headers: { Authorization: `Basic ${Buffer.from(`admin:${emulator.adminPassword}`).toString("base64")}`, "Content-Type": "application/json" },
    body: JSON.stringify(documentedAccountBody()),
  });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { name: string; secret: string };
  return { username: body.name, password: body.secret };
}

beforeAll(async () => {
  emulator = await startHarborEmulator({
    onExchange: (x) => {
      guard.onExchange(x);
      exchanges.push(x);
    },
  });
});

afterAll(async () => {
  expect(guard.checked()).toBeGreaterThan(100);
  await emulator.close();
});

beforeEach(() => {
  exchanges.length = 0;
});

afterEach(() => {
  emulator.faults({ latencyMs: 0, errorRate: 0, timeoutRate: 0, down: false });
  // Contract: every request the client sent and every answer the emulator gave validate against Harbor's document.
  expect(requestViolations.splice(0)).toEqual([]);
  expect(guard.violations.splice(0)).toEqual([]);
});

describe("client suite against the emulator, as admin", () => {
  clientSuite(() => ({ baseUrl: emulator.url, client: createHarborClient(options()), username: "admin", prefix: "adm" }));
});

it("documents Berth's account with exactly BERTH_ACCOUNT_PERMISSIONS", () => {
  const allow = (list: readonly { resource: string; action: string }[]) => list.map((a) => ({ ...a, effect: "allow" }));
  expect(documentedAccountBody().permissions).toEqual([
    { kind: "system", namespace: "/", access: allow(BERTH_ACCOUNT_PERMISSIONS.system) },
    { kind: "project", namespace: "*", access: allow(BERTH_ACCOUNT_PERMISSIONS.project) },
  ]);
});

describe("client suite against the emulator, as Berth's least-privilege system robot", () => {
  let target: SuiteTarget;
  beforeAll(async () => {
    const account = await createBerthAccount();
    target = { baseUrl: emulator.url, client: createHarborClient(options(account)), username: account.username, prefix: "bot" };
  });
  clientSuite(() => target);
});

describe("Berth's account check", () => {
  it("names what a robot lacks, in the system and in a project", async () => {
    const admin = createHarborClient(options());
    const project = await admin.ensureProject({ name: "checked", metadata: {}, storageLimitBytes: -1 });
    const body = documentedAccountBody();
    // the documented account without system quota:list and project immutable-tag:create (project:delete at * also covers every delete)
    body.permissions[0]!.access = body.permissions[0]!.access.filter((a) => !(a.resource === "quota" && a.action === "list"));
    body.permissions[1]!.access = body.permissions[1]!.access.filter((a) => !(a.resource === "immutable-tag" && a.action === "create"));
    const res = await fetch(`${emulator.url}/api/v2.0/robots`, {
      method: "POST",
      headers: { Authorization: `Basic ${Buffer.from(`admin:${emulator.adminPassword}`).toString("base64")}`, "Content-Type": "application/json" },
      body: JSON.stringify({ ...body, name: "lacking" }),
    });
    const account = (await res.json()) as { name: string; secret: string };
    const lacking = createHarborClient(options({ username: account.name, password: account.secret }));
    const check = await lacking.checkAccount({ projectId: project.projectId });
    expect(check.kind).toBe("robot");
    expect(describePermissions(check.missing)).toBe("system quota:list, project immutable-tag:create");
    // and the admin is told apart from a robot
    expect(await admin.checkAccount({ projectId: project.projectId })).toEqual({ kind: "admin", missing: [], unverified: [], projectId: project.projectId });
  });
});

describe("a system robot without project:update", () => {
  it("cannot rotate (Harbor grants robot:update to no robot), so ensureRobot replaces the robot", async () => {
    const admin = createHarborClient(options());
    await admin.ensureProject({ name: "narrow", metadata: {}, storageLimitBytes: -1 });
    const res = await fetch(`${emulator.url}/api/v2.0/robots`, {
      method: "POST",
      headers: { Authorization: `Basic ${Buffer.from(`admin:${emulator.adminPassword}`).toString("base64")}`, "Content-Type": "application/json" },
      body: JSON.stringify({
        name: "narrow",
        level: "system",
        duration: 30,
        permissions: [
          {
            kind: "project",
            namespace: "*",
            access: ["create", "read", "list", "delete"].map((action) => ({ resource: "robot", action, effect: "allow" })).concat([
              { resource: "project", action: "read", effect: "allow" },
              { resource: "repository", action: "pull", effect: "allow" },
            ]),
          },
        ],
      }),
    });
    const account = (await res.json()) as { name: string; secret: string };
    const narrow = createHarborClient(options({ username: account.name, password: account.secret }));
    const input = { project: "narrow", name: "ci", durationDays: 7, permissions: [{ resource: "repository", action: "pull" }] };
    const first = await narrow.ensureRobot(input);
    await expect(rejection(narrow.rotateRobotSecret(first.id))).resolves.toMatchObject({ status: 403, code: "FORBIDDEN" });
    const second = await narrow.ensureRobot(input);
    expect(second).toMatchObject({ created: false, replaced: true, name: "robot$narrow+ci" });
    expect(second.id).not.toBe(first.id);
    expect((await admin.getRobot(first.id))).toBeNull();
    expect((await admin.getRobot(second.id))?.name).toBe("robot$narrow+ci");
  });
});

describe("client transport against the emulator", () => {
  let client: HarborClient;
  let calls: HarborCall[];
  const withCalls = (extra: Partial<HarborClientOptions> = {}) => createHarborClient(options({ onCall: (c) => calls.push(c), ...extra }));

  beforeEach(async () => {
    calls = [];
    client = withCalls();
    await client.ensureProject({ name: "transport", metadata: { public: "false" }, storageLimitBytes: -1 });
    calls = [];
    exchanges.length = 0;
    emulator.resetStats();
  });

  it("speaks OIDC mode like the Harbor Berth is for", async () => {
    await expect(client.systemInfo()).resolves.toMatchObject({ authMode: "oidc_auth" });
  });

  it("makes one call on the happy path of ensureProject and ensureGroupMember", async () => {
    await client.ensureProject({ name: "one-call", metadata: { public: "false" }, storageLimitBytes: 1024 });
    await client.ensureGroupMember("one-call", "one-call-devs", 2);
    expect(emulator.stats()).toEqual({ total: 2, byRoute: { "POST /projects": 1, "POST /projects/{project_name_or_id}/members": 1 } });
  });

  it("never sends a cookie, although Harbor hands out a session cookie on every answer", async () => {
    await client.ensureGroupMember("transport", "cookie-devs", 2);
    await client.ensureGroupMember("transport", "cookie-devs", 3);
    expect(exchanges.length).toBeGreaterThanOrEqual(3);
    expect(exchanges.every((x) => x.responseHeaders["Set-Cookie"]?.startsWith("sid="))).toBe(true);
    expect(exchanges.filter((x) => x.requestHeaders.cookie !== undefined)).toEqual([]);
    // What a cookie-keeping client would run into: Harbor's CSRF check.
    const sid = exchanges[0]?.responseHeaders["Set-Cookie"]?.split(";")[0] ?? "";
    const res = await fetch(`${emulator.url}/api/v2.0/projects`, {
      method: "POST",
      headers: { Authorization: `Basic ${Buffer.from(`admin:${emulator.adminPassword}`).toString("base64")}`, "Content-Type": "application/json", Cookie: sid },
      body: JSON.stringify({ project_name: "with-cookie" }),
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ errors: [{ code: "FORBIDDEN", message: "CSRF token invalid" }] });
  });

  it("sends X-Request-Id and X-Is-Resource-Name, and returns the id Harbor echoed", async () => {
    const project = await client.getProject("transport");
    const x = exchanges.find((e) => e.route === "GET /projects/{project_name_or_id}");
    expect(x?.requestHeaders["x-request-id"]).toBe(project?.requestId);
    expect(x?.responseHeaders["X-Request-Id"]).toBe(project?.requestId);
    expect(x?.requestHeaders["x-is-resource-name"]).toBe("true");
    await client.getProject(project?.projectId ?? 0);
    expect(exchanges.at(-1)?.requestHeaders["x-is-resource-name"]).toBeUndefined();
  });

  it("retries an idempotent read on 503 with backoff, under one request id, until it succeeds", async () => {
    emulator.faults({ errorRate: 1, errorStatus: 503 });
    client = withCalls({
      onCall: (c) => {
        calls.push(c);
        if (calls.length === 2) emulator.faults({ errorRate: 0 });
      },
    });
    const project = await client.getProject("transport");
    expect(project?.name).toBe("transport");
    expect(calls.map((c) => [c.attempt, c.status])).toEqual([
      [1, 503],
      [2, 503],
      [3, 200],
    ]);
    expect(new Set(calls.map((c) => c.requestId)).size).toBe(1);
    expect(emulator.stats().byRoute["GET /projects/{project_name_or_id}"]).toBe(3);
  });

  it.each([502, 504] as const)("also retries %i from the proxy, then gives up with a retryable error", async (status) => {
    emulator.faults({ errorRate: 1, errorStatus: status });
    client = withCalls({ maxRetries: 2 });
    const error = await rejection(client.listMembers("transport"));
    expect(error).toMatchObject({ status, retryable: true, code: status === 502 ? "BAD_GATEWAY" : "GATEWAY_TIMEOUT" });
    expect(calls.map((c) => c.attempt)).toEqual([1, 2, 3]);
  });

  it("retries the POST of an ensure operation (a repeat resolves as 409) but not a plain create", async () => {
    emulator.faults({ errorRate: 1, errorStatus: 503 });
    const robotError = await rejection(withCalls({ maxRetries: 3 }).createRobot({ project: "transport", name: "once", durationDays: 1, permissions: [{ resource: "repository", action: "pull" }] }));
    expect(robotError).toMatchObject({ status: 503, code: "SERVICE_UNAVAILABLE", retryable: true });
    expect(calls).toHaveLength(1);
    calls = [];
    client = withCalls({
      onCall: (c) => {
        calls.push(c);
        emulator.faults({ errorRate: 0 });
      },
    });
    await expect(client.ensureProject({ name: "retried", metadata: {}, storageLimitBytes: -1 })).resolves.toMatchObject({ created: true });
    expect(calls.map((c) => c.status)).toEqual([503, 201]);
  });

  it("does not retry Harbor's own 500, whose message is always 'internal server error'", async () => {
    emulator.faults({ errorRate: 1, errorStatus: 500 });
    const error = await rejection(client.listMembers("transport"));
    expect(error).toMatchObject({ status: 500, code: "UNKNOWN", harborMessage: "internal server error", retryable: false });
    expect(calls).toHaveLength(1);
  });

  it("does not retry a 4xx", async () => {
    const error = await rejection(client.ensureProject({ name: "-bad-", metadata: {}, storageLimitBytes: -1 }));
    expect(error.status).toBe(400);
    expect(calls).toHaveLength(1);
    expect(emulator.stats().total).toBe(1);
  });

  it("times out a slow answer on every attempt and reports TIMEOUT", async () => {
    emulator.faults({ latencyMs: 300 });
    client = withCalls({ timeoutMs: 60, maxRetries: 1 });
    const error = await rejection(client.getProject("transport"));
    expect(error).toMatchObject({ code: "TIMEOUT", status: undefined, retryable: true });
    expect(calls.map((c) => c.status)).toEqual(["timeout", "timeout"]);
  });

  it("times out a request that is never answered", async () => {
    emulator.faults({ timeoutRate: 1 });
    client = withCalls({ timeoutMs: 80, maxRetries: 0 });
    await expect(rejection(client.health())).resolves.toMatchObject({ code: "TIMEOUT" });
  });

  it("reports a NETWORK error while Harbor is down, and works again once it is back", async () => {
    emulator.faults({ down: true });
    client = withCalls({ maxRetries: 1 });
    await expect(rejection(client.ping())).resolves.toMatchObject({ code: "NETWORK", retryable: true, status: undefined });
    expect(calls.map((c) => c.status)).toEqual(["network-error", "network-error"]);
    emulator.faults({ down: false });
    await expect(client.ping()).resolves.toMatchObject({ pong: true });
  });

  it("answers 401 to a wrong password on a protected call", async () => {
    const wrong = createHarborClient(options({ password: "not-the-password" }));
    await expect(rejection(wrong.getQuota(1))).resolves.toMatchObject({ status: 401, code: "UNAUTHORIZED", retryable: false });
  });

  it("keeps credentials and secrets out of calls, errors and serialisation", async () => {
    const password = "s3cret-Password-123";
    const wrong = createHarborClient(options({ password, onCall: (c) => calls.push(c) }));
    const error = await rejection(wrong.listMembers("transport"));
    const robot = await client.createRobot({ project: "transport", name: "leak", durationDays: 1, permissions: [{ resource: "repository", action: "pull" }] });
    await rejection(client.createRobot({ project: "transport", name: "leak", durationDays: 1, permissions: [{ resource: "repository", action: "pull" }] }));
    const seen = JSON.stringify({ calls, error, message: error.message, stack: error.stack, wrong, client });
    expect(seen).not.toContain(password);
    expect(seen).not.toContain(Buffer.from(`admin:${password}`).toString("base64"));
    expect(seen).not.toContain(emulator.adminPassword);
    expect(JSON.stringify(calls)).not.toContain(robot.secret);
    expect(Object.keys(calls[0] ?? {}).sort()).toEqual(["attempt", "durationMs", "method", "path", "requestId", "status"]);
  });

  it("refuses metadata Harbor would silently drop, before calling it", async () => {
    await expect(client.ensureProject({ name: "meta", metadata: { colour: "blue" }, storageLimitBytes: -1 })).rejects.toThrow(TypeError);
    expect(emulator.stats().total).toBe(0);
  });

  it("surfaces 412 on deleting a project with repositories as PRECONDITION", async () => {
    emulator.addRepository("transport", "app");
    const error = await rejection(client.deleteProject("transport"));
    expect(error).toMatchObject({ status: 412, code: "PRECONDITION", harborMessage: "project still has repositories" });
    expect(await client.getProject("transport")).not.toBeNull();
    emulator.reset();
  });

  it("reads every page of a long list and stops at a short page despite Harbor's member count", async () => {
    await client.ensureProject({ name: "crowd", metadata: {}, storageLimitBytes: -1 });
    for (let i = 0; i < 120; i++) await client.ensureGroupMember("crowd", `team-${String(i).padStart(3, "0")}`, 3);
    const all = await client.listMembers("crowd");
    expect(all.members).toHaveLength(121);
    expect(all.requestIds).toHaveLength(2);
    expect(exchanges.filter((x) => x.route === "GET /projects/{project_name_or_id}/members").map((x) => x.query.get("page_size"))).toEqual(["100", "100"]);
    exchanges.length = 0;
    // Harbor's X-Total-Count counts all 121 members even when entityname matches one: a short page ends the listing.
    const one = await client.listMembers("crowd", "team-007");
    expect(one.members.map((m) => m.entityName)).toEqual(["team-007"]);
    // the members call's own exchange (not whichever call was recorded first: it flaked in CI as exchanges[0])
    const filtered = exchanges.filter((x) => x.route === "GET /projects/{project_name_or_id}/members");
    expect(filtered.map((x) => x.query.get("entityname"))).toEqual(["team-007"]);
    expect(filtered[0]?.responseHeaders["X-Total-Count"]).toBe("121");
    expect(one.requestIds).toHaveLength(1);
  });
});
