import { describe, expect, it } from "vitest";
import { describeFinding } from "../core/drift";
import { findDrift, type DriftGrant } from "./drift";

function grant(over: Partial<DriftGrant> & { id: string; subjectName: string }): DriftGrant {
  return { subjectType: "GROUP", state: "ACTIVE", roleId: 2, roleLabel: "Developer", harborRobotId: null, robotName: null, permissions: null, endsAt: null, request: { id: `r-${over.id}`, number: 7 }, ...over };
}

const member = (entityName: string, roleId = 2, roleName = "developer", entityType = "g") => ({ entityName, entityType, roleId, roleName });

describe("drift between Harbor and Berth", () => {
  it("finds nothing when Harbor holds exactly the active grants", () => {
    const report = findDrift({ members: [member("finance-devs", 4, "maintainer"), member("ext-acme")], grants: [grant({ id: "1", subjectName: "finance-devs", roleId: 4, roleLabel: "Maintainer" }), grant({ id: "2", subjectName: "ext-acme" })] });
    expect(report.findings).toEqual([]);
  });

  it("reports a member added in Harbor directly, and one whose grant was revoked but is still there", () => {
    const report = findDrift({
      members: [member("finance-devs"), member("sneaky"), member("ext-old")],
      grants: [grant({ id: "1", subjectName: "finance-devs" }), grant({ id: "2", subjectName: "ext-old", state: "REVOKED" })],
    });
    expect(report.findings).toEqual([
      { kind: "unexplained-member", name: "sneaky", entityType: "group", roleName: "developer" },
      { kind: "unexplained-member", name: "ext-old", entityType: "group", roleName: "developer" },
    ]);
  });

  it("reports an active grant whose member is missing in Harbor, and a role changed in Harbor", () => {
    const report = findDrift({
      members: [member("finance-devs", 1, "projectAdmin")],
      grants: [grant({ id: "1", subjectName: "finance-devs" }), grant({ id: "2", subjectName: "ext-acme", roleId: 3, roleLabel: "Guest" })],
    });
    expect(report.findings.map((f) => f.kind)).toEqual(["role-differs", "missing-member"]);
    expect(report.findings.map(describeFinding)).toEqual([
      "The group finance-devs is projectAdmin in Harbor, but Developer was approved (request #7).",
      "The group ext-acme was approved as Guest (request #7) but is not a member in Harbor.",
    ]);
  });

  it("explains Harbor's own creator account and grants still being provisioned, but not other users", () => {
    const report = findDrift({
      members: [member("admin", 1, "projectAdmin", "u"), member("mallory", 1, "projectAdmin", "u"), member("new-team")],
      grants: [grant({ id: "1", subjectName: "new-team", state: "PENDING" })],
      harborOwner: "admin",
    });
    expect(report.explained.map((e) => e.name)).toEqual(["admin", "new-team"]);
    expect(report.findings).toEqual([{ kind: "unexplained-member", name: "mallory", entityType: "user", roleName: "projectAdmin" }]);
  });

  it("matches robots by Harbor id, or by name before Harbor gave an id", () => {
    const report = findDrift({
      members: [],
      robots: [{ id: 11, name: "robot$finance+ci" }, { id: 12, name: "robot$finance+pull" }, { id: 13, name: "robot$finance+manual" }],
      grants: [
        grant({ id: "1", subjectType: "ROBOT", subjectName: "ci", roleId: null, harborRobotId: 11, robotName: "robot$finance+ci" }),
        grant({ id: "2", subjectType: "ROBOT", subjectName: "pull", roleId: null, robotName: "robot$finance+pull" }),
        grant({ id: "3", subjectType: "ROBOT", subjectName: "gone", roleId: null, harborRobotId: 99, robotName: "robot$finance+gone" }),
      ],
    });
    expect(report.findings).toEqual([
      { kind: "unexplained-robot", name: "robot$finance+manual" },
      { kind: "missing-robot", grantId: "3", name: "robot$finance+gone", request: { id: "r-3", number: 7 } },
    ]);
  });

  it("leaves robots alone when Harbor's robot list is not known", () => {
    const report = findDrift({ members: [], robots: null, grants: [grant({ id: "1", subjectType: "ROBOT", subjectName: "ci", roleId: null, harborRobotId: 11 })] });
    expect(report.findings).toEqual([]);
  });
});

describe("robots whose permissions or expiry changed in Harbor (issue 10, 1)", () => {
  const ends = new Date("2027-03-01T10:00:00.000Z");
  const robotGrant = grant({ id: "r1", subjectType: "ROBOT", subjectName: "ci", roleId: null, roleLabel: "—", harborRobotId: 41, robotName: "robot$p+ci", permissions: ["repository:pull"], endsAt: ends });
  const live = (over: Partial<{ permissions: string[]; expiresAt: number }> = {}) => ({ id: 41, name: "robot$p+ci", permissions: ["repository:pull"], expiresAt: ends.getTime() / 1000, ...over });

  it("finds nothing when the robot holds what was approved, until when it was approved (up to a day later: Harbor counts whole days)", () => {
    expect(findDrift({ members: [], robots: [live()], grants: [robotGrant] }).findings).toEqual([]);
    expect(findDrift({ members: [], robots: [live({ expiresAt: ends.getTime() / 1000 + 20 * 3600 })], grants: [robotGrant] }).findings).toEqual([]);
  });

  it("finds permissions added in Harbor", () => {
    const report = findDrift({ members: [], robots: [live({ permissions: ["repository:pull", "member:create"] })], grants: [robotGrant] });
    expect(report.findings).toEqual([{ kind: "robot-permissions-differ", grantId: "r1", name: "robot$p+ci", approved: ["repository:pull"], inHarbor: ["member:create", "repository:pull"], request: { id: "r-r1", number: 7 } }]);
    expect(report.findings.map(describeFinding)).toEqual(["The robot robot$p+ci may do member:create, repository:pull in Harbor, but repository:pull was approved (request #7)."]);
  });

  it("finds an expiry moved in Harbor, or removed", () => {
    const later = findDrift({ members: [], robots: [live({ expiresAt: ends.getTime() / 1000 + 30 * 86400 })], grants: [robotGrant] }).findings;
    expect(later).toMatchObject([{ kind: "robot-expiry-differs", approved: ends.toISOString(), inHarbor: new Date(ends.getTime() + 30 * 86_400_000).toISOString() }]);
    const never = findDrift({ members: [], robots: [live({ expiresAt: -1 })], grants: [robotGrant] }).findings;
    expect(never.map(describeFinding)).toEqual(["The robot robot$p+ci expires never in Harbor, but 2027-03-01 was approved (request #7)."]);
  });
});
