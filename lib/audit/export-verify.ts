import "server-only";
import { ChainWalker, GENESIS_HASH, hashEvent, type JsonValue, type StoredAuditEvent } from "./chain";
import { CsvParser, unguardCell } from "./csv";
import type { ExportFormat, ExportKind } from "./export";
import type { Queryable } from "./sql";

// Shows that an export file matches the trail: its chain head is an event of the trail, every
// exported event re-hashes to its own hash and has that hash in the trail, and an unfiltered
// event export is itself a complete chain ending at the head.

export type ExportVerification =
  | { ok: true; kind: ExportKind; format: ExportFormat; headSeq: string; headHash: string; rows: number; completeChain: boolean }
  | { ok: false; kind?: ExportKind; format?: ExportFormat; headSeq?: string; rows: number; line: number; seq?: string; reason: string; detail: string };

interface Header {
  kind: ExportKind;
  format: ExportFormat;
  headSeq: string;
  headHash: string;
  filtered: boolean;
}

class ExportMismatch extends Error {
  constructor(
    readonly reason: string,
    readonly detail: string,
    readonly line: number,
    readonly seq?: string,
  ) {
    super(detail);
  }
}

function parseHeader(line: string): Header {
  if (line.startsWith("{")) {
    const meta = JSON.parse(line) as Record<string, unknown>;
    if (meta.type !== "meta" || meta.format !== "berth-export") throw new ExportMismatch("not-an-export", "the first line is not a berth-export meta line", 1);
    const filters = (meta.filters ?? {}) as Record<string, unknown>;
    return { kind: meta.kind as ExportKind, format: "jsonl", headSeq: String(meta.chainHeadSeq), headHash: String(meta.chainHeadHash), filtered: Object.keys(filters).length > 0 };
  }
  if (line.startsWith("# berth-export ")) {
    const fields = new Map(
      line
        .slice(2)
        .trim()
        .split(" ")
        .map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)] as const),
    );
    return {
      kind: (fields.get("kind") ?? "events") as ExportKind,
      format: "csv",
      headSeq: fields.get("chain-head-seq") ?? "",
      headHash: fields.get("chain-head-hash") ?? "",
      filtered: (fields.get("filters") ?? "") !== "",
    };
  }
  throw new ExportMismatch("not-an-export", "the first line is neither a JSON Lines meta line nor a # berth-export line", 1);
}

const parseJson = (v: string | null): JsonValue | null => (v === null ? null : (JSON.parse(v) as JsonValue));

function eventFromRecord(get: (name: string) => string | null): StoredAuditEvent {
  const seq = get("seq");
  const at = get("at");
  if (!seq || !/^\d+$/.test(seq) || !at) throw new Error("seq and at are required");
  return {
    seq: BigInt(seq),
    at: new Date(at),
    actorType: get("actorType") ?? "",
    actorId: get("actorId"),
    actorName: get("actorName"),
    actorGroups: (parseJson(get("actorGroups")) as string[] | null) ?? [],
    sourceIp: get("sourceIp"),
    userAgent: get("userAgent"),
    action: get("action") ?? "",
    objectType: get("objectType") ?? "",
    objectId: get("objectId") ?? "",
    projectName: get("projectName"),
    subject: get("subject"),
    requestId: get("requestId"),
    before: parseJson(get("before")),
    after: parseJson(get("after")),
    harborRequestId: get("harborRequestId"),
    portalRequestId: get("portalRequestId"),
    prevHash: get("prevHash") ?? "",
    hash: get("hash") ?? "",
  };
}

const JSON_COLUMNS = new Set(["actorGroups", "before", "after"]);

/** Checks an export (as text chunks, e.g. a file read stream) against the trail in `db`. */
export async function verifyExport(db: Queryable, chunks: AsyncIterable<string | Buffer>): Promise<ExportVerification> {
  // mutated from the helper closures below, so kept in one object TypeScript does not narrow
  const st: { header: Header | null; csv: CsvParser | null; walker: ChainWalker | null } = { header: null, csv: null, walker: null };
  let lineNo = 0;
  let rows = 0;
  let buffered = "";
  let csvColumns: string[] | null = null;
  let batch: { seq: string; hash: string; line: number }[] = [];

  const flush = async () => {
    if (batch.length === 0) return;
    const { rows: found } = await db.query<{ seq: string; hash: string }>(`SELECT seq::text AS seq, hash FROM "AuditEvent" WHERE seq = ANY($1::bigint[])`, [batch.map((b) => b.seq)]);
    const inTrail = new Map(found.map((r) => [r.seq, r.hash]));
    for (const b of batch) {
      const hash = inTrail.get(b.seq);
      if (hash === undefined) throw new ExportMismatch("not-in-trail", `event ${b.seq} is not in the trail`, b.line, b.seq);
      if (hash !== b.hash) throw new ExportMismatch("differs-from-trail", `event ${b.seq} has hash ${b.hash} in the export but ${hash} in the trail`, b.line, b.seq);
    }
    batch = [];
  };

  const onEvent = async (event: StoredAuditEvent, line: number) => {
    rows++;
    const seq = event.seq.toString();
    if (event.seq > BigInt(st.header!.headSeq)) throw new ExportMismatch("after-head", `event ${seq} is after the export's chain head ${st.header!.headSeq}`, line, seq);
    if (hashEvent(event) !== event.hash) throw new ExportMismatch("hash-mismatch", `event ${seq} does not hash to its own hash: the exported row was altered`, line, seq);
    if (st.walker?.push(event)) throw new ExportMismatch(st.walker.failure!.reason, st.walker.failure!.detail, line, seq);
    batch.push({ seq, hash: event.hash, line });
    if (batch.length >= 2000) await flush();
  };

  const onHeader = async (line: string) => {
    const header = parseHeader(line);
    st.header = header;
    const { headSeq, headHash } = header;
    if (!/^\d+$/.test(headSeq) || !/^[0-9a-f]{64}$/.test(headHash)) throw new ExportMismatch("bad-header", "the chain head in the header is malformed", 1);
    if (headSeq === "0") {
      if (headHash !== GENESIS_HASH) throw new ExportMismatch("head-not-in-trail", "an empty chain's head must be the genesis hash", 1);
    } else {
      const stored = (await db.query<{ hash: string }>(`SELECT hash FROM "AuditEvent" WHERE seq = $1::bigint`, [headSeq])).rows[0];
      if (!stored) throw new ExportMismatch("head-not-in-trail", `the export's chain head ${headSeq} is not in the trail`, 1, headSeq);
      if (stored.hash !== headHash) throw new ExportMismatch("head-not-in-trail", `the trail's event ${headSeq} has hash ${stored.hash}, the export claims ${headHash}`, 1, headSeq);
    }
    if (header.kind === "events" && !header.filtered) st.walker = new ChainWalker();
    if (header.format === "csv") st.csv = new CsvParser();
  };

  const onCsvRow = async (cells: (string | null)[]) => {
    lineNo++;
    if (cells.length === 1 && cells[0]?.startsWith("# berth-export error=")) throw new ExportMismatch("incomplete-export", `the export says it stopped before its end: ${cells[0]}`, lineNo);
    if (!csvColumns) {
      csvColumns = cells.map((c) => c ?? "");
      return;
    }
    rows += st.header!.kind === "events" ? 0 : 1;
    if (st.header!.kind !== "events") return;
    const index = new Map(csvColumns.map((name, i) => [name, i]));
    const get = (name: string) => {
      const i = index.get(name);
      const v = i === undefined ? null : unguardCell(cells[i] ?? null);
      return v;
    };
    await onEvent(eventFromRecord(get), lineNo);
  };

  const onJsonLine = async (line: string) => {
    lineNo++;
    if (line.trim() === "") return;
    const record = JSON.parse(line) as Record<string, unknown>;
    if (record.type === "error") throw new ExportMismatch("incomplete-export", `the export says it stopped before its end (reference ${String(record.reference)})`, lineNo);
    if (st.header!.kind !== "events") {
      rows++;
      return;
    }
    const get = (name: string) => {
      const v = record[name];
      if (v === null || v === undefined) return null;
      return JSON_COLUMNS.has(name) ? JSON.stringify(v) : String(v);
    };
    await onEvent(eventFromRecord(get), lineNo);
  };

  try {
    for await (const chunk of chunks) {
      buffered += typeof chunk === "string" ? chunk : chunk.toString("utf8");
      if (!st.header) {
        const nl = buffered.indexOf("\n");
        if (nl < 0) continue;
        lineNo = 1;
        await onHeader(buffered.slice(0, nl).replace(/\r$/, ""));
        buffered = buffered.slice(nl + 1);
      }
      if (st.csv) {
        for (const cells of st.csv.push(buffered)) await onCsvRow(cells);
        buffered = "";
      } else {
        const lines = buffered.split("\n");
        buffered = lines.pop() ?? "";
        for (const line of lines) await onJsonLine(line);
      }
    }
    if (!st.header) {
      if (buffered.trim() === "") throw new ExportMismatch("not-an-export", "the file is empty", 0);
      lineNo = 1;
      await onHeader(buffered.replace(/\r?\n?$/, ""));
      buffered = "";
    }
    if (st.csv) for (const cells of st.csv.end()) await onCsvRow(cells);
    else if (buffered.trim() !== "") await onJsonLine(buffered);
    await flush();
    const h = st.header!;
    let completeChain = false;
    if (st.walker) {
      const w = st.walker;
      if (w.finish({ seq: BigInt(h.headSeq), hash: h.headHash })) throw new ExportMismatch("incomplete", `${w.failure!.detail} (an unfiltered export must hold the whole chain)`, lineNo);
      completeChain = true;
    }
    return { ok: true, kind: h.kind, format: h.format, headSeq: h.headSeq, headHash: h.headHash, rows, completeChain };
  } catch (error) {
    const h = st.header;
    if (error instanceof ExportMismatch) {
      return { ok: false, kind: h?.kind, format: h?.format, headSeq: h?.headSeq, rows, line: error.line, seq: error.seq, reason: error.reason, detail: error.detail };
    }
    if (error instanceof SyntaxError || (error instanceof Error && /required/.test(error.message))) {
      return { ok: false, kind: h?.kind, format: h?.format, headSeq: h?.headSeq, rows, line: lineNo, reason: "malformed", detail: error.message };
    }
    throw error;
  }
}
