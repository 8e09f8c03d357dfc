import { describe, expect, it } from "vitest";
import { endUrgency, isOwnerMembership, permissionsText, revokeEffect, subjectLabel } from "./format";

const now = new Date("2026-03-01T12:00:00Z");
const inDays = (d: number) => new Date(now.getTime() + d * 86_400_000);

describe("grant formatting", () => {
  it("names robots the way Harbor does, unless Harbor already told us the name", () => {
    expect(subjectLabel({ subjectType: "GROUP", subjectName: "finance-devs", projectName: "finance" })).toBe("finance-devs");
    expect(subjectLabel({ subjectType: "ROBOT", subjectName: "ci", projectName: "finance" })).toBe("robot$finance+ci");
    expect(subjectLabel({ subjectType: "ROBOT", subjectName: "ci", projectName: "finance", harborRobotName: "robot$finance+ci-2" })).toBe("robot$finance+ci-2");
  });

  it("groups robot permissions by resource and ignores malformed entries", () => {
    expect(permissionsText([{ resource: "repository", action: "pull" }, { resource: "repository", action: "push" }, { resource: "artifact", action: "read" }])).toBe("repository: pull, push; artifact: read");
    expect(permissionsText([null, { resource: 1, action: "x" }])).toBe("—");
    expect(permissionsText(null)).toBe("—");
  });

  it("flags active access ending within the warning window, and access past its end", () => {
    expect(endUrgency({ state: "ACTIVE", endsAt: inDays(3) }, now, 14)).toBe("soon");
    expect(endUrgency({ state: "ACTIVE", endsAt: inDays(14) }, now, 14)).toBe("soon");
    expect(endUrgency({ state: "ACTIVE", endsAt: inDays(15) }, now, 14)).toBeNull();
    expect(endUrgency({ state: "ACTIVE", endsAt: inDays(-1) }, now, 14)).toBe("overdue");
    expect(endUrgency({ state: "ACTIVE", endsAt: null }, now, 14)).toBeNull();
    expect(endUrgency({ state: "EXPIRED", endsAt: inDays(3) }, now, 14)).toBeNull();
  });

  it("recognises the owner group's own membership only for groups", () => {
    expect(isOwnerMembership({ subjectType: "GROUP", subjectName: "finance-devs" }, "finance-devs")).toBe(true);
    expect(isOwnerMembership({ subjectType: "ROBOT", subjectName: "finance-devs" }, "finance-devs")).toBe(false);
    expect(isOwnerMembership({ subjectType: "GROUP", subjectName: "ext-acme" }, "finance-devs")).toBe(false);
  });

  it("says what a revocation does in Harbor", () => {
    expect(revokeEffect({ subjectType: "GROUP", subjectName: "ext-acme", projectName: "finance", roleLabel: "Developer" })).toMatch(/removes the group ext-acme from project finance in Harbor now/);
    expect(revokeEffect({ subjectType: "ROBOT", subjectName: "ci", projectName: "finance", roleLabel: "—" })).toMatch(/deletes robot robot\$finance\+ci from Harbor now/);
  });
});
