import { describe, expect, it } from "vitest";
import { parseWithFieldErrors } from "../core/validation";
import { accessAtQuerySchema, errorSummary, eventLogFiltersSchema, grantHistoryFiltersSchema } from "./filters";

describe("parseWithFieldErrors", () => {
  it("keeps the good filters, names the bad ones with the schema's own words", () => {
    const { data, errors } = parseWithFieldErrors(grantHistoryFiltersSchema, { project: "finance-api", from: "last-tuesday", state: "GONE" });
    expect(data).toMatchObject({ project: "finance-api", sort: "startsAt", dir: "desc" });
    expect(data).not.toHaveProperty("from");
    expect(Object.keys(errors).sort()).toEqual(["from", "state"]);
    // the date is a union (Date or text): the text branch's message, not zod's bare "Invalid input"
    expect(errors.from?.[0]).toMatch(/^must be an ISO date or date-time/);
    expect(errorSummary(errors)).toMatch(/^State: Invalid option.*; From: must be an ISO date/);
  });

  it("reports the point-in-time question's own refusals", () => {
    expect(parseWithFieldErrors(accessAtQuerySchema, { at: "2026-01-01" }).errors).toEqual({ project: ["choose a project or a group"] });
    const ok = parseWithFieldErrors(accessAtQuerySchema, { group: "ext-acme", at: "2026-01-01T10:00:00+01:00" });
    expect(ok.errors).toEqual({});
    expect(ok.data?.at.toISOString()).toBe("2026-01-01T09:00:00.000Z");
  });

  it("passes clean input through untouched", () => {
    expect(parseWithFieldErrors(eventLogFiltersSchema, { action: "grant.revoked" })).toEqual({ data: { action: "grant.revoked" }, errors: {} });
  });
});
