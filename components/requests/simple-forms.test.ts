import { afterEach, describe, expect, it, vi } from "vitest";
import { lastDayBefore } from "./simple-forms";

// the picker's own calendar: a day ends at its end on that clock, so zones behind UTC get one day less
describe("lastDayBefore", () => {
  afterEach(() => vi.unstubAllEnvs());
  const latest = new Date("2027-01-03T23:59:59.999Z");

  it.each([
    ["UTC", "2027-01-03"],
    ["Europe/Berlin", "2027-01-03"],
    ["Asia/Tokyo", "2027-01-03"],
    ["America/New_York", "2027-01-02"],
    ["Pacific/Honolulu", "2027-01-02"],
  ])("offers up to the right day in %s", (zone, day) => {
    vi.stubEnv("TZ", zone);
    expect(lastDayBefore(latest)).toBe(day);
  });
});
