import { describe, expect, it } from "vitest";
import { grantFilters } from "@/lib/governance/queries";
import { parseFilters } from "./parse-filters";

describe("filters from the URL", () => {
  it("keeps valid filters and treats empty fields as unset", () => {
    expect(parseFilters(grantFilters, { project: "finance", type: "GROUP", role: "2", state: "", expiring: "14" })).toEqual({ filters: { project: "finance", type: "GROUP", role: 2, expiring: 14 }, ignored: [] });
  });

  it("drops only the values that do not parse and says which", () => {
    const { filters, ignored } = parseFilters(grantFilters, { project: "finance", role: "9", expiring: "soon", state: "ACTIVE" });
    expect(filters).toEqual({ project: "finance", state: "ACTIVE" });
    expect(ignored.sort()).toEqual(["expiring", "role"]);
  });

  it("drops repeated parameters rather than failing", () => {
    expect(parseFilters(grantFilters, { type: ["GROUP", "ROBOT"], subject: "ci" })).toEqual({ filters: { subject: "ci" }, ignored: ["type"] });
  });
});
