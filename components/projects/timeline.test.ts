import { describe, expect, it } from "vitest";
import { layoutTimeline, ticks, type TimelineGrant } from "./timeline";

const DAY = 86_400_000;
const now = "2026-03-01T12:00:00.000Z";
const at = (days: number) => new Date(new Date(now).getTime() + days * DAY).toISOString();

function grant(over: Partial<TimelineGrant> & { id: string }): TimelineGrant {
  return {
    subjectType: "GROUP",
    subjectName: "finance-devs",
    label: "finance-devs",
    state: "ACTIVE",
    roleLabel: "Developer",
    startsAt: at(-30),
    endsAt: at(30),
    endedAt: null,
    endReason: null,
    request: { id: `r-${over.id}`, number: 1, requesterName: "Alice" },
    approvers: ["Bob"],
    ...over,
  };
}

describe("access timeline layout", () => {
  it("puts one row per subject, groups before robots, and every bar inside the range", () => {
    const layout = layoutTimeline(
      [
        grant({ id: "a", subjectName: "zeta", label: "zeta" }),
        grant({ id: "b", subjectType: "ROBOT", subjectName: "ci", label: "robot$finance+ci", roleLabel: "—" }),
        grant({ id: "c", subjectName: "alpha", label: "alpha", state: "EXPIRED", startsAt: at(-90), endsAt: at(-60), endedAt: at(-60) }),
        grant({ id: "d", subjectName: "alpha", label: "alpha", startsAt: at(-20), endsAt: at(10) }),
      ],
      now,
    );
    expect(layout.rows.map((r) => r.label)).toEqual(["alpha", "zeta", "robot$finance+ci"]);
    expect(layout.rows[0]!.bars.map((b) => b.id)).toEqual(["c", "d"]);
    for (const bar of layout.rows.flatMap((r) => r.bars)) {
      expect(bar.leftPct).toBeGreaterThanOrEqual(0);
      expect(bar.leftPct + bar.widthPct).toBeLessThanOrEqual(100.0001);
    }
    expect(layout.nowPct).toBeGreaterThan(0);
    expect(layout.nowPct).toBeLessThan(100);
  });

  it("keeps time proportional: a bar twice as long is twice as wide, and now sits where it belongs", () => {
    const layout = layoutTimeline([grant({ id: "a", startsAt: at(-40), endsAt: at(-20), state: "EXPIRED", endedAt: at(-20) }), grant({ id: "b", subjectName: "b", label: "b", startsAt: at(-20), endsAt: at(20) })], now);
    const bar = (label: string) => layout.rows.find((r) => r.label === label)!.bars[0]!;
    const [a, b] = [bar("finance-devs"), bar("b")];
    expect(b.widthPct / a.widthPct).toBeCloseTo(2, 5);
    // a ends where b starts, which is 20 days before now
    expect(a.leftPct + a.widthPct).toBeCloseTo(b.leftPct, 5);
    expect(layout.nowPct - b.leftPct).toBeCloseTo(a.widthPct, 5);
  });

  it("ends a revoked grant when it was revoked, not at its planned end", () => {
    const layout = layoutTimeline([grant({ id: "r", state: "REVOKED", startsAt: at(-10), endsAt: at(80), endedAt: at(-5) }), grant({ id: "x", subjectName: "x", label: "x", startsAt: at(-10), endsAt: at(-5), state: "EXPIRED", endedAt: at(-5) })], now);
    const bar = (label: string) => layout.rows.find((r) => r.label === label)!.bars[0]!;
    const [revoked, expired] = [bar("finance-devs"), bar("x")];
    expect(revoked.id).toBe("r");
    expect(revoked.widthPct).toBeCloseTo(expired.widthPct, 5);
  });

  it("runs active grants without an end date to the right edge, past now", () => {
    const layout = layoutTimeline([grant({ id: "o", endsAt: null })], now);
    const bar = layout.rows[0]!.bars[0]!;
    expect(bar.openEnded).toBe(true);
    expect(bar.leftPct + bar.widthPct).toBeCloseTo(100, 5);
    expect(layout.nowPct).toBeLessThan(100);
  });

  it("lists grants that never started apart instead of drawing them", () => {
    const layout = layoutTimeline([grant({ id: "p", state: "PENDING", startsAt: null }), grant({ id: "a", subjectName: "b", label: "b" })], now);
    expect(layout.notStarted.map((g) => g.id)).toEqual(["p"]);
    expect(layout.rows).toHaveLength(1);
  });

  it("shows at least two weeks and still draws a grant shorter than a day", () => {
    const layout = layoutTimeline([grant({ id: "s", state: "REVOKED", startsAt: at(-1), endsAt: at(5), endedAt: at(-0.99) })], now);
    expect(new Date(layout.to).getTime() - new Date(layout.from).getTime()).toBeGreaterThanOrEqual(14 * DAY);
    expect(layout.rows[0]!.bars[0]!.widthPct).toBeGreaterThan(0.5);
  });

  it("works with no grants at all", () => {
    const layout = layoutTimeline([], now);
    expect(layout.rows).toEqual([]);
    expect(layout.nowPct).toBeGreaterThan(50);
  });
});

describe("timeline axis", () => {
  it("marks Mondays for short ranges", () => {
    const from = Date.parse("2026-03-01T00:00:00Z");
    const marks = ticks(from, from + 21 * DAY);
    expect(marks.map((t) => t.label)).toEqual(["2 Mar", "9 Mar", "16 Mar"]);
    for (const t of marks) expect(new Date(t.at).getUTCDay()).toBe(1);
  });

  it("marks month starts for ranges of months, with the year on the first mark and at January", () => {
    const marks = ticks(Date.parse("2025-10-15T00:00:00Z"), Date.parse("2026-03-10T00:00:00Z"));
    expect(marks.map((t) => t.label)).toEqual(["Nov 2025", "Dec", "Jan 2026", "Feb", "Mar"]);
    expect(marks[0]!.pct).toBeGreaterThan(0);
    expect(marks.at(-1)!.pct).toBeLessThan(100);
  });

  it("thins out marks on long ranges and switches to years beyond three years", () => {
    expect(ticks(Date.parse("2024-01-15T00:00:00Z"), Date.parse("2026-01-15T00:00:00Z")).length).toBeLessThanOrEqual(8);
    expect(ticks(Date.parse("2020-06-01T00:00:00Z"), Date.parse("2026-01-01T00:00:00Z")).map((t) => t.label)).toEqual(["2021", "2022", "2023", "2024", "2025", "2026"]);
  });
});

describe("access review decisions on the timeline", () => {
  it("places each decision on its grant's bar, where it happened", () => {
    const reviews = [{ at: at(-10), decision: "kept", by: "Alice", reason: "still needed", campaignNumber: 3 }];
    const layout = layoutTimeline([grant({ id: "a", reviews }), grant({ id: "b", subjectName: "other", label: "other" })], now);
    const [reviewed, plain] = layout.rows.flatMap((r) => r.bars).sort((x, y) => x.id.localeCompare(y.id));
    expect(plain!.reviewPcts).toEqual([]);
    expect(reviewed!.reviewPcts).toHaveLength(1);
    const p = reviewed!.reviewPcts[0]!;
    expect(p).toBeGreaterThan(reviewed!.leftPct);
    expect(p).toBeLessThan(reviewed!.leftPct + reviewed!.widthPct);
    expect(p).toBeLessThan(layout.nowPct);
  });
});
