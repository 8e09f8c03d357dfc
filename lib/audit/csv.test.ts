import { describe, expect, it } from "vitest";
import { CsvParser, csvCell, csvRow, unguardCell } from "./csv";

describe("CSV cells", () => {
  it("quotes separators, quotes and line breaks", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
  });

  it("defuses formulas with a leading apostrophe", () => {
    expect(csvCell("=HYPERLINK(\"x\")")).toBe("\"'=HYPERLINK(\"\"x\"\")\"");
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("'quoted")).toBe("''quoted");
  });

  it("keeps NULL and empty string apart", () => {
    expect(csvRow([null, "", "x"])).toBe(',"",x\n');
  });
});

describe("CSV parser", () => {
  it("reads back what csvRow wrote, across chunk boundaries", () => {
    const rows: (string | null)[][] = [
      ["1", null, "", "a,b"],
      ['say "hi"', "two\r\nlines", "=1+1", "'x"],
    ];
    const text = rows.map(csvRow).join("");
    for (const size of [1, 3, 7, text.length]) {
      const parser = new CsvParser();
      const out: (string | null)[][] = [];
      for (let i = 0; i < text.length; i += size) out.push(...parser.push(text.slice(i, i + size)));
      out.push(...parser.end());
      expect(out.map((r) => r.map(unguardCell))).toEqual(rows);
    }
  });
});
