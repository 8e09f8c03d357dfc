import { describe, expect, it } from "vitest";
import { localInputToIso, toLocalInput, toUtcInput, utcText } from "./time";

describe("audit time helpers", () => {
  it("round-trips an instant through the local datetime field (seconds kept)", () => {
    const at = new Date("2026-03-14T09:00:05.000Z");
    expect(localInputToIso(toLocalInput(at))).toBe(at.toISOString());
  });

  it("writes UTC for the server rendering and in words", () => {
    const at = new Date("2026-03-14T09:00:05.123Z");
    expect(toUtcInput(at)).toBe("2026-03-14T09:00:05");
    expect(utcText(at)).toBe("2026-03-14 09:00:05 UTC");
  });

  it("refuses incomplete values instead of guessing", () => {
    expect(localInputToIso("")).toBeNull();
    expect(localInputToIso("2026-03-14")).toBeNull();
    expect(localInputToIso("2026-13-40T99:00")).toBeNull();
  });
});
