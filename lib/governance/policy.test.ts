import { describe, expect, it } from "vitest";
import type { AnyPayload } from "../core/payloads";
import { evaluatePolicy, latestEndDate, type PolicyConfig, type PolicyFacts } from "./policy";

const config: PolicyConfig = { selfServiceQuotaGiB: 100, maxQuotaGiB: 10240, externalGroupPattern: "ext-*", externalMaxRoleId: 2, externalMaxDays: 90, internalMaxDays: 365, robotMaxDays: 180 };
const now = new Date("2026-11-26T10:00:00Z");
const project = { name: "finance-api", ownerGroup: "finance-devs", state: "ACTIVE", quotaGiB: 20 };
const baseFacts: PolicyFacts = {
  now,
  requesterGroups: ["team-leads", "finance-devs"],
  requesterIsApprover: false,
  project,
  allowedRobotPermissions: new Set(["repository:pull", "repository:push", "artifact:delete", "tag:list"]),
};
const days = (n: number) => new Date(now.getTime() + n * 86400_000);

function run(request: AnyPayload, endsAt: Date | null = null, facts: Partial<PolicyFacts> = {}) {
  return evaluatePolicy({ ...request, endsAt } as AnyPayload & { endsAt: Date | null }, { ...baseFacts, ...facts }, config);
}
const failed = (o: ReturnType<typeof run>) => o.violations.map((v) => v.id).sort();

const access = (groupName: string, roleId: number): AnyPayload => ({ kind: "GROUP_ACCESS", payload: { projectName: "finance-api", groupName, roleId, replacesGrantId: null, previousRoleId: null } });
const robot = (perms: [string, string][], lifetimeDays = 30): AnyPayload => ({
  kind: "ROBOT_ACCOUNT",
  payload: { projectName: "finance-api", robotName: "ci", description: "", preset: "custom", permissions: perms.map(([resource, action]) => ({ resource, action })), lifetimeDays },
});
const newProject = (quotaGiB: number, ownerGroup = "finance-devs"): AnyPayload => ({ kind: "NEW_PROJECT", payload: { projectName: "finance-api", ownerGroup, template: "standard", quotaGiB } });

describe("evaluatePolicy", () => {
  it.each([
    // [case, request, endsAt, facts, violations, approvals]
    ["project within the self-service quota", newProject(20), null, {}, [], 1],
    ["project at the self-service limit", newProject(100), null, {}, [], 1],
    ["project above the self-service quota needs two", newProject(101), null, {}, [], 2],
    ["project above the maximum quota", newProject(20_000), null, {}, ["quota-max"], 2],
    ["project owned by someone else's group", newProject(20, "payments-devs"), null, {}, ["owner-group"], 1],
    ["project owned by an external group", newProject(20, "ext-acme"), null, { requesterGroups: ["ext-acme"] }, ["owner-not-external"], 1],
    ["project whose name exists in Harbor", newProject(20), null, { nameTakenIn: "harbor" as const }, ["name-free"], 1],
    ["project whose name is pending", newProject(20), null, { nameTakenIn: "pending" as const }, ["name-free"], 1],
    ["internal developer without end date", access("payments-devs", 2), null, {}, [], 1],
    ["internal maintainer", access("payments-devs", 4), days(30), {}, [], 1],
    ["project admin needs two approvals", access("platform-admins", 1), null, {}, [], 2],
    ["external developer for 30 days", access("ext-acme", 2), days(30), {}, [], 1],
    ["external guest for 90 days exactly", access("ext-acme", 3), latestEndDate(now, 90), {}, [], 1],
    ["external maintainer is refused", access("ext-acme", 4), days(30), {}, ["external-role"], 1],
    ["external project admin is refused and needs two", access("ext-acme", 1), days(30), {}, ["external-role"], 2],
    ["external without an end date", access("ext-acme", 2), null, {}, ["external-end-date"], 1],
    ["external for 91 days", access("ext-acme", 2), latestEndDate(now, 91), {}, ["external-end-date"], 1],
    ["end date in the past", access("payments-devs", 2), days(-1), {}, ["end-date-future"], 1],
    ["access to a project that is not managed", access("payments-devs", 2), null, { project: null }, ["project-managed"], 1],
    ["access to a project still provisioning", access("payments-devs", 2), null, { project: { ...project, state: "PROVISIONING" } }, ["project-managed"], 1],
    ["access asked by someone outside the owner group", access("payments-devs", 2), null, { requesterGroups: ["team-leads"] }, ["project-owner"], 1],
    ["access asked by an approver outside the owner group", access("payments-devs", 2), null, { requesterGroups: ["registry-admins"], requesterIsApprover: true }, [], 1],
    ["a second pending request for the same group", access("payments-devs", 2), null, { pendingDuplicate: true }, ["no-duplicate"], 1],
    ["push + pull robot for 30 days", robot([["repository", "pull"], ["repository", "push"]]), null, {}, [], 1],
    ["robot that may delete needs two", robot([["repository", "pull"], ["artifact", "delete"]]), null, {}, [], 2],
    ["robot that never expires", robot([["repository", "pull"]], 0), null, {}, ["robot-expiry"], 1],
    ["robot for 181 days", robot([["repository", "pull"]], 181), null, {}, ["robot-expiry"], 1],
    ["robot with an unknown permission", robot([["repository", "pull"], ["cluster", "own"]]), null, {}, ["robot-permissions"], 1],
    ["robot whose name is taken", robot([["repository", "pull"]]), null, { grant: { id: "g", state: "ACTIVE", subjectType: "ROBOT" as const, subjectName: "ci", roleId: null, endsAt: days(3), permissions: [] } }, ["robot-name-free"], 1],
  ])("%s", (_name, request, endsAt, facts, violations, approvals) => {
    const outcome = run(request as AnyPayload, endsAt as Date | null, facts as Partial<PolicyFacts>);
    expect(failed(outcome)).toEqual([...(violations as string[])].sort());
    expect(outcome.requiredApprovals).toBe(approvals);
  });

  it("refuses a role change to the role the group already has, and explains a real change", () => {
    const grant = { id: "g1", state: "ACTIVE", subjectType: "GROUP" as const, subjectName: "payments-devs", roleId: 2, endsAt: null, permissions: null };
    expect(failed(run(access("payments-devs", 2), null, { grant }))).toEqual(["role-changes"]);
    const change = run(access("payments-devs", 4), null, { grant });
    expect(change.violations).toEqual([]);
    expect(change.checks.find((c) => c.id === "role-changes")?.reason).toBe("Changes payments-devs from Developer to Maintainer.");
  });

  it("always shows the four-eyes rule and the number of approvals, with the reasons for two", () => {
    const outcome = run(access("platform-admins", 1));
    expect(outcome.checks.find((c) => c.id === "four-eyes")).toMatchObject({ pass: true, blocking: false });
    expect(outcome.checks.find((c) => c.id === "approvals")?.reason).toBe("Two different approvers: Project Admin role.");
  });

  it("follows configuration: a stricter external pattern and role", () => {
    const strict = { ...config, externalGroupPattern: "vendor-*", externalMaxRoleId: 3 as const, externalMaxDays: 30 };
    const outcome = evaluatePolicy({ ...access("vendor-x", 2), endsAt: days(31) } as AnyPayload & { endsAt: Date }, baseFacts, strict);
    expect(outcome.violations.map((v) => v.id).sort()).toEqual(["external-end-date", "external-role"]);
    // ext-acme is no longer external under this configuration
    expect(evaluatePolicy({ ...access("ext-acme", 4), endsAt: null } as AnyPayload & { endsAt: null }, baseFacts, strict).violations).toEqual([]);
  });

  it("judges extensions against the grant they extend", () => {
    const grant = { id: "g", state: "ACTIVE", subjectType: "GROUP" as const, subjectName: "ext-acme", roleId: 2, endsAt: days(10), permissions: null };
    const ext = (to: Date): AnyPayload => ({ kind: "GRANT_EXTENSION", payload: { projectName: "finance-api", grantId: "g", subjectType: "GROUP", subjectName: "ext-acme", previousEndsAt: days(10).toISOString(), newEndsAt: to.toISOString() } });
    expect(failed(run(ext(days(60)), days(60), { grant }))).toEqual([]);
    expect(failed(run(ext(days(5)), days(5), { grant }))).toEqual(["extends"]);
    expect(failed(run(ext(days(120)), days(120), { grant }))).toEqual(["external-end-date"]);
    expect(failed(run(ext(days(60)), days(60), { grant: { ...grant, state: "EXPIRED" } }))).toEqual(["grant-active"]);
  });

  it("needs two approvals for a quota change above the self-service limit", () => {
    const q = (quotaGiB: number): AnyPayload => ({ kind: "QUOTA_CHANGE", payload: { projectName: "finance-api", quotaGiB, previousQuotaGiB: 20 } });
    expect(run(q(50)).requiredApprovals).toBe(1);
    expect(run(q(500)).requiredApprovals).toBe(2);
    expect(failed(run(q(20)))).toEqual(["quota-changes"]);
  });
});

describe("risk and reach (issue 10)", () => {
  it.each([
    ["a robot that may add members", [["repository", "pull"], ["member", "create"]], ["robot may give people access"]],
    ["a robot that may change members' roles", [["member", "update"]], ["robot may give people access"]],
    ["a robot that may create robots", [["robot", "create"]], ["robot may create or change robots"]],
    ["a robot that may change project settings", [["project", "update"]], ["robot may change project settings"]],
  ] as [string, [string, string][], string[]][])("%s needs two approvers", (_name, perms, reasons) => {
    const allowed = new Set(perms.map(([r, a]) => `${r}:${a}`));
    const outcome = run(robot(perms), null, { allowedRobotPermissions: allowed });
    expect(outcome.violations).toEqual([]);
    expect(outcome.requiredApprovals).toBe(2);
    expect(outcome.checks.find((c) => c.id === "approvals")?.reason).toBe(`Two different approvers: ${reasons.join("; ")}.`);
  });

  it("keeps a pull and push robot at one approver", () => {
    expect(run(robot([["repository", "pull"], ["repository", "push"]])).requiredApprovals).toBe(1);
  });

  it("refuses an internal group's end date beyond the configured maximum, and accepts none at all", () => {
    expect(failed(run(access("payments-devs", 2), latestEndDate(now, 365)))).toEqual([]);
    expect(failed(run(access("payments-devs", 2), latestEndDate(now, 366)))).toEqual(["internal-end-date"]);
    expect(failed(run(access("payments-devs", 2), new Date("9999-12-31T23:59:59.999Z")))).toEqual(["internal-end-date"]);
    expect(failed(run(access("payments-devs", 2), null))).toEqual([]);
  });
});
