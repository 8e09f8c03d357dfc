import { describe, expect, it } from "vitest";
import type { DriftFinding } from "../core/drift";
import { findingsFor, suggest, usageEvidence, type UsageRead } from "./evidence";

const now = new Date("2026-06-01T00:00:00.000Z");
const o = { now, logging: "on" as const, unusedDays: 90 };
const old = new Date("2025-01-01T00:00:00.000Z");
const robot = { subjectType: "ROBOT" as const, subjectName: "deploy", grantStartsAt: old };
const group = { subjectType: "GROUP" as const, subjectName: "qa-team", grantStartsAt: old };
const read = (figures: UsageRead["figures"], extra: Partial<UsageRead> = {}): UsageRead => ({
  status: "ok",
  reason: null,
  attemptedAt: now,
  checkedAt: now,
  windowFrom: new Date("2026-03-03T00:00:00.000Z"),
  windowTo: now,
  pullsLogged: true,
  figures,
  ...extra,
});

describe("usageEvidence", () => {
  it("calls a robot unused only when Harbor was read, logs pulls and shows nothing, and suggests removal after 90 days", () => {
    const e = usageEvidence(read(null), robot, o);
    expect(e).toMatchObject({ verdict: "unused", attribution: "robot", pulls: 0, pushes: 0, lastUsed: null });
    expect(e.note).toBe("No pull or push recorded by Harbor for this robot since 2026-03-03.");
    expect(suggest(e, [], robot, o)).toEqual({ action: "remove", text: "Unused 90 days — remove" });
  });

  it("does not suggest removing a robot younger than the threshold, and says since when it was looked at", () => {
    const young = { ...robot, grantStartsAt: new Date("2026-05-30T00:00:00.000Z") };
    const e = usageEvidence(read(null), young, o);
    expect(e.note).toBe("No pull or push recorded by Harbor for this robot since it was granted on 2026-05-30.");
    expect(suggest(e, [], young, o)).toBeNull();
  });

  it("shows a robot's own pulls and pushes and its last use", () => {
    const e = usageEvidence(read({ pulls: 12, pushes: 3, lastPull: "2026-05-20T10:00:00.000Z", lastPush: "2026-05-28T10:00:00.000Z" }), robot, o);
    expect(e).toMatchObject({ verdict: "used", pulls: 12, pushes: 3, lastUsed: "2026-05-28T10:00:00.000Z" });
    expect(suggest(e, [], robot, o)).toEqual({ action: "keep", text: "Used on 2026-05-28 — keep if still needed" });
  });

  it("says honestly that user activity in the project cannot be attributed to a group", () => {
    const e = usageEvidence(read({ pulls: 40, pushes: 2, lastPull: "2026-05-31T00:00:00.000Z", lastPush: null, people: 3 }), group, o);
    expect(e.verdict).toBe("unattributable");
    expect(e.note).toContain("Harbor logs people, not groups: it cannot tell whether they acted through qa-team.");
    expect(suggest(e, [], group, o)).toBeNull();
  });

  it("calls a group unused when nobody at all pulled or pushed in the project", () => {
    const e = usageEvidence(read({ pulls: 0, pushes: 0, lastPull: null, lastPush: null, people: 0 }), group, o);
    expect(e.verdict).toBe("unused");
    expect(suggest(e, [], group, o)?.action).toBe("remove");
  });

  it("never says unused when Harbor could not tell", () => {
    expect(usageEvidence(read(null), robot, { ...o, logging: "off" }).verdict).toBe("unknown");
    expect(usageEvidence(read(null, { status: "unavailable", reason: "Harbor answered 503" }), robot, o)).toMatchObject({ verdict: "unknown", note: "Usage unknown: Harbor's audit log could not be read on 2026-06-01 (Harbor answered 503)." });
    expect(usageEvidence(read(null, { status: "forbidden", reason: "Berth's Harbor account may not read this project's audit log (it needs log:list)" }), group, o).verdict).toBe("unknown");
    expect(usageEvidence(null, robot, o).note).toBe("Usage not read yet: Berth has not read this project's audit log in Harbor.");
    const pullsOff = usageEvidence(read(null, { pullsLogged: false }), robot, { ...o, logging: "pulls-off" });
    expect(pullsOff).toMatchObject({ verdict: "unknown", pulls: null });
    expect(suggest(pullsOff, [], robot, o)).toBeNull();
  });

  it("counts a push as use when pulls are not logged", () => {
    const e = usageEvidence(read({ pulls: null, pushes: 1, lastPull: null, lastPush: "2026-05-01T00:00:00.000Z" }, { pullsLogged: false }), robot, { ...o, logging: "pulls-off" });
    expect(e).toMatchObject({ verdict: "used", pulls: null, pushes: 1 });
  });
});

describe("findingsFor and drift in suggestions", () => {
  const findings: DriftFinding[] = [
    { kind: "missing-member", grantId: "g-1", name: "qa-team", roleLabel: "Developer", request: { id: "r", number: 4 } },
    { kind: "unexplained-robot", name: "robot$payments+old" },
  ];
  it("picks the findings about this grant", () => {
    expect(findingsFor(findings, { subjectType: "GROUP", subjectName: "qa-team", harborRobotName: null, grantId: "g-1" })).toHaveLength(1);
    expect(findingsFor(findings, { subjectType: "ROBOT", subjectName: "deploy", harborRobotName: "robot$payments+deploy", grantId: "g-2" })).toHaveLength(0);
  });
  it("suggests removing access Harbor no longer has", () => {
    const e = usageEvidence(read(null), group, o);
    expect(suggest(e, findingsFor(findings, { subjectType: "GROUP", subjectName: "qa-team", harborRobotName: null, grantId: "g-1" }), group, o)?.text).toMatch(/^Harbor no longer has it — remove\. The group qa-team was approved as Developer/);
  });
});

describe("unused for N days", () => {
  it("counts a last use older than the threshold as unused, also for a group whose project nobody touched since", () => {
    const short = { ...o, unusedDays: 30 };
    const e = usageEvidence(read({ pulls: 2, pushes: 0, lastPull: "2026-04-01T00:00:00.000Z", lastPush: null }), robot, short);
    expect(e.verdict).toBe("used");
    expect(suggest(e, [], robot, short)).toEqual({ action: "remove", text: "Unused 30 days — remove" });
    const g = usageEvidence(read({ pulls: 1, pushes: 0, lastPull: "2026-04-01T00:00:00.000Z", lastPush: null, people: 1 }), group, short);
    expect(suggest(g, [], group, short)?.action).toBe("remove");
    expect(suggest(g, [], group, o)).toBeNull();
  });
});
