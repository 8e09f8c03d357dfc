import { describe, expect, it } from "vitest";
import { fillDays, windowStart } from "./stats";

describe("request statistics", () => {
  it("starts the window at midnight UTC so that today is the last of the days", () => {
    expect(windowStart(new Date("2026-03-30T15:20:00Z"), 30).toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(windowStart(new Date("2026-03-01T00:00:00Z"), 1).toISOString()).toBe("2026-03-01T00:00:00.000Z");
  });

  it("fills every day of the window, zeros where nothing happened, and takes the window's median from the total row", () => {
    const start = new Date("2026-02-26T00:00:00Z");
    const stats = fillDays(
      start,
      5,
      [{ day: "2026-02-27", n: 3 }, { day: "2026-03-02", n: 1 }],
      [
        { day: "2026-02-28", n: 2, median_ms: 3_600_000 },
        { day: null, n: 2, median_ms: 5_400_000 },
      ],
    );
    expect(stats.days.map((d) => d.day)).toEqual(["2026-02-26", "2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]);
    expect(stats.days.map((d) => d.requests)).toEqual([0, 3, 0, 0, 1]);
    expect(stats.days.map((d) => d.decided)).toEqual([0, 0, 2, 0, 0]);
    expect(stats.days[2]!.medianDecisionMs).toBe(3_600_000);
    expect(stats).toMatchObject({ totalRequests: 4, totalDecided: 2, medianDecisionMs: 5_400_000 });
  });

  it("has no median when nothing was decided", () => {
    const stats = fillDays(new Date("2026-03-01T00:00:00Z"), 2, [], []);
    expect(stats).toMatchObject({ totalRequests: 0, totalDecided: 0, medianDecisionMs: null });
  });
});
