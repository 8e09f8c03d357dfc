import { describe, expect, it } from "vitest";
import { endOfDayIn, isTimeZone } from "./time";

describe("endOfDayIn", () => {
  it("ends a day picked in Berlin at 23:59:59.999 Berlin time", () => {
    expect(endOfDayIn("2027-01-03", "Europe/Berlin").toISOString()).toBe("2027-01-03T22:59:59.999Z");
    expect(endOfDayIn("2027-07-03", "Europe/Berlin").toISOString()).toBe("2027-07-03T21:59:59.999Z");
  });

  it("ends it in UTC, New York and Honolulu on their own clocks", () => {
    expect(endOfDayIn("2027-01-03", "UTC").toISOString()).toBe("2027-01-03T23:59:59.999Z");
    expect(endOfDayIn("2027-01-03", "America/New_York").toISOString()).toBe("2027-01-04T04:59:59.999Z");
    expect(endOfDayIn("2027-01-03", "Pacific/Honolulu").toISOString()).toBe("2027-01-04T09:59:59.999Z");
  });

  it("uses the offset in force at the end of a day whose clocks change", () => {
    // Berlin springs forward on 2027-03-28 (CET → CEST): the day ends on summer time
    expect(endOfDayIn("2027-03-28", "Europe/Berlin").toISOString()).toBe("2027-03-28T21:59:59.999Z");
    // and falls back on 2027-10-31 (CEST → CET): the day ends on winter time
    expect(endOfDayIn("2027-10-31", "Europe/Berlin").toISOString()).toBe("2027-10-31T22:59:59.999Z");
  });

  it("knows real zones from made-up ones", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
  });
});
