import { describe, expect, it } from "vitest";
import { contractCheckedFetch, harborContract } from "./contract";

const c = harborContract();
const json = { "Content-Type": "application/json" };
const messages = (r: { failures: { message: string }[] }) => r.failures.map((f) => f.message);

describe("Harbor API contract (v2.15.2 document)", () => {
  it("reads every operation and turns every definition into a schema ajv compiles", () => {
    expect(c.allOperations().length).toBeGreaterThan(200);
    expect(c.compileAllDefinitions()).toBe(Object.keys(c.doc.definitions).length);
  });

  it("matches literal segments before parameters, and paths documented with a trailing slash", () => {
    expect(c.match("GET", "/api/v2.0/usergroups/search").match?.operation.key).toBe("GET /usergroups/search");
    expect(c.match("GET", "/api/v2.0/usergroups/7").match?.operation.key).toBe("GET /usergroups/{group_id}");
    expect(c.match("GET", "/api/v2.0/projects/p/metadatas").match?.operation.key).toBe("GET /projects/{project_name_or_id}/metadatas/");
    expect(c.match("GET", "/api/v2.0/projects/p/immutabletagrules/3")).toMatchObject({ pathKnown: true, allowed: ["DELETE", "PUT"] });
  });

  describe("requests", () => {
    it("accepts what Berth's client sends", () => {
      const r = c.validateRequest({
        method: "POST",
        path: "/api/v2.0/projects/team/members",
        headers: { ...json, "X-Is-Resource-Name": "true", "X-Request-Id": "r-1" },
        body: JSON.stringify({ role_id: 2, member_group: { group_name: "devs", group_type: 3 } }),
      });
      expect(messages(r)).toEqual([]);
    });

    it("refuses undocumented query parameters and headers, bad types, limits and missing bodies", () => {
      expect(messages(c.validateRequest({ method: "GET", path: "/api/v2.0/projects?page_size=101&project_id=3" }))).toEqual([
        "project_id in query is not a documented parameter of GET /projects",
        "page_size in query should be less than or equal to 100",
      ]);
      expect(messages(c.validateRequest({ method: "GET", path: "/api/v2.0/robots?page=first" }))).toEqual(['page in query must be of type integer: "first"']);
      expect(messages(c.validateRequest({ method: "GET", path: "/api/v2.0/robots/1", headers: { "X-Is-Resource-Name": "true" } }))).toEqual([
        "X-Is-Resource-Name in header is not a documented parameter of GET /robots/{robot_id}",
      ]);
      expect(messages(c.validateRequest({ method: "POST", path: "/api/v2.0/robots", headers: json }))).toEqual(["robot in body is required"]);
      expect(messages(c.validateRequest({ method: "PUT", path: "/api/v2.0/quotas/1", headers: json, body: '{"hard":{"storage":"10"}}' }))).toEqual(["hard.hard.storage must be integer"]);
      expect(messages(c.validateRequest({ method: "POST", path: "/api/v2.0/projects", headers: json, body: "{" }))[0]).toMatch(/^parsing project body from "" failed, because /);
    });

    it("refuses fields the document does not declare, unless asked to be as lenient as Harbor", () => {
      const req = { method: "POST", path: "/api/v2.0/projects?extra=1", headers: json, body: JSON.stringify({ project_name: "a", metadata: { colour: "blue" } }) };
      expect(messages(c.validateRequest(req))).toEqual(["extra in query is not a documented parameter of POST /projects", "project.metadata.colour is not a documented property"]);
      expect(c.validateRequest(req, { allowUnknown: true }).ok).toBe(true);
    });

    it("checks requests going out through contractCheckedFetch", async () => {
      const violations: string[] = [];
      const fake = contractCheckedFetch(violations, async () => new Response("Pong"));
      await fake("http://harbor.test/api/v2.0/ping");
      await fake("http://harbor.test/api/v2.0/projects?page_size=500", { method: "GET" });
      expect(violations).toHaveLength(1);
      expect(violations[0]).toContain("page_size in query should be less than or equal to 100");
    });
  });

  describe("responses", () => {
    const res = (status: number, body: unknown, headers: Record<string, string> = json) => ({ status, headers, body: typeof body === "string" ? body : JSON.stringify(body) });

    it("accepts a documented status with a body matching its schema", () => {
      const robot = { id: 1, name: "robot$a+b", duration: null, expires_at: -1, level: "project", disable: false, editable: true, creation_time: "2026-01-02T03:04:05.678Z" };
      expect(messages(c.validateResponse({ method: "GET", path: "/api/v2.0/robots/1" }, res(200, robot)))).toEqual([]);
    });

    it("accepts Harbor's generic error statuses on any operation, with the Errors body", () => {
      const notFound = res(404, { errors: [{ code: "NOT_FOUND", message: "project x not found" }] });
      expect(c.validateResponse({ method: "GET", path: "/api/v2.0/projects/x" }, notFound).ok).toBe(true);
      expect(c.validateResponse({ method: "GET", path: "/api/v2.0/projects/x" }, res(404, { error: "nope" })).ok).toBe(false);
    });

    it("refuses statuses the document lists nowhere", () => {
      const r = c.validateResponse({ method: "GET", path: "/api/v2.0/projects/x" }, res(503, { errors: [] }));
      expect(messages(r)).toEqual(["GET /projects/{project_name_or_id} does not document status 503 (documents 200, 401, 500; generic: 400, 401, 403, 404, 405, 409, 412, 415, 422, 500)"]);
      expect(c.validateResponse({ method: "POST", path: "/api/v2.0/projects" }, res(200, "")).ok).toBe(false);
    });

    it("refuses undeclared properties, null where x-nullable is absent, and broken formats", () => {
      const bad = { id: 1.5, name: "x", expires_at: null, creation_time: "yesterday", secret_hint: "a" };
      expect(messages(c.validateResponse({ method: "GET", path: "/api/v2.0/robots/1" }, res(200, bad))).sort()).toEqual(
        [
          "response.creation_time must match format \"date-time\"",
          "response.expires_at must be integer",
          "response.id must be integer",
          "response.id must match format \"int64\"",
          "response.secret_hint is not a documented property",
        ].sort(),
      );
    });

    it("requires no body where the document declares none, text/plain for ping, JSON elsewhere", () => {
      expect(c.validateResponse({ method: "POST", path: "/api/v2.0/projects" }, res(201, "", { Location: "/api/v2.0/projects/1" })).ok).toBe(true);
      expect(messages(c.validateResponse({ method: "POST", path: "/api/v2.0/projects" }, res(201, { id: 1 })))).toEqual(["POST /projects 201 documents no body, but one was sent"]);
      expect(c.validateResponse({ method: "GET", path: "/api/v2.0/ping" }, res(200, "Pong", { "Content-Type": "text/plain" })).ok).toBe(true);
      expect(c.validateResponse({ method: "GET", path: "/api/v2.0/ping" }, res(200, "Pong", json)).ok).toBe(false);
      expect(c.validateResponse({ method: "GET", path: "/api/v2.0/health" }, res(200, "<html/>", { "Content-Type": "text/html" })).ok).toBe(false);
      expect(messages(c.validateResponse({ method: "GET", path: "/api/v2.0/robots" }, res(200, [], { ...json, "X-Total-Count": "many" })))).toEqual(['header X-Total-Count must be an integer, got "many"']);
    });

    it("accepts the router's 405 on a documented path and nothing on an unknown one", () => {
      const notAllowed = res(405, { errors: [{ code: "METHOD_NOT_ALLOWED", message: "method GET is not allowed, but [DELETE,PUT] are" }] });
      expect(c.validateResponse({ method: "GET", path: "/api/v2.0/projects/p/immutabletagrules/1" }, notAllowed).ok).toBe(true);
      expect(c.validateResponse({ method: "GET", path: "/api/v2.0/nowhere" }, res(404, { errors: [] })).ok).toBe(false);
    });
  });
});
