import { describe, expect, it } from "vitest";
import { harborNameProblem, matchesGlob } from "./names";

describe("harborNameProblem", () => {
  it.each(["finance-api", "a", "team.app_2", "0-9", "x".repeat(255)])("accepts %s", (name) => {
    expect(harborNameProblem(name)).toBeNull();
  });

  it.each([
    ["", "Name is required."],
    ["Finance", "Name must be lower case."],
    ["finance api", "Name may contain only lower-case letters, digits, and . _ -"],
    ["-finance", "Name must start and end with a letter or digit."],
    ["finance-", "Name must start and end with a letter or digit."],
    ["fin--ance", "Name cannot have two of . _ - in a row."],
    ["fin._ance", "Name cannot have two of . _ - in a row."],
    ["x".repeat(256), "Name must be at most 255 characters."],
  ])("refuses %j", (name, message) => {
    expect(harborNameProblem(name)).toBe(message);
  });
});

describe("matchesGlob", () => {
  it("matches prefixes and exact names, treating regex characters literally", () => {
    expect(matchesGlob("ext-acme", "ext-*")).toBe(true);
    expect(matchesGlob("extacme", "ext-*")).toBe(false);
    expect(matchesGlob("team-ext-x", "ext-*")).toBe(false);
    expect(matchesGlob("a.b", "a.b")).toBe(true);
    expect(matchesGlob("axb", "a.b")).toBe(false);
    expect(matchesGlob("vendor-x-ext", "*-ext")).toBe(true);
  });
});
