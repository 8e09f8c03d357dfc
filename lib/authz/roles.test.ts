import { describe, expect, it } from "vitest";
import { can, permissionsOf } from "./permissions";
import { mapGroupsToRoles, type RoleGroups } from "./roles";

const demo: RoleGroups = { approver: ["registry-admins"], auditor: ["auditors"], requester: ["team-leads"] };

describe("mapGroupsToRoles", () => {
  it("maps the demo users' groups as the README's demo users table says", () => {
    expect(mapGroupsToRoles(["team-leads", "finance-devs"], demo).roles).toEqual(["requester"]);
    expect(mapGroupsToRoles(["registry-admins"], demo).roles).toEqual(["requester", "approver"]);
    expect(mapGroupsToRoles(["auditors"], demo).roles).toEqual(["auditor"]);
    expect(mapGroupsToRoles(["ext-acme"], demo).roles).toEqual([]);
  });

  it("explains which groups grant each role", () => {
    const { via } = mapGroupsToRoles(["team-leads", "auditors", "x"], demo);
    expect(via).toEqual({ requester: ["team-leads"], approver: [], auditor: ["auditors"] });
  });

  it("lets approvers make requests through their approver group", () => {
    expect(mapGroupsToRoles(["registry-admins"], demo).via.requester).toEqual(["registry-admins"]);
  });

  it("makes every signed-in user a requester when no requester groups are set", () => {
    const open = { ...demo, requester: [] };
    expect(mapGroupsToRoles([], open).roles).toEqual(["requester"]);
    expect(mapGroupsToRoles(["ext-acme"], open).roles).toEqual(["requester"]);
  });

  it("matches group names exactly (no prefix or case folding)", () => {
    expect(mapGroupsToRoles(["Registry-Admins", "registry-admins-old", "auditor"], demo).roles).toEqual([]);
  });

  it("gives nothing without groups", () => {
    expect(mapGroupsToRoles([], demo)).toEqual({ roles: [], via: { requester: [], approver: [], auditor: [] } });
  });
});

describe("permissions", () => {
  it("lets only approvers decide and only auditors and approvers read the audit trail", () => {
    expect(can({ roles: ["requester"] }, "request:decide")).toBe(false);
    expect(can({ roles: ["auditor"] }, "request:decide")).toBe(false);
    expect(can({ roles: ["approver"] }, "request:decide")).toBe(true);
    expect(can({ roles: ["requester"] }, "audit:read")).toBe(false);
    expect(can({ roles: ["auditor"] }, "audit:read")).toBe(true);
  });

  it("shows the notification delivery log to approvers and auditors, and lets only approvers send a delivery again", () => {
    expect(["requester", "approver", "auditor"].map((r) => can({ roles: [r as "requester"] }, "notify:read-log"))).toEqual([false, true, true]);
    expect(["requester", "approver", "auditor"].map((r) => can({ roles: [r as "requester"] }, "notify:retry"))).toEqual([false, true, false]);
  });

  it("keeps auditors read-only", () => {
    const writes = permissionsOf(["auditor"]).filter((p) => !/:read|:export|portal:use/.test(p));
    expect(writes).toEqual([]);
  });

  it("gives a user without roles nothing", () => {
    expect(permissionsOf([])).toEqual([]);
  });
});
