import "server-only";
// CSV for evidence files: RFC 4180 quoting (LF line ends, as PostgreSQL's COPY writes them), and spreadsheet formula injection
// defused by a leading apostrophe. NULL is an empty cell; an empty string is `""`, so the two
// stay distinguishable and an exported event can be re-hashed (docs/audit.md).

const FORMULA_START = new Set(["=", "+", "-", "@", "\t", "\r", "'"]);
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string | null): string {
  if (value === null) return "";
  if (value === "") return '""';
  const safe = FORMULA_START.has(value[0]!) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvRow(values: (string | null)[]): string {
  let line = "";
  for (let i = 0; i < values.length; i++) line += (i ? "," : "") + csvCell(values[i] ?? null);
  return `${line}\n`;
}

/** Undoes the formula guard: a cell that starts with an apostrophe had one added. */
export function unguardCell(value: string | null): string | null {
  return value !== null && value.startsWith("'") ? value.slice(1) : value;
}

/**
 * Incremental CSV parser: feed text chunks, get complete rows. Unquoted empty cells are null,
 * quoted ones are strings, mirroring csvCell.
 */
export class CsvParser {
  private field = "";
  private quoted = false;
  private inQuotes = false;
  private afterQuote = false;
  private row: (string | null)[] = [];
  private pendingCR = false;

  push(chunk: string): (string | null)[][] {
    const rows: (string | null)[][] = [];
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (this.inQuotes) {
        if (c === '"') {
          this.inQuotes = false;
          this.afterQuote = true;
        } else this.field += c;
        continue;
      }
      if (this.afterQuote && c === '"') {
        // a doubled quote inside a quoted field
        this.field += '"';
        this.inQuotes = true;
        this.afterQuote = false;
        continue;
      }
      this.afterQuote = false;
      if (this.pendingCR) {
        this.pendingCR = false;
        if (c === "\n") continue;
      }
      if (c === '"' && this.field === "" && !this.quoted) {
        this.inQuotes = true;
        this.quoted = true;
      } else if (c === ",") {
        this.endField();
      } else if (c === "\r" || c === "\n") {
        this.endField();
        rows.push(this.row);
        this.row = [];
        this.pendingCR = c === "\r";
      } else this.field += c;
    }
    return rows;
  }

  /** The last row when the text does not end with a line break. */
  end(): (string | null)[][] {
    if (this.field === "" && !this.quoted && this.row.length === 0) return [];
    this.endField();
    const row = this.row;
    this.row = [];
    return [row];
  }

  private endField() {
    this.row.push(this.field === "" && !this.quoted ? null : this.field);
    this.field = "";
    this.quoted = false;
  }
}
