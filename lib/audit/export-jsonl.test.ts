import { describe, expect, it } from "vitest";
import { jsonLines, type ExportColumn } from "./export";

// COPY's text format as PostgreSQL writes it: tab between cells, \N for NULL, backslash escapes for \b \f \n \r \t \v
// and for the backslash itself
const copyText = (v: string | null) => (v === null ? "\\N" : v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t").replace(/\x08/g, "\\b").replace(/\f/g, "\\f").replace(/\v/g, "\\v"));

const COLUMNS: ExportColumn[] = [
  { name: "id", sql: "", safe: true },
  { name: "text", sql: "" },
  { name: "count", sql: "", safe: true, raw: true },
  { name: "json", sql: "", raw: true },
  { name: "note", sql: "" },
];

describe("jsonLines: COPY text rows to JSON Lines", () => {
  const awkward = ['say "hi"', "back\\slash", "tab\there", "two\nlines", "cr\rlf", "bell\x07 and \x01", "\x08\f\v", "ünïcödé ✓ 𝄞", "\u2028\u2029", "=cmd|' /C calc'!A0", "", "\\N is text", "ends with \\"];

  it("gives for every awkward value the JSON that JSON.stringify gives, NULL as null, raw columns as they are", () => {
    const rows = awkward.map((text, i) => [String(i), text, String(i * 7), `{"k":${JSON.stringify(text)}}`, i % 2 ? null : `note ${text}`]);
    const lines = rows.map((r) => r.map(copyText).join("\t")).join("\n") + "\n";
    const out = jsonLines(COLUMNS, "thing")(lines);
    const parsed = out.trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed).toEqual(rows.map((r) => ({ type: "thing", id: r[0], text: r[1], count: Number(r[2]), json: { k: r[1] }, note: r[4] })));
    // byte for byte what a writer using JSON.stringify per value makes
    for (const [i, line] of out.trimEnd().split("\n").entries()) {
      const r = rows[i]!;
      expect(line).toBe(`{"type":"thing","id":"${r[0]}","text":${JSON.stringify(r[1])},"count":${r[2]},"json":${r[3]},"note":${r[4] === null ? "null" : JSON.stringify(r[4])}}`);
    }
  });

  it("reads several lines of one chunk, and a line short of cells as NULLs", () => {
    const out = jsonLines(COLUMNS, "thing")("1\ta\t2\t[]\tb\n3\tc\n");
    expect(out.trimEnd().split("\n").map((l) => JSON.parse(l) as unknown)).toEqual([
      { type: "thing", id: "1", text: "a", count: 2, json: [], note: "b" },
      { type: "thing", id: "3", text: "c", count: null, json: null, note: null },
    ]);
  });

  it("turns nothing into nothing", () => {
    expect(jsonLines(COLUMNS, "thing")("")).toBe("");
  });
});
