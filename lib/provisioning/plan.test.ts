import { describe, expect, it } from "vitest";
import { HarborError } from "../harbor/errors";
import { backoffMs, classifyError, planSteps, robotDurationDays, StepError } from "./plan";

describe("planSteps", () => {
  it("plans a new project as project, tag rule, owner membership", () => {
    const steps = planSteps({ kind: "NEW_PROJECT", projectName: "payments", ownerGroup: "payments-devs", tagPattern: "v*" });
    expect(steps.map((s) => s.key)).toEqual(["project.ensure", "tagrule.ensure", "member.ensure"]);
    expect(steps[2]!.label).toBe("Add group payments-devs as Maintainer");
  });

  it("plans group access as a new membership, or a role change on the existing one", () => {
    expect(planSteps({ kind: "GROUP_ACCESS", projectName: "p", groupName: "g", roleId: 2, replacesRoleId: null }).map((s) => s.key)).toEqual(["member.ensure"]);
    const change = planSteps({ kind: "GROUP_ACCESS", projectName: "p", groupName: "g", roleId: 4, replacesRoleId: 2 });
    expect(change.map((s) => s.key)).toEqual(["member.role"]);
    expect(change[0]!.label).toBe("Change g in p from Developer to Maintainer");
  });

  it("needs no Harbor step to extend a group grant, one to extend a robot", () => {
    const endsAt = new Date("2027-03-01T23:59:59.999Z");
    expect(planSteps({ kind: "GRANT_EXTENSION", subjectType: "GROUP", subjectName: "g", newEndsAt: endsAt })).toEqual([]);
    expect(planSteps({ kind: "GRANT_EXTENSION", subjectType: "ROBOT", subjectName: "robot$p+ci", newEndsAt: endsAt })).toEqual([{ key: "robot.extend", label: "Extend robot$p+ci in Harbor to 2027-03-01" }]);
  });

  it("removes a membership or deletes a robot to end a grant", () => {
    expect(planSteps({ kind: "EXPIRE", projectName: "p", subjectType: "GROUP", subjectName: "g" }).map((s) => s.key)).toEqual(["member.remove"]);
    expect(planSteps({ kind: "REVOKE", projectName: "p", subjectType: "ROBOT", subjectName: "robot$p+ci" }).map((s) => s.key)).toEqual(["robot.delete"]);
    expect(planSteps({ kind: "ROBOT_ACCOUNT", projectName: "p", robotName: "ci", lifetimeDays: 30 })[0]!.label).toBe("Create robot robot$p+ci, expiring after 30 days");
    expect(planSteps({ kind: "QUOTA_CHANGE", projectName: "p", quotaGiB: 50 }).map((s) => s.key)).toEqual(["quota.set"]);
    expect(planSteps({ kind: "ROBOT_ROTATION", robotName: "robot$p+ci" }).map((s) => s.key)).toEqual(["robot.rotate"]);
  });
});

describe("backoffMs", () => {
  it("doubles per attempt between half and all of the ceiling, and stops at the maximum", () => {
    expect(backoffMs(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffMs(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffMs(3, 1000, 60_000, () => 0)).toBe(2000);
    expect(backoffMs(3, 1000, 60_000, () => 1)).toBe(4000);
    expect(backoffMs(20, 1000, 60_000, () => 1)).toBe(60_000);
    expect(backoffMs(20, 1000, 60_000, () => 0)).toBe(30_000);
  });

  it("spreads retries of many jobs (jitter)", () => {
    const values = new Set(Array.from({ length: 50 }, () => backoffMs(4, 1000, 60_000)));
    expect(values.size).toBeGreaterThan(10);
    for (const v of values) expect(v).toBeGreaterThanOrEqual(4000);
  });
});

describe("robotDurationDays", () => {
  const created = Math.floor(Date.parse("2026-01-01T10:00:00Z") / 1000);
  it("counts whole days from the robot's creation, rounding up so Harbor's expiry reaches the end", () => {
    expect(robotDurationDays(created, new Date("2026-01-31T10:00:00Z"))).toBe(30);
    expect(robotDurationDays(created, new Date("2026-01-31T10:00:01Z"))).toBe(31);
    expect(robotDurationDays(created, new Date("2026-03-01T23:59:59.999Z"))).toBe(60);
  });
  it("never asks for less than a day (Harbor's -1 would mean never)", () => {
    expect(robotDurationDays(created, new Date("2025-12-01T00:00:00Z"))).toBe(1);
  });
});

describe("classifyError", () => {
  const harborError = (status: number | undefined, code: string) =>
    new HarborError({ status, code, harborMessage: "the message", requestId: "req-1", method: "POST", path: "/robots" });

  it("retries what Harbor calls transient and fails at once on a 4xx, keeping its request id", () => {
    expect(classifyError(harborError(503, "SERVICE_UNAVAILABLE"))).toMatchObject({ retryable: true, harborRequestId: "req-1", internal: false });
    expect(classifyError(harborError(undefined, "TIMEOUT"))).toMatchObject({ retryable: true });
    const bad = classifyError(harborError(400, "BAD_REQUEST"));
    expect(bad).toMatchObject({ retryable: false, harborRequestId: "req-1" });
    expect(bad.message).toBe("Harbor POST /robots: 400 BAD_REQUEST: the message");
  });

  it("shows our own refusals, and hides the text of unexpected errors", () => {
    expect(classifyError(new StepError("robot 7 no longer exists in Harbor"))).toMatchObject({ message: "robot 7 no longer exists in Harbor", retryable: false });
    const internal = classifyError(new Error("connection to postgres://berth:hunter2@db failed"));
    expect(internal.retryable).toBe(true);
    expect(internal.internal).toBe(true);
    expect(internal.message).not.toContain("hunter2");
  });

  it("keeps stored messages short", () => {
    const long = new HarborError({ status: 400, code: "BAD_REQUEST", harborMessage: "x".repeat(5000), requestId: "r", method: "PUT", path: "/x" });
    expect(classifyError(long).message.length).toBeLessThanOrEqual(500);
  });
});
