import { describe, expect, it } from "vitest";
import { exportErrorLine, toReadableStream } from "./export";
import { verifyExport } from "./export-verify";

async function* failingAfter(lines: string[]) {
  for (const line of lines) yield line;
  throw new Error("connection terminated");
}

const HASH = "ab".repeat(32);
const read = (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

describe("an export that fails after it started (issue 10, 3)", () => {
  it.each(["csv", "jsonl"] as const)("ends a %s file with a line that says it is incomplete, never silently short", async (format) => {
    const head = format === "csv" ? `# berth-export chain-head-seq=3 chain-head-hash=${HASH} generated-at=2026-01-01T00:00:00.000Z filters= kind=grants version=1\n` : `${JSON.stringify({ type: "meta", format: "berth-export", version: 1, kind: "grants", chainHeadSeq: "3", chainHeadHash: HASH, generatedAt: "2026-01-01T00:00:00.000Z", filters: {} })}\n`;
    const references: string[] = [];
    const text = await read(toReadableStream(failingAfter([head]), { format, onError: (_e, ref) => references.push(ref) }));
    expect(text.startsWith(head)).toBe(true);
    expect(references).toHaveLength(1);
    expect(text.slice(head.length)).toBe(exportErrorLine(format, references[0]!));
    expect(text).not.toMatch(/connection terminated/);

    // and the verifier refuses such a file before it looks at the trail
    // (a trail whose head is the file's, so only the ending can fail it)
    const db = { query: async () => ({ rows: [{ seq: "3", hash: HASH }], rowCount: 1, command: "", oid: 0, fields: [] }) };
    const verdict = await verifyExport(db as never, (async function* () {
      yield text;
    })());
    expect(verdict).toMatchObject({ ok: false, reason: "incomplete-export" });
  });
});
