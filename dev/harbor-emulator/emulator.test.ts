import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createContractGuard } from "./contract-guard";
import { startHarborEmulator, type EmulatorExchange, type HarborEmulator } from "./index";

const guard = createContractGuard();
let emulator: HarborEmulator;
let clockOffsetMs = 0;
const DAY = 86400;

const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`;
let ADMIN = "";

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

async function api(method: string, p: string, opts: { auth?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.auth) headers.Authorization = opts.auth;
  if (opts.body !== undefined) headers["Content-Type"] = "application/json";
  const url = p.startsWith("/api/") || p.startsWith("/v2") || p.startsWith("/service") || p.startsWith("/__emulator") ? p : `/api/v2.0${p}`;
  const res = await fetch(`${emulator.url}${url}`, { method, headers, body: opts.body === undefined ? undefined : typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body) });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

const harborError = (code: string, message: string) => ({ errors: [{ code, message }] });

async function project(name: string, extra: Record<string, unknown> = {}) {
  const res = await api("POST", "/projects", { auth: ADMIN, body: { project_name: name, metadata: { public: "false" }, ...extra } });
  expect(res.status).toBe(201);
  return Number(res.headers.get("location")?.split("/").pop());
}

async function robot(projectName: string, name: string, access: { resource: string; action: string }[], extra: Record<string, unknown> = {}, auth = ADMIN) {
  return api("POST", "/robots", {
    auth,
    body: { name, level: "project", duration: 30, permissions: [{ kind: "project", namespace: projectName, access: access.map((a) => ({ ...a, effect: "allow" })) }], ...extra },
  });
}

// Reads its project and pulls: without project:read a robot gets 403 even on its own (private) project.
async function pullRobot(projectName: string, name = "puller") {
  const res = await robot(projectName, name, [
    { resource: "project", action: "read" },
    { resource: "repository", action: "pull" },
  ]);
  expect(res.status).toBe(201);
  const body = res.json as { id: number; name: string; secret: string; expires_at: number };
  return { ...body, auth: basic(body.name, body.secret) };
}

beforeAll(async () => {
  emulator = await startHarborEmulator({ now: () => Date.now() + clockOffsetMs, onExchange: guard.onExchange });
  ADMIN = basic("admin", emulator.adminPassword);
});

afterAll(async () => {
  expect(guard.checked()).toBeGreaterThan(100);
  await emulator.close();
});

beforeEach(() => {
  emulator.reset();
});

afterEach(() => {
  clockOffsetMs = 0;
  // Every answer the emulator gave in the test must validate against Harbor's API document.
  expect(guard.violations.splice(0)).toEqual([]);
});

describe("contract guard", () => {
  it("flags an answer that does not match the document", () => {
    const local = createContractGuard();
    const x: EmulatorExchange = {
      method: "GET",
      pathname: "/api/v2.0/robots/1",
      query: new URLSearchParams(),
      requestHeaders: {},
      requestBody: "",
      status: 200,
      responseHeaders: { "Content-Type": "application/json" },
      responseBody: JSON.stringify({ id: 1, name: "robot$a+b", secret_hint: "x" }),
      route: "GET /robots/{robot_id}",
      injected: false,
      outsideDocument: false,
    };
    local.onExchange(x);
    local.onExchange({ ...x, status: 418 });
    local.onExchange({ ...x, status: 503, injected: true });
    expect(local.checked()).toBe(2);
    expect(local.violations).toHaveLength(2);
    expect(local.violations[0]).toContain("secret_hint is not a documented property");
    expect(local.violations[1]).toContain("does not document status 418");
  });
});

describe("projects", () => {
  it("refuses names Harbor refuses, with Harbor's messages", async () => {
    for (const name of ["Team", "a_", "-a", "a..b", "a b"]) {
      const res = await api("POST", "/projects", { auth: ADMIN, body: { project_name: name } });
      expect([name, res.status, res.json]).toEqual([name, 400, harborError("BAD_REQUEST", "project name is not in lower case or contains illegal characters")]);
    }
    expect((await api("POST", "/projects", { auth: ADMIN, body: { project_name: "" } })).json).toEqual(harborError("BAD_REQUEST", "Project name  is illegal in length. (greater than 255 or less than 1)"));
    const long = await api("POST", "/projects", { auth: ADMIN, body: { project_name: "a".repeat(256) } });
    expect(long.status).toBe(422);
    expect((long.json as { errors: { message: string }[] }).errors[0]?.message).toBe("validation failure list:\nproject.project_name should be at most 255 chars long");
    for (const name of ["a", "a.b-c_d", "0-team", "123"]) expect((await api("POST", "/projects", { auth: ADMIN, body: { project_name: name } })).status).toBe(201);
  });

  it("answers a create with 201, a Location and no body; 409 on a duplicate", async () => {
    const res = await api("POST", "/projects", { auth: ADMIN, body: { project_name: "team-a", metadata: { public: "false" } } });
    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toMatch(/^\/api\/v2\.0\/projects\/\d+$/);
    expect(res.text).toBe("");
    const byName = await api("POST", "/projects", { auth: ADMIN, body: { project_name: "team-b" }, headers: { "X-Resource-Name-In-Location": "true" } });
    expect(byName.headers.get("location")).toBe("/api/v2.0/projects/team-b");
    const dup = await api("POST", "/projects", { auth: ADMIN, body: { project_name: "team-a" } });
    expect([dup.status, dup.json]).toEqual([409, harborError("CONFLICT", "The project named team-a already exists")]);
  });

  it("refuses to delete a project with repositories (412) and says so in _deletable", async () => {
    await project("busy");
    emulator.addRepository("busy", "app");
    expect((await api("GET", "/projects/busy/_deletable", { auth: ADMIN })).json).toEqual({ deletable: false, message: "the project contains repositories, can not be deleted" });
    const del = await api("DELETE", "/projects/busy", { auth: ADMIN });
    expect([del.status, del.json]).toEqual([412, harborError("PRECONDITION", "precondition failed: the project contains repositories, can not be deleted")]);
    await project("idle");
    expect((await api("GET", "/projects/idle/_deletable", { auth: ADMIN })).json).toEqual({ deletable: true });
    expect((await api("DELETE", "/projects/idle", { auth: ADMIN })).status).toBe(200);
  });

  it("keeps metadata as strings, merges on PUT and drops keys Harbor does not know", async () => {
    await project("meta", { metadata: { auto_scan: "true", severity: "high", colour: "blue" } });
    const got = (await api("GET", "/projects/meta", { auth: ADMIN })).json as { metadata: Record<string, string> };
    expect(got.metadata).toEqual({ public: "false", auto_scan: "true", severity: "high" });
    expect((await api("PUT", "/projects/meta", { auth: ADMIN, body: { metadata: { prevent_vul: "true" } } })).status).toBe(200);
    const after = (await api("GET", "/projects/meta", { auth: ADMIN })).json as { metadata: Record<string, string> };
    expect(after.metadata).toEqual({ public: "false", auto_scan: "true", severity: "high", prevent_vul: "true" });
    const bad = await api("POST", "/projects", { auth: ADMIN, body: { project_name: "meta2", metadata: { public: "yes" } } });
    expect(bad.json).toEqual(harborError("BAD_REQUEST", "metadata.public should only be 'true' or 'false', but got: 'yes'"));
  });

  it("applies Harbor's rules on /metadatas: one key, known keys, no overwrite on POST", async () => {
    await project("md");
    const post = (body: unknown) => api("POST", "/projects/md/metadatas/", { auth: ADMIN, body });
    expect((await post({ auto_scan: "true", severity: "low" })).json).toEqual(harborError("BAD_REQUEST", "only allow one key/value pair"));
    expect((await post({ colour: "blue" })).json).toEqual(harborError("BAD_REQUEST", "invalid key: colour"));
    expect((await post({ auto_scan: "maybe" })).json).toEqual(harborError("BAD_REQUEST", "invalid value: maybe"));
    expect((await post({ auto_scan: "1" })).status).toBe(200);
    expect((await post({ auto_scan: "false" })).status).toBe(409);
    expect((await api("GET", "/projects/md/metadatas/auto_scan", { auth: ADMIN })).json).toEqual({ auto_scan: "true" });
    expect((await api("PUT", "/projects/md/metadatas/severity", { auth: ADMIN, body: { severity: "CRITICAL" } })).status).toBe(200);
    expect((await api("DELETE", "/projects/md/metadatas/auto_scan", { auth: ADMIN })).status).toBe(200);
    expect((await api("GET", "/projects/md/metadatas/", { auth: ADMIN })).json).toEqual({ public: "false" });
  });

  it("creates the quota from storage_limit, takes the default for 0, and validates the range", async () => {
    const id = await project("q1", { storage_limit: 1024 });
    const quotas = await api("GET", `/quotas?reference=project&reference_id=${id}`, { auth: ADMIN });
    expect(quotas.json).toEqual([expect.objectContaining({ ref: { id, name: "q1", owner_name: "admin" }, hard: { storage: 1024 }, used: { storage: 0 } })]);
    const id0 = await project("q0", { storage_limit: 0 });
    expect((await api("GET", `/quotas?reference=project&reference_id=${id0}`, { auth: ADMIN })).json).toEqual([expect.objectContaining({ hard: { storage: -1 } })]);
    const bad = await api("POST", "/projects", { auth: ADMIN, body: { project_name: "q2", storage_limit: -5 } });
    expect(bad.json).toEqual(harborError("BAD_REQUEST", "bad request: invalid non-positive value for quota limit, value=-5"));
    const quotaId = (quotas.json as { id: number }[])[0]?.id;
    expect((await api("PUT", `/quotas/${quotaId}`, { auth: ADMIN, body: { hard: { storage: 2048 } } })).status).toBe(200);
    expect((await api("PUT", `/quotas/${quotaId}`, { auth: ADMIN, body: { hard: { count: 1 } } })).json).toEqual(harborError("BAD_REQUEST", "resource count not support"));
    expect((await api("PUT", `/quotas/${quotaId}`, { auth: ADMIN, body: { hard: { storage: 1125899906842625 } } })).json).toEqual(
      harborError("BAD_REQUEST", "exceeded 1024TB, which is 1125899906842624 Bytes, value=1125899906842625"),
    );
    expect((await api("GET", "/projects/q1/summary", { auth: ADMIN })).json).toEqual({ repo_count: 0, quota: { hard: { storage: 2048 }, used: { storage: 0 } }, project_admin_count: 1 });
  });

  it("answers HEAD /projects?project_name= with 200 or 404, and 401 to anonymous", async () => {
    await project("exists");
    expect((await api("HEAD", "/projects?project_name=exists", { auth: ADMIN })).status).toBe(200);
    expect((await api("HEAD", "/projects?project_name=nope", { auth: ADMIN })).status).toBe(404);
    expect((await api("HEAD", "/projects?project_name=exists")).status).toBe(401);
  });

  it("takes a numeric path value as an id unless X-Is-Resource-Name says it is a name", async () => {
    const id = await project("123");
    expect(id).not.toBe(123);
    const asId = await api("GET", "/projects/123", { auth: ADMIN });
    expect([asId.status, asId.json]).toEqual([404, harborError("NOT_FOUND", "project 123 not found")]);
    const asName = await api("GET", "/projects/123", { auth: ADMIN, headers: { "X-Is-Resource-Name": "true" } });
    expect(asName.json).toMatchObject({ project_id: id, name: "123" });
    expect((await api("GET", `/projects/${id}`, { auth: ADMIN })).json).toMatchObject({ name: "123" });
  });

  it("answers a missing project with 404 to the admin, 403 to a robot and 401 to anonymous", async () => {
    await project("mine");
    const bot = await pullRobot("mine");
    expect((await api("GET", "/projects/ghost", { auth: ADMIN })).json).toEqual(harborError("NOT_FOUND", "project ghost not found"));
    expect((await api("GET", "/projects/ghost", { auth: bot.auth })).json).toEqual(harborError("FORBIDDEN", "forbidden"));
    expect((await api("GET", "/projects/ghost")).json).toEqual(harborError("UNAUTHORIZED", "unauthorized"));
  });

  it("lets anyone read a public project and nobody anonymous read a private one", async () => {
    await project("open", { metadata: { public: "true" } });
    await project("closed");
    expect((await api("GET", "/projects/open")).status).toBe(200);
    expect((await api("GET", "/projects/closed")).status).toBe(401);
    const names = ((await api("GET", "/projects")).json as { name: string }[]).map((p) => p.name);
    expect(names.sort()).toEqual(["library", "open"]);
  });

  it("deletes a project's robots, members and quota with it", async () => {
    const id = await project("gone");
    const bot = await pullRobot("gone");
    await api("POST", "/projects/gone/members", { auth: ADMIN, body: { role_id: 2, member_group: { group_name: "devs", group_type: 3 } } });
    expect((await api("DELETE", "/projects/gone", { auth: ADMIN })).status).toBe(200);
    expect((await api("GET", `/robots/${bot.id}`, { auth: ADMIN })).status).toBe(404);
    expect((await api("GET", `/quotas?reference=project&reference_id=${id}`, { auth: ADMIN })).json).toEqual([]);
    expect(emulator.state().members.filter((m) => m.projectId === id)).toEqual([]);
  });
});

describe("members", () => {
  it("creates an OIDC group on first use and lists the member with Harbor's role_name", async () => {
    await project("m1");
    const res = await api("POST", "/projects/m1/members", { auth: ADMIN, body: { role_id: 4, member_group: { group_name: "platform", group_type: 3 } } });
    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toMatch(/^\/api\/v2\.0\/projects\/m1\/members\/\d+$/);
    const groups = (await api("GET", "/usergroups", { auth: ADMIN })).json as { id: number; group_name: string; group_type: number }[];
    expect(groups).toEqual([{ id: expect.any(Number), group_name: "platform", group_type: 3 }]);
    const members = (await api("GET", "/projects/m1/members?entityname=platform", { auth: ADMIN })).json;
    expect(members).toEqual([{ id: Number(res.headers.get("location")?.split("/").pop()), project_id: expect.any(Number), entity_name: "platform", role_name: "maintainer", role_id: 4, entity_id: groups[0]?.id, entity_type: "g" }]);
    const all = (await api("GET", "/projects/m1/members", { auth: ADMIN })).json as { entity_name: string; role_name: string }[];
    expect(all.map((m) => [m.entity_name, m.role_name]).sort()).toEqual([["admin", "projectAdmin"], ["platform", "maintainer"]]);
    const bot = await pullRobot("m1");
    expect((await api("GET", "/usergroups", { auth: bot.auth })).status).toBe(403);
  });

  it("checks a duplicate (409) before the role (400), after the group exists", async () => {
    await project("m2");
    const add = (role: number, group: string) => api("POST", "/projects/m2/members", { auth: ADMIN, body: { role_id: role, member_group: { group_name: group, group_type: 3 } } });
    expect((await add(2, "devs")).status).toBe(201);
    expect((await add(9, "devs")).json).toEqual(harborError("CONFLICT", "The project member specified already exist"));
    expect((await add(9, "others")).json).toEqual(harborError("BAD_REQUEST", "Failed to update project member, role is not in 1,2,3"));
    expect(emulator.state().groups.map((g) => g.name)).toEqual(["devs", "others"]);
  });

  it("does not check that a member exists on PUT or DELETE", async () => {
    await project("m3");
    expect((await api("PUT", "/projects/m3/members/999", { auth: ADMIN, body: { role_id: 2 } })).status).toBe(200);
    expect((await api("DELETE", "/projects/m3/members/999", { auth: ADMIN })).status).toBe(200);
    expect((await api("GET", "/projects/m3/members/999", { auth: ADMIN })).status).toBe(404);
  });

  it("cannot add a user who never logged in", async () => {
    await project("m4");
    const res = await api("POST", "/projects/m4/members", { auth: ADMIN, body: { role_id: 2, member_user: { username: "alice" } } });
    expect(res.status).toBe(404);
  });

  it("answers 500 with 'internal server error' when the body names no member", async () => {
    await project("m5");
    const res = await api("POST", "/projects/m5/members", { auth: ADMIN, body: { role_id: 2 } });
    expect([res.status, res.json]).toEqual([500, harborError("UNKNOWN", "internal server error")]);
  });
});

describe("robots", () => {
  it("names project robots robot$<project>+<name> and returns the secret only at creation", async () => {
    await project("r1");
    const res = await robot("r1", "ci", [{ resource: "repository", action: "push" }], { description: "CI" });
    expect(res.status).toBe(201);
    const created = res.json as Record<string, unknown>;
    expect(Object.keys(created).sort()).toEqual(["creation_time", "expires_at", "id", "name", "secret"]);
    expect(created.name).toBe("robot$r1+ci");
    expect(res.headers.get("location")).toBe(`/api/v2.0/robots/${String(created.id)}`);
    const got = await api("GET", `/robots/${String(created.id)}`, { auth: ADMIN });
    expect(got.json).toMatchObject({ name: "robot$r1+ci", level: "project", duration: 30, editable: true, disable: false, permissions: [{ kind: "project", namespace: "r1", access: [{ resource: "repository", action: "push", effect: "allow" }] }] });
    expect(got.text).not.toContain(String(created.secret));
    const list = await api("GET", `/robots?q=${encodeURIComponent("Level=project,ProjectID=2")}`, { auth: ADMIN });
    expect(list.text).not.toContain(String(created.secret));
    expect((await api("GET", "/robots", { auth: ADMIN })).json).toEqual([]);
  });

  it("sets expires_at from duration (days, -1 never) and refuses other durations", async () => {
    await project("r2");
    const before = Math.floor(Date.now() / 1000);
    const d7 = (await robot("r2", "d7", [{ resource: "repository", action: "pull" }], { duration: 7 })).json as { expires_at: number };
    expect(d7.expires_at - before).toBeGreaterThanOrEqual(7 * DAY);
    expect(d7.expires_at - before).toBeLessThanOrEqual(7 * DAY + 2);
    expect(((await robot("r2", "never", [{ resource: "repository", action: "pull" }], { duration: -1 })).json as { expires_at: number }).expires_at).toBe(-1);
    const zero = await robot("r2", "zero", [{ resource: "repository", action: "pull" }], { duration: 0 });
    expect(zero.json).toEqual(harborError("BAD_REQUEST", "bad request error duration input: 0, duration must be either -1(Never) or a positive integer"));
  });

  it("answers 409 to a second robot of the same name in the project", async () => {
    const id = await project("r3");
    await pullRobot("r3", "dup");
    const again = await robot("r3", "dup", [{ resource: "repository", action: "pull" }]);
    expect(again.json).toEqual(harborError("CONFLICT", `robot account ${id}:r3+dup already exists`));
  });

  it("validates names and permissions the way Harbor does", async () => {
    await project("r4");
    expect((await robot("r4", "Bad+Name", [{ resource: "repository", action: "pull" }])).json).toEqual(harborError("BAD_REQUEST", "robot name is not in lower case or contains illegal characters"));
    expect((await robot("r4", "x", [{ resource: "repository", action: "fly" }])).json).toEqual(harborError("BAD_REQUEST", "bad request permission: repository:fly"));
    expect((await robot("r4", "x", [{ resource: "robot", action: "update" }])).json).toEqual(harborError("BAD_REQUEST", "bad request permission: robot:update"));
    const star = await api("POST", "/robots", { auth: ADMIN, body: { name: "x", level: "project", duration: 1, permissions: [{ kind: "project", namespace: "*", access: [{ resource: "repository", action: "pull" }] }] } });
    expect(star.json).toEqual(harborError("NOT_FOUND", "project * not found"));
    const two = await api("POST", "/robots", {
      auth: ADMIN,
      body: { name: "x", level: "project", duration: 1, permissions: [1, 2].map(() => ({ kind: "project", namespace: "r4", access: [{ resource: "repository", action: "pull" }] })) },
    });
    expect(two.json).toEqual(harborError("BAD_REQUEST", "bad request permission"));
  });

  it("rotates with an empty secret; the old secret stops working", async () => {
    await project("r5");
    const bot = await pullRobot("r5");
    expect((await api("GET", "/projects/r5", { auth: bot.auth })).status).toBe(200);
    const rotated = await api("PATCH", `/robots/${bot.id}`, { auth: ADMIN, body: { secret: "" } });
    const secret = (rotated.json as { secret: string }).secret;
    expect(secret).toMatch(/^[A-Za-z0-9]{32}$/);
    expect((await api("GET", "/projects/r5", { auth: bot.auth })).status).toBe(401);
    expect((await api("GET", "/projects/r5", { auth: basic(bot.name, secret) })).status).toBe(200);
    expect((await api("PATCH", `/robots/${bot.id}`, { auth: ADMIN, body: { secret: "short" } })).status).toBe(400);
    const chosen = await api("PATCH", `/robots/${bot.id}`, { auth: ADMIN, body: { secret: "Chosen-Secret-123" } });
    expect(chosen.json).toEqual({});
    expect((await api("GET", "/projects/r5", { auth: basic(bot.name, "Chosen-Secret-123") })).status).toBe(200);
  });

  it("recomputes expires_at from the creation time on PUT and keeps name and level fixed", async () => {
    await project("r6");
    const bot = await pullRobot("r6");
    clockOffsetMs = 5 * DAY * 1000;
    const current = (await api("GET", `/robots/${bot.id}`, { auth: ADMIN })).json as Record<string, unknown>;
    expect((await api("PUT", `/robots/${bot.id}`, { auth: ADMIN, body: { ...current, duration: 60 } })).status).toBe(200);
    const after = (await api("GET", `/robots/${bot.id}`, { auth: ADMIN })).json as { expires_at: number };
    expect(after.expires_at - bot.expires_at).toBe(30 * DAY);
    expect((await api("PUT", `/robots/${bot.id}`, { auth: ADMIN, body: { ...current, name: "robot$r6+other" } })).json).toEqual(harborError("BAD_REQUEST", "cannot update the level or name of robot"));
  });

  it("treats an expired or disabled robot as anonymous", async () => {
    await project("r7");
    const bot = await pullRobot("r7");
    clockOffsetMs = 31 * DAY * 1000;
    expect((await api("GET", "/projects/r7", { auth: bot.auth })).status).toBe(401);
    clockOffsetMs = 0;
    expect((await api("GET", "/projects/r7", { auth: bot.auth })).status).toBe(200);
    const current = (await api("GET", `/robots/${bot.id}`, { auth: ADMIN })).json as Record<string, unknown>;
    await api("PUT", `/robots/${bot.id}`, { auth: ADMIN, body: { ...current, disable: true } });
    expect((await api("GET", "/projects/r7", { auth: bot.auth })).status).toBe(401);
  });

  it("answers 401 to bad credentials and 403 to a robot its permissions do not cover", async () => {
    await project("r8");
    const bot = await pullRobot("r8");
    expect((await api("GET", "/projects/r8/members", { auth: bot.auth })).json).toEqual(harborError("FORBIDDEN", "forbidden"));
    expect((await api("GET", "/projects/r8/members", { auth: basic(bot.name, "wrong") })).json).toEqual(harborError("UNAUTHORIZED", "unauthorized"));
    expect((await api("GET", "/quotas", { auth: bot.auth })).json).toEqual(harborError("FORBIDDEN", bot.name));
    expect((await api("POST", "/projects", { auth: bot.auth, body: { project_name: "nope" } })).json).toEqual(harborError("FORBIDDEN", "Only system level robot can create project"));
  });

  it("lets a robot create robots only with permissions it holds itself (#21922)", async () => {
    await project("r9");
    const creator = await robot("r9", "creator", [
      { resource: "robot", action: "create" },
      { resource: "repository", action: "pull" },
    ]);
    const c = creator.json as { name: string; secret: string };
    const auth = basic(c.name, c.secret);
    expect((await robot("r9", "child", [{ resource: "repository", action: "pull" }], {}, auth)).status).toBe(201);
    const wider = await robot("r9", "wider", [{ resource: "repository", action: "push" }], {}, auth);
    expect(wider.json).toEqual(harborError("DENIED", `permission scope is invalid. It must be equal to or more restrictive than the creator robot's permissions: ${c.name}`));
  });
});

describe("lists", () => {
  it("pages with page/page_size, X-Total-Count and Harbor's Link header; page_size over 100 is 422", async () => {
    for (let i = 0; i < 12; i++) await project(`p${String(i).padStart(2, "0")}`);
    const first = await api("GET", "/projects", { auth: ADMIN });
    expect((first.json as unknown[]).length).toBe(10);
    expect(first.headers.get("x-total-count")).toBe("13");
    expect(first.headers.get("link")).toBe('</api/v2.0/projects?page=2&page_size=10>; rel="next"');
    const middle = await api("GET", "/projects?page_size=5&page=2&name=p", { auth: ADMIN });
    expect(middle.headers.get("link")).toBe('</api/v2.0/projects?name=p&page=1&page_size=5>; rel="prev" , </api/v2.0/projects?name=p&page=3&page_size=5>; rel="next"');
    const last = await api("GET", "/projects?page=2&page_size=10", { auth: ADMIN });
    expect(last.headers.get("link")).toBe('</api/v2.0/projects?page=1&page_size=10>; rel="prev"');
    const big = await api("GET", "/projects?page_size=101", { auth: ADMIN });
    expect([big.status, big.json]).toEqual([422, harborError("UNPROCESSABLE_ENTITY", "validation failure list:\npage_size in query should be less than or equal to 100")]);
    const empty = await api("GET", "/projects?name=zzz", { auth: ADMIN });
    expect([empty.json, empty.headers.get("x-total-count"), empty.headers.get("link")]).toEqual([[], "0", null]);
  });

  it("filters robots with q: Level and ProjectID, exact and fuzzy name", async () => {
    const id = await project("rq");
    await pullRobot("rq", "alpha");
    await pullRobot("rq", "beta");
    const q = async (value: string) => {
      const res = await api("GET", `/robots?q=${value}`, { auth: ADMIN });
      return res.status === 200 ? (res.json as { name: string }[]).map((r) => r.name) : res.json;
    };
    expect(await q(encodeURIComponent(`Level=project,ProjectID=${id}`))).toEqual(["robot$rq+alpha", "robot$rq+beta"]);
    expect(await q(encodeURIComponent(`Level=project,ProjectID=${id},name=~alp`))).toEqual(["robot$rq+alpha"]);
    // Harbor unescapes q a second time: a "+" must arrive as %2B after the first decoding.
    expect(await q(encodeURIComponent(encodeURIComponent(`Level=project,ProjectID=${id},name=rq+beta`)))).toEqual(["robot$rq+beta"]);
    expect(await q(encodeURIComponent(`Level=project,ProjectID=${id},name=rq+beta`))).toEqual([]);
    expect(await q("Level=project")).toEqual(harborError("BAD_REQUEST", "must with project ID when to query project robots"));
    expect(await q("Level=other")).toEqual(harborError("BAD_REQUEST", "bad request error level input"));
    expect(await q("name")).toEqual(harborError("BAD_REQUEST", 'the query string must contain "=" and the key/value cannot be empty'));
  });
});

describe("transport", () => {
  it("echoes X-Request-Id, or generates one", async () => {
    expect((await api("GET", "/ping", { headers: { "X-Request-Id": "abc-123" } })).headers.get("x-request-id")).toBe("abc-123");
    expect((await api("GET", "/health")).headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("hands out a sid cookie and refuses a write that sends it back (CSRF)", async () => {
    const first = await api("GET", "/projects", { auth: ADMIN });
    const sid = first.headers.get("set-cookie")?.split(";")[0] ?? "";
    expect(sid).toMatch(/^sid=/);
    expect((await api("GET", "/projects", { auth: ADMIN, headers: { Cookie: sid } })).status).toBe(200);
    const write = await api("POST", "/projects", { auth: ADMIN, headers: { Cookie: sid }, body: { project_name: "csrf" } });
    expect([write.status, write.json]).toEqual([403, harborError("FORBIDDEN", "CSRF token invalid")]);
  });

  it("answers ping in text/plain only, health and systeminfo without auth, in OIDC mode", async () => {
    const ping = await api("GET", "/ping");
    expect([ping.status, ping.text, ping.headers.get("content-type")]).toEqual([200, "Pong", "text/plain"]);
    const json = await api("GET", "/ping", { headers: { Accept: "application/json" } });
    expect([json.status, json.json]).toEqual([422, harborError("UNPROCESSABLE_ENTITY", "validation failure list:\nunsupported media type requested, only [text/plain] are available")]);
    expect((await api("GET", "/health")).json).toMatchObject({ status: "healthy" });
    const anon = (await api("GET", "/systeminfo")).json as Record<string, unknown>;
    expect(anon).toMatchObject({ auth_mode: "oidc_auth" });
    expect(anon.harbor_version).toBeUndefined();
    expect((await api("GET", "/systeminfo", { auth: ADMIN })).json).toMatchObject({ auth_mode: "oidc_auth", harbor_version: expect.stringMatching(/^v2\.15/), project_creation_restriction: "everyone" });
  });

  it("accepts a password for the built-in admin only", async () => {
    expect((await api("GET", "/quotas", { auth: basic("alice", "Harbor12345") })).status).toBe(401);
    expect((await api("GET", "/quotas", { auth: basic("admin", "wrong") })).status).toBe(401);
    expect((await api("GET", "/quotas", { auth: ADMIN })).status).toBe(200);
  });

  it("answers an unknown path with 404 and a documented path with another method with 405", async () => {
    expect((await api("GET", "/nothing-here", { auth: ADMIN })).json).toEqual(harborError("NOT_FOUND", "path /api/v2.0/nothing-here was not found"));
    await project("imm0");
    const res = await api("GET", "/projects/imm0/immutabletagrules/1", { auth: ADMIN });
    expect([res.status, res.json]).toEqual([405, harborError("METHOD_NOT_ALLOWED", "method GET is not allowed, but [DELETE,PUT] are")]);
  });
});

describe("immutable tag rules", () => {
  const rule = (pattern: string) => ({
    disabled: false,
    action: "immutable",
    template: "immutable_template",
    tag_selectors: [{ kind: "doublestar", decoration: "matches", pattern }],
    scope_selectors: { repository: [{ kind: "doublestar", decoration: "repoMatches", pattern: "**" }] },
  });

  it("creates with 201 and Location, answers 409 to an identical rule, lists, toggles and deletes", async () => {
    await project("imm");
    const created = await api("POST", "/projects/imm/immutabletagrules", { auth: ADMIN, body: rule("v*") });
    expect(created.status).toBe(201);
    const id = Number(created.headers.get("location")?.split("/").pop());
    expect(created.headers.get("location")).toBe(`/api/v2.0/projects/imm/immutabletagrules/${id}`);
    expect((await api("POST", "/projects/imm/immutabletagrules", { auth: ADMIN, body: rule("v*") })).json).toEqual(harborError("CONFLICT", "immutable rule already exists"));
    expect((await api("POST", "/projects/imm/immutabletagrules", { auth: ADMIN, body: rule("release-*") })).status).toBe(201);
    const list = await api("GET", "/projects/imm/immutabletagrules", { auth: ADMIN });
    expect(list.headers.get("x-total-count")).toBe("2");
    expect((list.json as { tag_selectors: { pattern: string }[] }[]).map((r) => r.tag_selectors[0]?.pattern)).toEqual(["v*", "release-*"]);
    expect((await api("PUT", `/projects/imm/immutabletagrules/${id}`, { auth: ADMIN, body: { ...rule("v*"), id, disabled: true } })).status).toBe(200);
    expect(((await api("GET", "/projects/imm/immutabletagrules", { auth: ADMIN })).json as { disabled?: boolean }[])[0]?.disabled).toBe(true);
    await project("other");
    expect((await api("DELETE", `/projects/other/immutabletagrules/${id}`, { auth: ADMIN })).json).toEqual(harborError("NOT_FOUND", `resource not found: project id ${emulator.state().projects.find((p) => p.name === "other")?.id} does not match`));
    expect((await api("DELETE", `/projects/imm/immutabletagrules/${id}`, { auth: ADMIN })).status).toBe(200);
    expect((await api("GET", "/projects/imm/immutabletagrules", { auth: ADMIN })).headers.get("x-total-count")).toBe("1");
  });
});

describe("audit logs (extended: /auditlog-exts)", () => {
  const control = (method: string, p: string, body?: unknown) => api(method, `/__emulator${p}`, { body });
  // Harbor unescapes `q` once more after the HTTP layer: "%" and "+" must survive two decodings.
  const q = (value: string) => encodeURIComponent(value.replace(/%/g, "%25").replace(/\+/g, "%2B"));
  const at = (iso: string) => new Date(iso).toISOString();
  const activity = (projectName: string, body: Record<string, unknown>) => control("POST", `/projects/${projectName}/activity`, body);
  const logs = async (path: string, auth = ADMIN) => {
    const res = await api("GET", path, { auth });
    return { ...res, entries: (res.status === 200 ? res.json : []) as Record<string, unknown>[] };
  };
  // Reads the project's audit log, as a robot holding only these project permissions would.
  async function robotWith(projectName: string, name: string, access: { resource: string; action: string }[]) {
    const res = await robot(projectName, name, access);
    expect(res.status).toBe(201);
    const body = res.json as { name: string; secret: string };
    return { name: body.name, auth: basic(body.name, body.secret) };
  }
  async function systemRobot(name: string, system: { resource: string; action: string }[], project: { resource: string; action: string }[] = [{ resource: "project", action: "read" }]) {
    const allow = (list: { resource: string; action: string }[]) => list.map((a) => ({ ...a, effect: "allow" }));
    const res = await api("POST", "/robots", {
      auth: ADMIN,
      body: { name, level: "system", duration: 30, permissions: [...(system.length ? [{ kind: "system", namespace: "/", access: allow(system) }] : []), { kind: "project", namespace: "*", access: allow(project) }] },
    });
    expect(res.status).toBe(201);
    const body = res.json as { name: string; secret: string };
    return { name: body.name, auth: basic(body.name, body.secret) };
  }

  it("logs a robot's push and pull under its full name, newest first, with Harbor's fields", async () => {
    await project("au1");
    const ci = await robotWith("au1", "ci", [{ resource: "repository", action: "push" }]);
    expect((await activity("au1", { username: ci.name, operation: "push", repository: "app", tag: "v1", at: "2026-01-10T08:00:00Z" })).json).toEqual({ project: "au1", logged: 1 });
    expect((await activity("au1", { username: ci.name, operation: "pull", repository: "app", at: "2026-01-11T09:30:00Z" })).status).toBe(201);
    const res = await logs("/projects/au1/auditlog-exts");
    expect(res.headers.get("x-total-count")).toBe("4");
    const digest = (res.entries[2]?.resource as string).split("@")[1];
    expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(res.entries.map(({ id: _id, op_time: _t, ...rest }) => rest)).toEqual([
      { username: "admin", resource: "au1+ci", resource_type: "robot", operation: "create", operation_description: "create robot: au1+ci", operation_result: true },
      { username: "admin", resource: "au1", resource_type: "project", operation: "create", operation_description: "create project: au1", operation_result: true },
      { username: "robot$au1+ci", resource: `au1/app@${digest}`, resource_type: "artifact", operation: "pull", operation_description: `pull artifact: au1/app@${digest}`, operation_result: true },
      { username: "robot$au1+ci", resource: "au1/app:v1", resource_type: "artifact", operation: "create", operation_description: expect.stringMatching(/^push artifact: au1\/app@sha256:/), operation_result: true },
    ]);
    expect(res.entries.slice(2).map((e) => e.op_time)).toEqual([at("2026-01-11T09:30:00Z"), at("2026-01-10T08:00:00Z")]);
    // A push creates the repository, so the project can no longer be deleted.
    expect((await api("DELETE", "/projects/au1", { auth: ADMIN })).status).toBe(412);
  });

  it("filters with q as Harbor's ORM does: or-lists, exact names with '+', inclusive time ranges, case-insensitive fuzzy", async () => {
    await project("au2");
    await activity("au2", { username: "robot$au2+ci", operation: "push", repository: "app", tag: "v1", at: "2026-02-01T00:00:00Z" });
    await activity("au2", { username: "robot$au2+ci", operation: "pull", repository: "app", tag: "v1", at: "2026-02-03T12:00:00Z", count: 2 });
    await activity("au2", { username: "alice", operation: "pull", repository: "app", tag: "v1", at: "2026-02-05T00:00:00Z" });
    const usernames = async (value: string) => (await logs(`/projects/au2/auditlog-exts?q=${q(value)}`)).entries.map((e) => `${String(e.username)}:${String(e.operation)}`);
    expect(await usernames("operation={pull create},resource_type=artifact")).toEqual(["alice:pull", "robot$au2+ci:pull", "robot$au2+ci:pull", "robot$au2+ci:create"]);
    expect(await usernames("username=robot$au2+ci,operation=pull")).toEqual(["robot$au2+ci:pull", "robot$au2+ci:pull"]);
    expect(await usernames("op_time=[2026-02-01 00:00:00~2026-02-03 12:00:00],resource_type=artifact")).toEqual(["robot$au2+ci:pull", "robot$au2+ci:pull", "robot$au2+ci:create"]);
    expect(await usernames("op_time=[2026-02-04 00:00:00~2026-03-01 00:00:00]")).toEqual(["alice:pull"]);
    expect(await usernames("username=~ROBOT,operation=pull")).toEqual(["robot$au2+ci:pull", "robot$au2+ci:pull"]);
    // Keys Harbor's model does not know are dropped without a word; operation_description is not a column.
    expect(await usernames("colour=blue,operation_description=~push,resource_type=artifact")).toHaveLength(4);
    // Sent with a single encoding, Harbor's second unescape turns "+" into a space and nothing matches.
    const once = await logs(`/projects/au2/auditlog-exts?q=${encodeURIComponent("username=robot$au2+ci")}`);
    expect([once.status, once.entries]).toEqual([200, []]);
    const malformed = await api("GET", `/projects/au2/auditlog-exts?q=${q("operation")}`, { auth: ADMIN });
    expect([malformed.status, malformed.json]).toEqual([400, harborError("BAD_REQUEST", 'the query string must contain "=" and the key/value cannot be empty')]);
    // A value PostgreSQL cannot cast fails the query: Harbor answers 500.
    for (const bad of ["op_time=[yesterday~]", "op_time=~2026", "id=abc"]) {
      const res = await api("GET", `/projects/au2/auditlog-exts?q=${q(bad)}`, { auth: ADMIN });
      expect([bad, res.status, res.json]).toEqual([bad, 500, harborError("UNKNOWN", "internal server error")]);
    }
  });

  it("sorts, pages with page_size up to 100, X-Total-Count and Link; page_size over 100 is 422, 0 means no limit", async () => {
    await project("au3");
    await activity("au3", { username: "robot$au3+ci", operation: "push", repository: "app", tag: "v1", at: "2026-03-01T00:00:00Z" });
    await activity("au3", { username: "robot$au3+ci", operation: "pull", repository: "app", tag: "v1", at: "2026-03-02T00:00:00Z", count: 249 });
    const base = `/projects/au3/auditlog-exts?q=${q("resource_type=artifact")}`;
    const first = await logs(`${base}&page_size=100`);
    expect([first.entries.length, first.headers.get("x-total-count")]).toEqual([100, "250"]);
    expect(first.headers.get("link")).toBe('</api/v2.0/projects/au3/auditlog-exts?page=2&page_size=100&q=resource_type=artifact>; rel="next"');
    const third = await logs(`${base}&page_size=100&page=3`);
    expect(third.entries.length).toBe(50);
    expect(third.headers.get("link")).toBe('</api/v2.0/projects/au3/auditlog-exts?page=2&page_size=100&q=resource_type=artifact>; rel="prev"');
    expect(third.entries.at(-1)?.operation).toBe("create");
    const ids = [...first.entries, ...(await logs(`${base}&page_size=100&page=2`)).entries, ...third.entries].map((e) => e.id);
    expect(new Set(ids).size).toBe(250);
    const ascending = await logs(`${base}&sort=op_time&page_size=1`);
    expect(ascending.entries.map((e) => e.operation)).toEqual(["create"]);
    expect((await logs(`${base}&sort=colour&page_size=1`)).entries[0]?.operation).toBe("pull");
    expect((await logs(base)).entries).toHaveLength(10);
    const all = await logs(`${base}&page_size=0`);
    expect([all.entries.length, all.headers.get("link")]).toEqual([250, null]);
    const big = await api("GET", `${base}&page_size=101`, { auth: ADMIN });
    expect([big.status, big.json]).toEqual([422, harborError("UNPROCESSABLE_ENTITY", "validation failure list:\npage_size in query should be less than or equal to 100")]);
  });

  it("lets the admin, and robots holding log:list, read a project's log; 401 and 403 otherwise", async () => {
    await project("au4", { metadata: { public: "true" } });
    await project("au5");
    const reader = await robotWith("au4", "reader", [{ resource: "log", action: "list" }]);
    const puller = await robotWith("au4", "puller", [{ resource: "repository", action: "pull" }]);
    const berth = await systemRobot("berth-logs", [], [{ resource: "log", action: "list" }]);
    expect((await logs("/projects/au4/auditlog-exts", reader.auth)).status).toBe(200);
    expect((await logs("/projects/au4/auditlog-exts", berth.auth)).headers.get("x-total-count")).toBe("3");
    expect((await logs("/projects/au5/auditlog-exts", berth.auth)).status).toBe(200);
    expect((await api("GET", "/projects/au5/auditlog-exts", { auth: reader.auth })).json).toEqual(harborError("FORBIDDEN", "forbidden"));
    expect((await api("GET", "/projects/au4/auditlog-exts", { auth: puller.auth })).json).toEqual(harborError("FORBIDDEN", "forbidden"));
    // A public project's log is not public.
    expect((await api("GET", "/projects/au4/auditlog-exts")).json).toEqual(harborError("UNAUTHORIZED", "unauthorized"));
    expect((await api("GET", "/projects/ghost/auditlog-exts", { auth: ADMIN })).json).toEqual(harborError("NOT_FOUND", "project ghost not found"));
    expect((await api("GET", "/projects/ghost/auditlog-exts", { auth: berth.auth })).json).toEqual(harborError("FORBIDDEN", "forbidden"));
  });

  it("shows the system-wide log to admins and audit-log:list robots, an empty 200 to other robots, the event types only with audit-log:list", async () => {
    await project("au6");
    await activity("au6", { username: "robot$au6+ci", operation: "push", repository: "app" });
    const auditor = await systemRobot("auditor", [{ resource: "audit-log", action: "list" }]);
    const other = await systemRobot("other", [{ resource: "quota", action: "list" }], [{ resource: "log", action: "list" }]);
    const admin = await logs(`/auditlog-exts?q=${q("resource_type=artifact")}`);
    expect(admin.entries.map((e) => e.resource)).toEqual([expect.stringMatching(/^au6\/app@sha256:/)]);
    expect((await logs("/auditlog-exts", auditor.auth)).headers.get("x-total-count")).toBe(String(emulator.state().auditLogs.length));
    // Harbor narrows a non-admin to projects where it is a member with log:list; a robot is never a member.
    const narrowed = await logs("/auditlog-exts", other.auth);
    expect([narrowed.status, narrowed.entries, narrowed.headers.get("x-total-count")]).toEqual([200, [], "0"]);
    expect((await api("GET", "/auditlog-exts")).json).toEqual(harborError("UNAUTHORIZED", ""));
    const types = (await api("GET", "/auditlog-exts/events", { auth: auditor.auth })).json as { event_type: string }[];
    expect(types.map((t) => t.event_type)).toEqual(expect.arrayContaining(["pull_artifact", "create_artifact", "delete_artifact", "create_robot"]));
    expect(types).toHaveLength(14);
    expect((await api("GET", "/auditlog-exts/events", { auth: other.auth })).json).toEqual(harborError("FORBIDDEN", other.name));
    expect((await api("GET", "/auditlog-exts/events")).status).toBe(401);
  });

  it("simulates Harbor with pull logging off, an event type disabled, or the database skipped", async () => {
    await project("au7");
    const push = { username: "robot$au7+ci", operation: "push", repository: "app", tag: "v1" };
    const pull = { ...push, operation: "pull" };
    expect((await control("PUT", "/audit-logging", { pullAuditLogDisable: true })).json).toMatchObject({ pullAuditLogDisable: true });
    expect((await activity("au7", push)).json).toEqual({ project: "au7", logged: 1 });
    expect((await activity("au7", pull)).json).toEqual({ project: "au7", logged: 0 });
    await control("PUT", "/audit-logging", { pullAuditLogDisable: false, disabledEventTypes: ["Create_Artifact"] });
    expect((await activity("au7", push)).json).toMatchObject({ logged: 0 });
    expect((await activity("au7", pull)).json).toMatchObject({ logged: 1 });
    const refused = await control("PUT", "/audit-logging", { skipAuditLogDatabase: true });
    expect([refused.status, refused.json]).toEqual([400, harborError("BAD_REQUEST", "audit log forward endpoint should be configured before enable skip audit log in database")]);
    await control("PUT", "/audit-logging", { disabledEventTypes: [], auditLogForwardEndpoint: "syslog.example:514", skipAuditLogDatabase: true });
    const before = emulator.state().auditLogs.length;
    await project("au8");
    expect((await activity("au7", push)).json).toMatchObject({ logged: 0 });
    expect(emulator.state().auditLogs.length).toBe(before);
    const res = await logs(`/projects/au7/auditlog-exts?q=${q("resource_type=artifact")}`);
    expect(res.entries.map((e) => e.operation)).toEqual(["pull", "create"]);
    emulator.reset();
    expect(emulator.auditLogging()).toEqual({ pullAuditLogDisable: false, skipAuditLogDatabase: false, auditLogForwardEndpoint: "", disabledEventTypes: [] });
  });

  it("refuses bad activity clearly and changes nothing", async () => {
    await project("au9");
    const before = emulator.state().auditLogs.length;
    const cases: [Record<string, unknown>, number, string][] = [
      [{ operation: "pull", repository: "app" }, 400, "username is required (a robot's full name, e.g. robot$team-a+ci, or a user's name)"],
      [{ username: "u", operation: "delete", repository: "app" }, 400, 'operation must be "pull" or "push"'],
      [{ username: "u", operation: "push", repository: "App" }, 400, "repository must be a repository name inside the project, e.g. app"],
      [{ username: "u", operation: "push", repository: "app", at: "soon" }, 400, "at must be an ISO 8601 time, e.g. 2026-01-02T03:04:05Z"],
      [{ username: "u", operation: "push", repository: "app", at: new Date(Date.now() + 3_600_000).toISOString() }, 400, "at must not be in the future"],
      [{ username: "u", operation: "push", repository: "app", count: 0 }, 400, "count must be an integer from 1 to 10000"],
      [{ username: "u", operation: "pull", repository: "app" }, 404, "repository au9/app not found"],
    ];
    for (const [body, status, message] of cases) {
      const res = await activity("au9", body);
      expect([res.status, (res.json as { errors: { message: string }[] }).errors[0]?.message]).toEqual([status, message]);
    }
    expect((await activity("ghost", { username: "u", operation: "push", repository: "app" })).status).toBe(404);
    expect(emulator.state().auditLogs.length).toBe(before);
    expect(emulator.state().projects.find((p) => p.name === "au9")?.repositories).toEqual([]);
  });
});

describe("registry and token service (docker login)", () => {
  it("challenges /v2/, issues tokens only for what the robot may do, and accepts them", async () => {
    await project("reg");
    const bot = await pullRobot("reg");
    const challenge = await api("GET", "/v2/");
    expect(challenge.status).toBe(401);
    expect(challenge.headers.get("www-authenticate")).toBe(`Bearer realm="${emulator.url}/service/token",service="harbor-registry"`);
    const tokenFor = (auth?: string) => api("GET", `/service/token?service=harbor-registry&scope=${encodeURIComponent("repository:reg/app:pull,push")}`, { auth });
    const ok = await tokenFor(bot.auth);
    expect(ok.status).toBe(200);
    const body = ok.json as { token: string; access_token: string; expires_in: number; issued_at: string };
    expect(body).toMatchObject({ access_token: body.token, expires_in: expect.any(Number), issued_at: expect.any(String) });
    const claims = JSON.parse(Buffer.from(body.token.split(".")[1] ?? "", "base64url").toString()) as { sub: string; access: unknown };
    expect(claims).toMatchObject({ sub: bot.name, access: [{ type: "repository", name: "reg/app", actions: ["pull"] }] });
    expect((await tokenFor(basic(bot.name, "wrong"))).status).toBe(401);
    expect((await tokenFor()).status).toBe(401);
    expect((await api("GET", "/v2/", { headers: { Authorization: `Bearer ${body.token}` } })).status).toBe(200);
    expect((await api("GET", "/v2/", { auth: bot.auth })).status).toBe(200);
  });
});

describe("fault injection and control", () => {
  const control = (method: string, p: string, body?: unknown) => api(method, `/__emulator${p}`, { body });

  it("is switchable over HTTP and never affects /__emulator itself", async () => {
    expect((await control("PUT", "/faults", { down: true, latencyMs: 5 })).json).toMatchObject({ down: true, latencyMs: 5 });
    expect((await control("GET", "/faults")).json).toMatchObject({ down: true, errorRate: 0, errorStatus: 503, timeoutRate: 0 });
    await expect(fetch(`${emulator.url}/api/v2.0/ping`)).rejects.toThrow();
    expect((await control("PUT", "/faults", { errorRate: 2 })).status).toBe(400);
    expect((await control("PUT", "/faults", { down: false, latencyMs: 0 })).status).toBe(200);
    expect((await api("GET", "/ping")).status).toBe(200);
    await project("ctl");
    expect((await control("POST", "/projects/ctl/repositories", { name: "app" })).status).toBe(201);
    expect((await api("GET", "/projects/ctl", { auth: ADMIN })).json).toMatchObject({ repo_count: 1 });
    expect((await control("GET", "/stats")).json).toMatchObject({ byRoute: { "GET /projects/{project_name_or_id}": 1, "POST /projects": 1 } });
    await control("POST", "/stats/reset");
    expect((await control("GET", "/stats")).json).toEqual({ total: 0, byRoute: {} });
    expect((await control("POST", "/reset")).status).toBe(200);
    expect((await api("GET", "/projects/ctl", { auth: ADMIN })).status).toBe(404);
  });

  it("counts latency from the request's arrival: a change is made at once, its answer comes latencyMs later", async () => {
    emulator.faults({ latencyMs: 400 });
    const started = performance.now();
    const answer = api("POST", "/projects", { auth: ADMIN, body: { project_name: "slowly", metadata: { public: "false" } } });
    let answered = false;
    void answer.then(() => (answered = true));
    await expect.poll(() => emulator.state().projects.some((p) => p.name === "slowly"), { interval: 10, timeout: 300 }).toBe(true);
    expect(answered).toBe(false);
    expect((await answer).status).toBe(201);
    expect(performance.now() - started).toBeGreaterThanOrEqual(395);
    emulator.faults({ latencyMs: 0 });
  });

  it("adds latency, answers 5xx from the proxy (HTML) or from Harbor (JSON), and can stay silent", async () => {
    emulator.faults({ latencyMs: 120 });
    const started = Date.now();
    await api("GET", "/ping");
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    emulator.faults({ latencyMs: 0, errorRate: 1, errorStatus: 502 });
    const proxy = await api("GET", "/ping");
    expect([proxy.status, proxy.headers.get("content-type")]).toEqual([502, "text/html"]);
    expect(proxy.text).toContain("502 Bad Gateway");
    emulator.faults({ errorStatus: 500 });
    expect((await api("GET", "/ping")).json).toEqual(harborError("UNKNOWN", "internal server error"));
    emulator.faults({ errorRate: 0, timeoutRate: 1 });
    await expect(fetch(`${emulator.url}/api/v2.0/ping`, { signal: AbortSignal.timeout(150) })).rejects.toThrow();
    emulator.faults({ timeoutRate: 0 });
  });
});

describe("state file", () => {
  it("survives a restart and holds no robot secret", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "harbor-emulator-"));
    const stateFile = path.join(dir, "harbor-emulator.json");
    try {
      const first = await startHarborEmulator({ stateFile });
      const auth = basic("admin", first.adminPassword);
      await fetch(`${first.url}/api/v2.0/projects`, { method: "POST", headers: { Authorization: auth, "Content-Type": "application/json" }, body: JSON.stringify({ project_name: "kept" }) });
      const res = await fetch(`${first.url}/api/v2.0/robots`, {
        method: "POST",
        headers: { Authorization: auth, "Content-Type": "application/json" },
        body: JSON.stringify({ name: "ci", level: "project", duration: 1, permissions: [{ kind: "project", namespace: "kept", access: [{ resource: "project", action: "read" }] }] }),
      });
      const { secret, name } = (await res.json()) as { secret: string; name: string };
      await first.close();
      expect(fs.readFileSync(stateFile, "utf8")).not.toContain(secret);
      const second = await startHarborEmulator({ stateFile });
      const got = await fetch(`${second.url}/api/v2.0/projects/kept`, { headers: { Authorization: basic(name, secret) } });
      expect(got.status).toBe(200);
      await second.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
