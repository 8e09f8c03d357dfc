import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ChainStatus } from "@/lib/audit/verify";
import { ChainStatusView } from "./chain-status";

// The status line says exactly what has been verified, never an "intact" that covers events no walk has read.

const at = new Date("2026-03-01T02:17:00.000Z");
const base: ChainStatus = {
  ok: true,
  headSeq: "43",
  headHash: "a".repeat(64),
  anchored: true,
  checkedFrom: "40",
  checked: 3,
  verifiedThrough: { seq: "40", hash: "b".repeat(64), verifiedAt: at, keyId: "0123456789abcdef" },
  break: null,
  checkedAt: new Date("2026-03-01T09:00:00.000Z"),
};
const text = (status: ChainStatus | null, roleProblems?: string[]) =>
  renderToStaticMarkup(createElement(ChainStatusView, { status, roleProblems }))
    .replace(/<[^>]+>/g, "")
    .replaceAll("&#x27;", "'");

describe("the chain status line", () => {
  it("names the signed checkpoint and the newer events this page checked", () => {
    expect(text(base)).toContain("Verified through #40 at 2026-03-01 02:17:00 UTC (signed checkpoint); 3 newer events checked on this page, through #43.");
    expect(text({ ...base, checkedFrom: "43", checked: 0 })).toContain("Verified through #40 at 2026-03-01 02:17:00 UTC (signed checkpoint); 0 newer events checked on this page.");
  });

  it("without a signed checkpoint, says the page walked everything from the first event", () => {
    expect(text({ ...base, verifiedThrough: null, checkedFrom: "0", checked: 43 })).toContain("No signed full verification yet; all 43 events (#1–#43) checked on this page.");
  });

  it("says which events no walk has read since, when the page's walk did not reach back to the checkpoint", () => {
    const partial = text({ ...base, headSeq: "90000", anchored: false, checkedFrom: "40000", checked: 50000 });
    expect(partial).toContain("Verified through #40 at 2026-03-01 02:17:00 UTC (signed checkpoint); the newest 50000 events (#40001–#90000) checked on this page; #41–#40000 not checked since — verify the whole chain.");
    expect(text({ ...base, verifiedThrough: null, headSeq: "90000", anchored: false, checkedFrom: "40000", checked: 50000 })).toContain("#1–#40000 not checked since");
  });

  it("never calls the chain intact, and names a break", () => {
    for (const status of [base, { ...base, verifiedThrough: null, checkedFrom: "0", checked: 43 }]) expect(text(status)).not.toMatch(/intact/i);
    expect(text({ ...base, ok: false, break: { brokenAt: "12", reason: "checkpoint-signature", detail: "forged" } })).toContain("The evidence trail is broken at event #12");
  });

  it("puts the database role warning above the status", () => {
    const shown = text(base, [`"berth_migrate" owns "AuditEvent": it can switch off the trigger that keeps it append-only`]);
    expect(shown.indexOf("Berth's database role could rewrite this trail")).toBeLessThan(shown.indexOf("Verified through"));
  });
});
