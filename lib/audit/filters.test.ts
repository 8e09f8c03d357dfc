import { describe, expect, it } from "vitest";
import { accessAtQuerySchema, eventLogFiltersSchema, grantHistoryFiltersSchema, pageSchema, searchParamsToObject, toSearchParams } from "./filters";

describe("filters from URL search params", () => {
  it("parses grant-history filters with defaults and drops empty values", () => {
    const params = new URLSearchParams("project=finance&subject=&roleId=2&state=ACTIVE&from=2026-01-01&to=2026-02-01T12:00:00%2B01:00&sort=endsAt");
    const parsed = grantHistoryFiltersSchema.parse(searchParamsToObject(params));
    expect(parsed).toEqual({
      project: "finance",
      roleId: 2,
      state: "ACTIVE",
      from: new Date("2026-01-01T00:00:00.000Z"),
      to: new Date("2026-02-01T11:00:00.000Z"),
      sort: "endsAt",
      dir: "desc",
    });
  });

  it("reads a date-time without a zone as UTC", () => {
    expect(accessAtQuerySchema.parse({ project: "p", at: "2026-03-04T05:06" }).at).toEqual(new Date("2026-03-04T05:06:00.000Z"));
  });

  it("rejects bad values instead of guessing", () => {
    expect(grantHistoryFiltersSchema.safeParse({ state: "GONE" }).success).toBe(false);
    expect(grantHistoryFiltersSchema.safeParse({ roleId: "9" }).success).toBe(false);
    expect(grantHistoryFiltersSchema.safeParse({ from: "yesterday" }).success).toBe(false);
    expect(eventLogFiltersSchema.safeParse({ requestId: "not-a-uuid" }).success).toBe(false);
    expect(eventLogFiltersSchema.safeParse({ action: "grant%" }).success).toBe(false);
    expect(pageSchema.safeParse({ limit: "5000" }).success).toBe(false);
    expect(accessAtQuerySchema.safeParse({ at: "2026-01-01" }).success).toBe(false);
  });

  it("takes the first of repeated params (Next.js searchParams objects too)", () => {
    expect(searchParamsToObject({ project: ["a", "b"], state: undefined, sort: "project" })).toEqual({ project: "a", sort: "project" });
  });

  it("round-trips through a shareable query string", () => {
    const filters = grantHistoryFiltersSchema.parse({ project: "finance", from: "2026-01-01", sort: "startsAt", dir: "asc" });
    const qs = toSearchParams(filters).toString();
    expect(qs).toBe("project=finance&from=2026-01-01T00%3A00%3A00.000Z&dir=asc");
    expect(grantHistoryFiltersSchema.parse(searchParamsToObject(new URLSearchParams(qs)))).toEqual(filters);
  });
});
