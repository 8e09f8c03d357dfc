import { describe, expect, it } from "vitest";
import { sameOriginPath, sameOriginUrl } from "./redirect";

const ORIGIN = "https://berth.example.com";

// Each of these, as the callbackUrl value after the framework decoded the query string once, must never lead away.
const HOSTILE: string[] = [
  "//evil.example/x",
  "///evil.example/x",
  "////evil.example",
  "/\\evil.example/x",
  "\\\\evil.example/x",
  "\\/evil.example",
  "/\\/evil.example",
  "/%5Cevil.example/x",
  "/%5cevil.example/x",
  "/%255Cevil.example/x",
  "/%25255Cevil.example/x",
  "/%2Fevil.example/x",
  "/%2fevil.example",
  "/%252Fevil.example",
  "/%2F%2Fevil.example",
  "/.//evil.example/x",
  "/./%2Fevil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "\u0000/evil.example",
  "/\u0000",
  "/x\u007f",
  " //evil.example",
  "https://evil.example/x",
  "http://berth.example.com/x",
  "https://berth.example.com.evil.example/x",
  "https://berth.example.com@evil.example/x",
  "https://user:pass@berth.example.com/x",
  "https:evil.example",
  "https:/evil.example",
  "HTTPS://EVIL.EXAMPLE",
  "javascript:alert(1)",
  "JavaScript:alert(document.cookie)",
  "java\tscript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "evil.example",
  "evil.example/x",
  "?next=//evil.example",
  "#//evil.example",
  "",
  "/" + "a".repeat(3000),
];

describe("sameOriginPath", () => {
  it.each(HOSTILE.map((input) => [JSON.stringify(input), input]))("refuses %s", (_label, input) => {
    expect(sameOriginPath(input, ORIGIN)).toBe("/");
    expect(sameOriginUrl(input, ORIGIN)).toBe(`${ORIGIN}/`);
  });

  it("refuses what is not a string", () => {
    for (const input of [undefined, null, 42, ["/requests"], { href: "/requests" }]) expect(sameOriginPath(input, ORIGIN)).toBe("/");
  });

  it("keeps same-origin paths with their query and fragment", () => {
    expect(sameOriginPath("/requests", ORIGIN)).toBe("/requests");
    expect(sameOriginPath("/audit?project=finance&from=2026-01-01#top", ORIGIN)).toBe("/audit?project=finance&from=2026-01-01#top");
    expect(sameOriginPath("/audit/access?at=2026-01-01T10%3A00%3A00.000Z", ORIGIN)).toBe("/audit/access?at=2026-01-01T10%3A00%3A00.000Z");
    expect(sameOriginPath("/", ORIGIN)).toBe("/");
  });

  it("keeps absolute URLs of the portal's own origin, as a path", () => {
    expect(sameOriginPath("https://berth.example.com/requests/new", ORIGIN)).toBe("/requests/new");
    expect(sameOriginPath("https://BERTH.example.com/grants", ORIGIN)).toBe("/grants");
    expect(sameOriginPath("https://berth.example.com", ORIGIN)).toBe("/");
    expect(sameOriginUrl("/approvals", ORIGIN)).toBe(`${ORIGIN}/approvals`);
  });

  it("normalizes dot segments but never into another host", () => {
    expect(sameOriginPath("/requests/../audit", ORIGIN)).toBe("/audit");
    expect(sameOriginPath("/a/./b", ORIGIN)).toBe("/a/b");
  });

  it("takes the origin from a portal URL with a path or a trailing slash", () => {
    expect(sameOriginPath("/requests", "http://localhost:3000/")).toBe("/requests");
    expect(sameOriginPath("http://localhost:3001/requests", "http://localhost:3000")).toBe("/");
  });
});
