import { randomUUID } from "node:crypto";
import "server-only";
import type pg from "pg";
import { bindAsSettings, copyOut } from "./copy";
import { csvRow } from "./csv";
import {
  eventLogFiltersSchema,
  grantHistoryFiltersSchema,
  toSearchParams,
  type EventLogFilters,
  type EventLogFiltersInput,
  type GrantHistoryFilters,
  type GrantHistoryFiltersInput,
} from "./filters";
import { eventFilterConditions, GRANT_SORT_KEYS, grantFilterConditions } from "./queries";
import { isoUtc, Params } from "./sql";
import { roleNameSql } from "./roles";
import { CHECKPOINT_SELECT, reviewCheckpoints, type AuditKeyring, type CheckpointRow } from "./signing";

// Streamed evidence files. One read-only snapshot per export: the chain head and every row as of the
// same instant. PostgreSQL renders the rows (COPY … TO STDOUT): CSV with its own RFC 4180 quoting; for JSON Lines
// plain text rows that node turns into JSON as they pass, so memory stays flat whatever the size.

export type ExportFormat = "csv" | "jsonl";
export type ExportKind = "events" | "grants" | "review";

export interface ExportColumn {
  name: string;
  /** a typed expression: numbers and JSON stay themselves in JSON Lines; times are already ISO text */
  sql: string;
  /** a plain value (number, hash, uuid, time, enum): nothing to escape in JSON, nothing a spreadsheet evaluates */
  safe?: true;
  /** the value's text is already JSON (numbers, json, jsonb) */
  raw?: true;
}

type Column = ExportColumn;

export const EVENT_EXPORT_COLUMNS: Column[] = [
  { name: "seq", sql: "e.seq::text", safe: true },
  { name: "at", sql: isoUtc("e.at"), safe: true },
  { name: "actorType", sql: `e."actorType"`, safe: true },
  { name: "actorId", sql: `e."actorId"` },
  { name: "actorName", sql: `e."actorName"` },
  { name: "actorGroups", sql: `array_to_json(e."actorGroups")`, safe: true, raw: true },
  { name: "sourceIp", sql: `e."sourceIp"` },
  { name: "userAgent", sql: `e."userAgent"` },
  { name: "action", sql: "e.action", safe: true },
  { name: "objectType", sql: `e."objectType"`, safe: true },
  { name: "objectId", sql: `e."objectId"` },
  { name: "projectName", sql: `e."projectName"` },
  { name: "subject", sql: "e.subject" },
  { name: "requestId", sql: `e."requestId"::text`, safe: true },
  { name: "before", sql: "e.before", raw: true },
  { name: "after", sql: "e.after", raw: true },
  { name: "harborRequestId", sql: `e."harborRequestId"` },
  { name: "portalRequestId", sql: `e."portalRequestId"` },
  { name: "clientRequestId", sql: `e."clientRequestId"` },
  { name: "prevHash", sql: `e."prevHash"`, safe: true },
  { name: "hash", sql: "e.hash", safe: true },
];

export const GRANT_EXPORT_COLUMNS: Column[] = [
  { name: "grantId", sql: "g.id::text", safe: true },
  { name: "projectName", sql: `g."projectName"` },
  { name: "subjectType", sql: `g."subjectType"::text`, safe: true },
  { name: "subjectName", sql: `g."subjectName"` },
  { name: "roleId", sql: `g."roleId"`, safe: true, raw: true },
  { name: "roleName", sql: roleNameSql(`g."roleId"`), safe: true },
  { name: "permissions", sql: "g.permissions", raw: true },
  { name: "state", sql: "g.state::text", safe: true },
  { name: "startsAt", sql: isoUtc(`g."startsAt"`), safe: true },
  { name: "endsAt", sql: isoUtc(`g."endsAt"`), safe: true },
  { name: "endedAt", sql: isoUtc(`g."endedAt"`), safe: true },
  { name: "endReason", sql: `g."endReason"` },
  { name: "endedBy", sql: `g."endedBy"` },
  { name: "requestId", sql: `g."requestId"::text`, safe: true },
  { name: "requestNumber", sql: `g."requestNumber"`, safe: true, raw: true },
  { name: "requesterId", sql: `g."requesterId"` },
  { name: "requesterName", sql: `g."requesterName"` },
  // kept on the grant when it is made, as this very text (ADR 025); a JSON array starts with "[": nothing to guard
  { name: "approvers", sql: `g.approvers`, safe: true, raw: true },
  { name: "supersedesId", sql: `g."supersedesId"::text`, safe: true },
  { name: "createdAt", sql: isoUtc(`g."createdAt"`), safe: true },
];

/** The newest signed checkpoint at or before an export's head, as the file carries it (docs/audit.md "Exports"). */
export interface ExportCheckpoint {
  seq: string;
  hash: string;
  verifiedAt: string;
  keyId: string;
  signature: string;
}

export interface ExportMeta {
  kind: ExportKind;
  chainHeadSeq: string;
  chainHeadHash: string;
  generatedAt: string;
  filters: Record<string, string>;
  /** the key Berth signs checkpoints with now */
  signingKey: { algorithm: "Ed25519"; keyId: string; publicKey: string } | null;
  checkpoint: ExportCheckpoint | null;
}

export const EXPORT_VERSION = 2;

function metaLine(meta: ExportMeta, format: ExportFormat): string {
  if (format === "jsonl") return `${JSON.stringify({ type: "meta", format: "berth-export", version: EXPORT_VERSION, ...meta })}\n`;
  const filters = new URLSearchParams(meta.filters).toString();
  const cp = meta.checkpoint;
  return (
    `# berth-export chain-head-seq=${meta.chainHeadSeq} chain-head-hash=${meta.chainHeadHash} generated-at=${meta.generatedAt} filters=${filters} kind=${meta.kind} version=${EXPORT_VERSION}` +
    ` signing-key-id=${meta.signingKey?.keyId ?? ""} public-key=${meta.signingKey?.publicKey ?? ""}` +
    ` checkpoint-seq=${cp?.seq ?? ""} checkpoint-hash=${cp?.hash ?? ""} checkpoint-at=${cp?.verifiedAt ?? ""} checkpoint-key-id=${cp?.keyId ?? ""} checkpoint-signature=${cp?.signature ?? ""}\n`
  );
}

// Spreadsheets evaluate cells starting with these; a leading apostrophe makes them text (docs/audit.md).
// ascii() reads the first character's code without building a one-character string as left(x, 1) would
// (61 =, 43 +, 45 -, 64 @, 9 tab, 13 CR, 39 ')
const guarded = (x: string) => `CASE WHEN ascii(${x}) IN (61, 43, 45, 64, 9, 13, 39) THEN '''' || ${x} ELSE ${x} END`;

/** How COPY renders the rows: CSV, or COPY's text format (node turns it into JSON Lines). */
type Rendering = "csv" | "text";

/**
 * The COPY statement: an inner SELECT of the columns (c0…) and sort keys (k0…), rendered by the outer one. PostgreSQL
 * folds the inner SELECT into the outer, so the CSV guard evaluates a column once per mention: keep expensive
 * expressions out of guarded columns (`with` can compute them ahead).
 */
function copyStatement(columns: Column[], from: string, where: string[], orderBy: { expr: string; dir: "ASC" | "DESC" }[], rendering: Rendering, withClause = ""): string {
  const inner = `SELECT ${[...columns.map((c, i) => `${c.sql} AS c${i}`), ...orderBy.map((o, i) => `${o.expr} AS k${i}`)].join(", ")}
    ${from}${where.length ? ` WHERE ${where.join(" AND ")}` : ""}`;
  const order = orderBy.map((o, i) => `s.k${i} ${o.dir}`).join(", ");
  // CSV: PostgreSQL writes the file, with the formula guard on text cells. Otherwise plain text COPY (tab-separated),
  // PostgreSQL's cheapest output; node builds the JSON, so the work is shared between the two processes (measured
  // about 1.5x the rows/s of JSON built in SQL on one connection, and 1.3x on two: ADR 024)
  const cells = columns.map((c, i) => (rendering === "csv" && !c.safe ? guarded(`s.c${i}::text`) : `s.c${i}`)).join(", ");
  return `COPY (${withClause}SELECT ${cells} FROM (${inner}) s ORDER BY ${order}) TO STDOUT${rendering === "csv" ? " WITH (FORMAT csv)" : ""}`;
}

const COPY_ESCAPES: Record<string, string> = { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v" };

/** Undoes COPY's text-format escapes (a backslash before a letter of COPY_ESCAPES, or before the character itself). */
const unescapeCopy = (cell: string) => cell.replace(/\\(.)/g, (_, c: string) => COPY_ESCAPES[c] ?? c);

// what JSON.stringify would escape in a string (lone surrogates cannot come out of UTF-8 text)
const JSON_SPECIAL = /["\\\u0000-\u001f]/;

/**
 * Turns lines of COPY text output into JSON Lines objects of the given type. Node builds the JSON of every export row
 * in JSON Lines, so this walks each line once, cutting cells at tabs, and writes a plain cell as is between quotes
 * (the same text JSON.stringify makes, measured about three times faster).
 */
export function jsonLines(columns: Column[], type: string): (lines: string) => string {
  const count = columns.length;
  const keys = columns.map((c) => `,${JSON.stringify(c.name)}:`);
  const raw = columns.map((c) => c.raw === true);
  const safe = columns.map((c) => c.safe === true);
  const prefix = `{"type":${JSON.stringify(type)}`;
  return (lines) => {
    let out = "";
    let pos = 0;
    for (let eol = lines.indexOf("\n"); eol >= 0; pos = eol + 1, eol = lines.indexOf("\n", pos)) {
      let line = prefix;
      for (let i = 0; i < count; i++) {
        // a missing cell (never from COPY) reads as NULL, like `\N`
        let cell = "\\N";
        if (pos <= eol) {
          let end = i === count - 1 ? eol : lines.indexOf("\t", pos);
          if (end < 0 || end > eol) end = eol;
          cell = lines.slice(pos, end);
          pos = end + 1;
        }
        if (cell === "\\N") {
          line += `${keys[i]}null`;
          continue;
        }
        const value = cell.includes("\\") ? unescapeCopy(cell) : cell;
        line += keys[i] + (raw[i] ? value : safe[i] || !JSON_SPECIAL.test(value) ? `"${value}"` : JSON.stringify(value));
      }
      out += `${line}}\n`;
    }
    return out;
  };
}

const filtersRecord = (filters: Record<string, unknown>) => Object.fromEntries(toSearchParams(filters, {}).entries());

export interface ExportOptions {
  /** whose signed checkpoints count, and the key the file names (lib/audit/signing.ts) */
  keyring: AuditKeyring;
  /** bytes buffered before the socket is paused */
  highWaterMark?: number;
  /** render the later half of the rows on a second connection in the same snapshot (default: when the pool has one to spare) */
  parallel?: boolean;
}

/** The first key of an export's order, with the table source its expression reads, for cutting the rows in two. */
interface SplitKey {
  expr: string;
  dir: "ASC" | "DESC";
  /** FROM … over which `expr` and the export's `where` are valid */
  from: string;
  where: string[];
}

/**
 * The rows of the first half of the order (`first`), or of the second (`rest`): cut at the median of the first sort
 * key, which both connections compute alike in the same snapshot. Rows that tie on the key stay on one side, and
 * NULLs go where the order puts them (last ascending, first descending), so the halves end to end are the whole order.
 */
function halfCondition(key: SplitKey, half: "first" | "rest"): string {
  const median = `(SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY ${key.expr}) ${key.from}${key.where.length ? ` WHERE ${key.where.join(" AND ")}` : ""})`;
  const before = key.dir === "ASC" ? `${key.expr} < ${median}` : `(${key.expr} > ${median} OR ${key.expr} IS NULL)`;
  return half === "first" ? `coalesce(${before}, false)` : `NOT coalesce(${before}, false)`;
}

const SNAPSHOT_ID = /^[0-9A-F]+-[0-9A-F]+-[0-9]+$/i;

/**
 * A second connection in the snapshot of `client`'s transaction, or null when the pool has none to spare at once: an
 * export never waits on the pool for it (two exports holding one connection each would otherwise wait on each other).
 */
async function joinSnapshot(pool: pg.Pool, client: pg.PoolClient): Promise<pg.PoolClient | null> {
  const max = (pool as pg.Pool & { options: { max?: number } }).options.max ?? 10;
  if (pool.waitingCount > 0 || (pool.idleCount === 0 && pool.totalCount >= max)) return null;
  const id = (await client.query<{ id: string }>("SELECT pg_export_snapshot() AS id")).rows[0]?.id ?? "";
  if (!SNAPSHOT_ID.test(id)) return null;
  const pending = pool.connect();
  const other = await Promise.race([pending, new Promise<null>((resolve) => setTimeout(resolve, 200, null))]);
  if (!other) {
    pending.then((c) => c.release(), () => {});
    return null;
  }
  try {
    await other.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await other.query(`SET TRANSACTION SNAPSHOT '${id}'`);
    await other.query("SET LOCAL work_mem = '64MB'");
    return other;
  } catch (error) {
    other.release(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}

/**
 * The rows of an export through COPY. With a key to cut at and a connection to spare, PostgreSQL renders the second
 * half on that connection while the first half streams, so both cores work (ADR 024); the second half waits, at most
 * four times `highWaterMark` of it buffered, until the first has been sent. JSON Lines are built by node from COPY's
 * text rows on one connection or two: measured faster than PostgreSQL's row_to_json on the second (ADR 024).
 */
async function* copyRows(
  pool: pg.Pool,
  client: pg.PoolClient,
  statement: (rendering: Rendering, half?: "first" | "rest") => string,
  values: unknown[],
  options: ExportOptions & { format: ExportFormat; columns: Column[]; rowType: string; split: boolean },
): AsyncGenerator<string> {
  const highWaterMark = options.highWaterMark ?? 1 << 20;
  const rendering: Rendering = options.format === "csv" ? "csv" : "text";
  const transform = options.format === "jsonl" ? jsonLines(options.columns, options.rowType) : undefined;
  const other = options.split && options.parallel !== false ? await joinSnapshot(pool, client) : null;
  if (!other) {
    yield* copyOut(client, await bindAsSettings(client, statement(rendering), values), { highWaterMark, transform });
    return;
  }
  let clean = false;
  try {
    const first = await bindAsSettings(client, statement(rendering, "first"), values);
    const rest = copyOut(other, await bindAsSettings(other, statement(rendering, "rest"), values), { highWaterMark: 4 * highWaterMark, transform });
    // starts the second COPY now; its failure is read below, in order
    const head = rest.next();
    head.catch(() => {});
    yield* copyOut(client, first, { highWaterMark, transform });
    const start = await head;
    if (!start.done) {
      yield start.value;
      for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
    }
    await other.query("ROLLBACK");
    clean = true;
  } finally {
    // a reader that stopped early leaves the second COPY running: drop that connection
    other.release(clean ? undefined : new Error("export ended before completion"));
  }
}

interface Snapshot {
  head: { seq: string; hash: string };
  signingKey: ExportMeta["signingKey"];
  checkpoint: ExportCheckpoint | null;
}

async function* inSnapshot(pool: pg.Pool, keyring: AuditKeyring, body: (client: pg.PoolClient, snapshot: Snapshot) => AsyncGenerator<string>): AsyncGenerator<string> {
  const client = await pool.connect();
  let clean = false;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    // the rows are sorted in full before COPY sends the first: in memory, not in a temporary file
    await client.query("SET LOCAL work_mem = '64MB'");
    const head = (await client.query<{ seq: string; hash: string }>(`SELECT seq::text AS seq, hash FROM "AuditHead" WHERE id = 1`)).rows[0] ?? { seq: "0", hash: "0".repeat(64) };
    // the newest checkpoint at or before the head whose signature holds: an offline check of the file starts from it
    const candidates = (await client.query<CheckpointRow>(`${CHECKPOINT_SELECT} WHERE c.seq <= $1::bigint ORDER BY c.seq DESC LIMIT 20`, [head.seq])).rows;
    const cp = reviewCheckpoints(keyring, candidates).newestValid;
    const checkpoint = cp ? { seq: cp.seq, hash: cp.hash, verifiedAt: cp.verifiedAt.toISOString(), keyId: cp.keyId!, signature: cp.signature! } : null;
    const signingKey = keyring.signer ? { algorithm: "Ed25519" as const, keyId: keyring.signer.keyId, publicKey: keyring.signer.publicKey } : null;
    yield* body(client, { head, signingKey, checkpoint });
    await client.query("ROLLBACK");
    clean = true;
  } finally {
    // a reader that stopped early leaves the COPY running: drop that connection instead of reusing it
    client.release(clean ? undefined : new Error("export ended before completion"));
  }
}

/** The event log (filtered) as CSV or JSON Lines, oldest first, cut at the chain head read when the export starts. */
export function exportEvents(pool: pg.Pool, filters: EventLogFiltersInput, format: ExportFormat, options: ExportOptions): AsyncIterable<string> {
  const f: EventLogFilters = eventLogFiltersSchema.parse(filters);
  return inSnapshot(pool, options.keyring, async function* (client, { head, signingKey, checkpoint }) {
    yield metaLine({ kind: "events", chainHeadSeq: head.seq, chainHeadHash: head.hash, generatedAt: new Date().toISOString(), filters: filtersRecord(f), signingKey, checkpoint }, format);
    if (format === "csv") yield csvRow(EVENT_EXPORT_COLUMNS.map((c) => c.name));
    const p = new Params();
    const where = [...eventFilterConditions(f, p), `e.seq <= ${p.add(head.seq)}::bigint`];
    const sql = await bindAsSettings(client, copyStatement(EVENT_EXPORT_COLUMNS, `FROM "AuditEvent" e`, where, [{ expr: "e.seq", dir: "ASC" }], format === "csv" ? "csv" : "text"), p.values);
    yield* copyOut(client, sql, { highWaterMark: options.highWaterMark, transform: format === "jsonl" ? jsonLines(EVENT_EXPORT_COLUMNS, "event") : undefined });
  });
}

/** The grants to export with their request's columns (the approvers are a column of the grant: ADR 025). */
function grantSelection(where: string[]): string {
  return `WITH g AS (
  SELECT g.*, r.number AS "requestNumber", r."requesterId", r."requesterName"
  FROM "Grant" g JOIN "Request" r ON r.id = g."requestId"${where.length ? `\n  WHERE ${where.join(" AND ")}` : ""}
)
`;
}

/** The grant history (filtered, in its sort order) as CSV or JSON Lines, with the chain head at export time. */
export function exportGrants(pool: pg.Pool, filters: GrantHistoryFiltersInput, format: ExportFormat, options: ExportOptions): AsyncIterable<string> {
  const f: GrantHistoryFilters = grantHistoryFiltersSchema.parse(filters);
  return inSnapshot(pool, options.keyring, async function* (client, { head, signingKey, checkpoint }) {
    yield metaLine({ kind: "grants", chainHeadSeq: head.seq, chainHeadHash: head.hash, generatedAt: new Date().toISOString(), filters: filtersRecord(f), signingKey, checkpoint }, format);
    if (format === "csv") yield csvRow(GRANT_EXPORT_COLUMNS.map((c) => c.name));
    const p = new Params();
    const where = grantFilterConditions(f, p);
    const dir = f.dir === "desc" ? "DESC" : "ASC";
    const orderBy = GRANT_SORT_KEYS[f.sort].map((k) => ({ expr: k.expr, dir }) as const);
    // one connection: with the approvers read from the grant (ADR 025) a row costs PostgreSQL little, and cutting the
    // order in two (ADR 024) measured slower than streaming it whole
    const statement = (rendering: Rendering) => copyStatement(GRANT_EXPORT_COLUMNS, "FROM g", [], orderBy, rendering, grantSelection(where));
    yield* copyRows(pool, client, statement, p.values, { ...options, format, columns: GRANT_EXPORT_COLUMNS, rowType: "grant", split: false });
  });
}

export interface ExportSpec {
  kind: ExportKind;
  /** The `type` of each JSON Lines row ("event", "grant", "review-item"). */
  rowType: string;
  filters: Record<string, string>;
  columns: ExportColumn[];
  /** FROM … with its joins; `$n` in it and in `where` refer to `values`. */
  from: string;
  where: string[];
  values: unknown[];
  orderBy: { expr: string; dir: "ASC" | "DESC" }[];
  /** WITH … computed ahead (see copyStatement). */
  withClause?: string;
  /** FROM … over which `where` and the first sort key are valid alone: lets a large export use two connections (copyRows) */
  splitFrom?: string;
}

/**
 * Any other report in the same evidence format (docs/audit.md "Exports"): one read-only snapshot, the chain head in
 * the first line, the rows rendered by PostgreSQL through COPY.
 */
export function exportQuery(pool: pg.Pool, spec: ExportSpec, format: ExportFormat, options: ExportOptions): AsyncIterable<string> {
  return inSnapshot(pool, options.keyring, async function* (client, { head, signingKey, checkpoint }) {
    yield metaLine({ kind: spec.kind, chainHeadSeq: head.seq, chainHeadHash: head.hash, generatedAt: new Date().toISOString(), filters: spec.filters, signingKey, checkpoint }, format);
    if (format === "csv") yield csvRow(spec.columns.map((c) => c.name));
    const key = spec.splitFrom ? { ...spec.orderBy[0]!, from: spec.splitFrom, where: spec.where } : null;
    const statement = (rendering: Rendering, half?: "first" | "rest") => copyStatement(spec.columns, spec.from, key && half ? [...spec.where, halfCondition(key, half)] : spec.where, spec.orderBy, rendering, spec.withClause);
    yield* copyRows(pool, client, statement, spec.values, { ...options, format, columns: spec.columns, rowType: spec.rowType, split: key !== null });
  });
}

/** A web stream of the export (route handlers: `new Response(toReadableStream(exportEvents(...)), { headers })`). */
/**
 * The line that ends an export which failed after its first bytes were sent: the file says it is incomplete instead of
 * ending short without a word (audit:verify refuses it). Only a reference, never the error's text.
 */
export function exportErrorLine(format: ExportFormat, reference: string): string {
  const message = "the export stopped before its end; this file is incomplete";
  return format === "csv" ? `# berth-export error="${message}" reference=${reference}\n` : `${JSON.stringify({ type: "error", error: "export-failed", message, reference })}\n`;
}

/**
 * Reads an export's first chunk before the route answers (a database that does not answer is then a 500, not a
 * truncated download); the generator yields that chunk, then the rest, and closing it early closes the source.
 */
export async function primed(source: AsyncIterable<string>): Promise<AsyncGenerator<string>> {
  const rest = source[Symbol.asyncIterator]();
  const first = await rest.next();
  return (async function* () {
    try {
      if (first.done) return;
      yield first.value;
      for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
    } finally {
      await rest.return?.();
    }
  })();
}

/** A web stream of the export; a failure while streaming ends it with `exportErrorLine` (when a format is given). */
export function toReadableStream(source: AsyncIterable<string>, options: { format?: ExportFormat; onError?: (error: unknown, reference: string) => void } = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await iterator.next();
          if (done) controller.close();
          else controller.enqueue(encoder.encode(value));
        } catch (error) {
          if (!options.format) throw error;
          const reference = randomUUID().slice(0, 8);
          options.onError?.(error, reference);
          controller.enqueue(encoder.encode(exportErrorLine(options.format, reference)));
          controller.close();
        }
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    { highWaterMark: 1 },
  );
}

export function exportEventsStream(pool: pg.Pool, filters: EventLogFiltersInput, format: ExportFormat, options: ExportOptions): ReadableStream<Uint8Array> {
  return toReadableStream(exportEvents(pool, filters, format, options));
}

export function exportGrantsStream(pool: pg.Pool, filters: GrantHistoryFiltersInput, format: ExportFormat, options: ExportOptions): ReadableStream<Uint8Array> {
  return toReadableStream(exportGrants(pool, filters, format, options));
}

/** Response headers for an export download. */
export function exportHeaders(kind: ExportKind, format: ExportFormat, now = new Date()): Record<string, string> {
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  return {
    "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/jsonl; charset=utf-8",
    "content-disposition": `attachment; filename="berth-${kind}-${stamp}.${format}"`,
    "cache-control": "no-store",
  };
}
