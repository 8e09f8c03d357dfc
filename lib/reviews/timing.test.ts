import { describe, expect, it } from "vitest";
import { campaignTimes, dueReminder, globToLike, nextStartAfter, timesBetween } from "./timing";

const start = new Date("2026-03-01T09:00:00.000Z");
const at = (iso: string) => new Date(iso);

describe("campaignTimes", () => {
  it("reminds at the start, halfway and two days before a 14-day deadline, and escalates at the last reminder", () => {
    const t = campaignTimes(start, 14);
    expect(t.deadlineAt.toISOString()).toBe("2026-03-15T09:00:00.000Z");
    expect(t.halfwayAt.toISOString()).toBe("2026-03-08T09:00:00.000Z");
    expect(t.lastCallAt?.toISOString()).toBe("2026-03-13T09:00:00.000Z");
    expect(t.escalateAt).toEqual(t.lastCallAt);
  });

  it("has no separate two-day reminder in a campaign of four days or less, and escalates halfway", () => {
    const t = campaignTimes(start, 4);
    expect(t.lastCallAt).toBeNull();
    expect(t.escalateAt.toISOString()).toBe("2026-03-03T09:00:00.000Z");
  });

  it("follows a deadline that was moved", () => {
    const t = timesBetween(start, at("2026-03-01T09:00:10.000Z"));
    expect(t.halfwayAt.toISOString()).toBe("2026-03-01T09:00:05.000Z");
    expect(t.escalateAt).toEqual(t.halfwayAt);
  });
});

describe("dueReminder", () => {
  const t = campaignTimes(start, 14);
  it("names the latest reminder whose time has come, and none after the deadline", () => {
    expect(dueReminder(t, start)).toBe("start");
    expect(dueReminder(t, at("2026-03-07T23:00:00Z"))).toBe("start");
    expect(dueReminder(t, at("2026-03-08T09:00:00Z"))).toBe("halfway");
    expect(dueReminder(t, at("2026-03-13T09:00:00Z"))).toBe("two-days");
    expect(dueReminder(t, at("2026-03-15T09:00:00Z"))).toBeNull();
    expect(dueReminder(t, at("2026-02-28T09:00:00Z"))).toBeNull();
  });
});

describe("nextStartAfter", () => {
  it("is the next instant of the series, skipping the ones missed while nothing ran", () => {
    expect(nextStartAfter(start, 180, start)?.toISOString()).toBe("2026-08-28T09:00:00.000Z");
    expect(nextStartAfter(start, 10, at("2026-03-25T10:00:00Z"))?.toISOString()).toBe("2026-03-31T09:00:00.000Z");
  });
  it("is null for a review that runs once", () => {
    expect(nextStartAfter(start, null, start)).toBeNull();
  });
});

describe("globToLike", () => {
  it("turns * into % and escapes LIKE's own wildcards", () => {
    expect(globToLike("team-*")).toBe("team-%");
    expect(globToLike("a_b%c\\*")).toBe("a\\_b\\%c\\\\%");
  });
});
