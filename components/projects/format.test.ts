import { describe, expect, it } from "vitest";
import { formatBytes, gibToBytes, quotaUse } from "./format";

describe("quota formatting", () => {
  it("uses binary units with one decimal below 100", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(gibToBytes(50))).toBe("50 GiB");
    expect(formatBytes(gibToBytes(12.34))).toBe("12.3 GiB");
    expect(formatBytes(gibToBytes(250))).toBe("250 GiB");
    expect(formatBytes(-1)).toBe("unlimited");
  });

  it("grades how full a quota is", () => {
    expect(quotaUse(gibToBytes(10), gibToBytes(50))).toEqual({ pct: 20, level: "ok" });
    expect(quotaUse(gibToBytes(40), gibToBytes(50)).level).toBe("high");
    expect(quotaUse(gibToBytes(49), gibToBytes(50)).level).toBe("full");
    expect(quotaUse(gibToBytes(60), gibToBytes(50)).pct).toBe(100);
    expect(quotaUse(5, -1)).toEqual({ pct: null, level: "ok" });
    expect(quotaUse(0, 0)).toEqual({ pct: 0, level: "ok" });
  });
});
