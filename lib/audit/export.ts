import type pg from "pg";
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
import { eventFilterConditions, grantHistoryQuery } from "./queries";
import { isoUtc, Params, rawTextTypes } from "./sql";

// Streamed evidence files: one read-only snapshot, keyset batches, every value rendered as text by
// PostgreSQL (no Date or JSON objects per row), so memory stays at one batch whatever the size.

export type ExportFormat = "csv" | "jsonl";
export type ExportKind = "events" | "grants";

/** How a column is written in JSON Lines: a JSON string, a raw JSON value, or a number. */
type ColumnKind = "string" | "json" | "number";

interface Column {
  name: string;
  sql: string;
  kind: ColumnKind;
}

export const EVENT_EXPORT_COLUMNS: Column[] = [
  { name: "seq", sql: "e.seq::text", kind: "string" },
  { name: "at", sql: isoUtc("e.at"), kind: "string" },
  { name: "actorType", sql: `e."actorType"`, kind: "string" },
  { name: "actorId", sql: `e."actorId"`, kind: "string" },
  { name: "actorName", sql: `e."actorName"`, kind: "string" },
  { name: "actorGroups", sql: `array_to_json(e."actorGroups")::text`, kind: "json" },
  { name: "sourceIp", sql: `e."sourceIp"`, kind: "string" },
  { name: "userAgent", sql: `e."userAgent"`, kind: "string" },
  { name: "action", sql: "e.action", kind: "string" },
  { name: "objectType", sql: `e."objectType"`, kind: "string" },
  { name: "objectId", sql: `e."objectId"`, kind: "string" },
  { name: "projectName", sql: `e."projectName"`, kind: "string" },
  { name: "subject", sql: "e.subject", kind: "string" },
  { name: "requestId", sql: `e."requestId"::text`, kind: "string" },
  { name: "before", sql: "e.before::text", kind: "json" },
  { name: "after", sql: "e.after::text", kind: "json" },
  { name: "harborRequestId", sql: `e."harborRequestId"`, kind: "string" },
  { name: "portalRequestId", sql: `e."portalRequestId"`, kind: "string" },
  { name: "prevHash", sql: `e."prevHash"`, kind: "string" },
  { name: "hash", sql: "e.hash", kind: "string" },
];

export const GRANT_EXPORT_COLUMNS: Column[] = [
  { name: "grantId", sql: "g.id::text", kind: "string" },
  { name: "projectName", sql: `g."projectName"`, kind: "string" },
  { name: "subjectType", sql: `g."subjectType"::text`, kind: "string" },
  { name: "subjectName", sql: `g."subjectName"`, kind: "string" },
  { name: "roleId", sql: `g."roleId"::text`, kind: "number" },
  {
    name: "roleName",
    sql: `CASE g."roleId" WHEN 1 THEN 'Project Admin' WHEN 2 THEN 'Developer' WHEN 3 THEN 'Guest' WHEN 4 THEN 'Maintainer' WHEN 5 THEN 'Limited Guest' END`,
    kind: "string",
  },
  { name: "permissions", sql: "g.permissions::text", kind: "json" },
  { name: "state", sql: "g.state::text", kind: "string" },
  { name: "startsAt", sql: isoUtc(`g."startsAt"`), kind: "string" },
  { name: "endsAt", sql: isoUtc(`g."endsAt"`), kind: "string" },
  { name: "endedAt", sql: isoUtc(`g."endedAt"`), kind: "string" },
  { name: "endReason", sql: `g."endReason"`, kind: "string" },
  { name: "endedBy", sql: `g."endedBy"`, kind: "string" },
  { name: "requestId", sql: `g."requestId"::text`, kind: "string" },
  { name: "requestNumber", sql: "r.number::text", kind: "number" },
  { name: "requesterId", sql: `r."requesterId"`, kind: "string" },
  { name: "requesterName", sql: `r."requesterName"`, kind: "string" },
  {
    name: "approvers",
    sql: `(SELECT coalesce(json_agg(json_build_object('id', apv."approverId", 'name', apv."approverName", 'at', ${isoUtc(`apv."createdAt"`)}) ORDER BY apv."createdAt", apv."approverId"), '[]'::json)::text
      FROM "Approval" apv WHERE apv."requestId" = g."requestId" AND apv.decision = 'APPROVE')`,
    kind: "json",
  },
  { name: "supersedesId", sql: `g."supersedesId"::text`, kind: "string" },
  { name: "createdAt", sql: isoUtc(`g."createdAt"`), kind: "string" },
];

export interface ExportMeta {
  kind: ExportKind;
  chainHeadSeq: string;
  chainHeadHash: string;
  generatedAt: string;
  filters: Record<string, string>;
}

function metaLine(meta: ExportMeta, format: ExportFormat): string {
  if (format === "jsonl") {
    return `${JSON.stringify({ type: "meta", format: "berth-export", version: 1, ...meta })}\n`;
  }
  const filters = new URLSearchParams(meta.filters).toString();
  return `# berth-export chain-head-seq=${meta.chainHeadSeq} chain-head-hash=${meta.chainHeadHash} generated-at=${meta.generatedAt} filters=${filters} kind=${meta.kind} version=1\r\n`;
}

function rowFormatter(columns: Column[], format: ExportFormat, type: string): (row: (string | null)[]) => string {
  if (format === "csv") return (row) => csvRow(row.length === columns.length ? row : row.slice(0, columns.length));
  const keys = columns.map((c) => `,${JSON.stringify(c.name)}:`);
  const prefix = `{"type":${JSON.stringify(type)}`;
  return (row) => {
    let line = prefix;
    for (let i = 0; i < columns.length; i++) {
      const v = row[i] ?? null;
      line += keys[i] + (v === null ? "null" : columns[i]!.kind === "string" ? JSON.stringify(v) : v);
    }
    return `${line}}\n`;
  };
}

const filtersRecord = (filters: Record<string, unknown>) => Object.fromEntries(toSearchParams(filters, {}).entries());

interface ExportOptions {
  /** rows per batch (memory is about one batch) */
  batchSize?: number;
}

async function* inSnapshot<T>(pool: pg.Pool, body: (client: pg.PoolClient, head: { seq: string; hash: string }) => AsyncGenerator<T>): AsyncGenerator<T> {
  const client = await pool.connect();
  let failed = false;
  try {
    // one snapshot: the head and every row as of the same instant, while writers carry on
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const head = (await client.query<{ seq: string; hash: string }>(`SELECT seq::text AS seq, hash FROM "AuditHead" WHERE id = 1`)).rows[0] ?? { seq: "0", hash: "0".repeat(64) };
    yield* body(client, head);
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    await client.query("ROLLBACK").catch(() => (failed = true));
    client.release(failed);
  }
}

/** The event log (filtered) as CSV or JSON Lines, oldest first, cut at the chain head read when the export starts. */
export function exportEvents(pool: pg.Pool, filters: EventLogFiltersInput, format: ExportFormat, options: ExportOptions = {}): AsyncIterable<string> {
  const f: EventLogFilters = eventLogFiltersSchema.parse(filters);
  const batchSize = options.batchSize ?? 5000;
  const format1 = rowFormatter(EVENT_EXPORT_COLUMNS, format, "event");
  return inSnapshot(pool, async function* (client, head) {
    yield metaLine({ kind: "events", chainHeadSeq: head.seq, chainHeadHash: head.hash, generatedAt: new Date().toISOString(), filters: filtersRecord(f) }, format);
    if (format === "csv") yield csvRow(EVENT_EXPORT_COLUMNS.map((c) => c.name));
    const fetch = (afterSeq: string) => {
      const p = new Params();
      const where = [...eventFilterConditions(f, p), `e.seq > ${p.add(afterSeq)}::bigint`, `e.seq <= ${p.add(head.seq)}::bigint`];
      const text = `SELECT ${EVENT_EXPORT_COLUMNS.map((c) => c.sql).join(", ")} FROM "AuditEvent" e WHERE ${where.join(" AND ")} ORDER BY e.seq LIMIT ${batchSize}`;
      return client.query<(string | null)[]>({ text, values: p.values, rowMode: "array", types: rawTextTypes });
    };
    let pending: Promise<pg.QueryResult<(string | null)[]>> | null = fetch("0");
    try {
      while (pending) {
        const { rows }: pg.QueryResult<(string | null)[]> = await pending;
        const last: (string | null)[] | undefined = rows[rows.length - 1];
        pending = last && rows.length === batchSize ? fetch(last[0]!) : null;
        if (rows.length === 0) break;
        let chunk = "";
        for (const row of rows) chunk += format1(row);
        yield chunk;
      }
    } finally {
      await pending?.catch(() => undefined);
    }
  });
}

/** The grant history (filtered, in its sort order) as CSV or JSON Lines, with the chain head at export time. */
export function exportGrants(pool: pg.Pool, filters: GrantHistoryFiltersInput, format: ExportFormat, options: ExportOptions = {}): AsyncIterable<string> {
  const f: GrantHistoryFilters = grantHistoryFiltersSchema.parse(filters);
  const batchSize = options.batchSize ?? 2000;
  const columns = GRANT_EXPORT_COLUMNS;
  const format1 = rowFormatter(columns, format, "grant");
  const select = columns.map((c) => `${c.sql} AS "${c.name}"`).join(", ");
  return inSnapshot(pool, async function* (client, head) {
    yield metaLine({ kind: "grants", chainHeadSeq: head.seq, chainHeadHash: head.hash, generatedAt: new Date().toISOString(), filters: filtersRecord(f) }, format);
    if (format === "csv") yield csvRow(columns.map((c) => c.name));
    let cursor: string | undefined;
    for (;;) {
      const q = grantHistoryQuery(f, { cursor, limit: batchSize - 1 }, select);
      const { rows } = await client.query<(string | null)[]>({ text: q.text, values: q.values, rowMode: "array", types: rawTextTypes });
      if (rows.length === 0) break;
      let chunk = "";
      for (const row of rows) chunk += format1(row);
      yield chunk;
      if (rows.length < batchSize) break;
      const keys = rows[rows.length - 1]!.slice(columns.length) as string[];
      cursor = Buffer.from(JSON.stringify({ s: f.sort, d: f.dir, k: keys }), "utf8").toString("base64url");
    }
  });
}

/** A web stream of the export (route handlers: `new Response(toReadableStream(exportEvents(...)), { headers })`). */
export function toReadableStream(source: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { value, done } = await iterator.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    { highWaterMark: 1 },
  );
}

export function exportEventsStream(pool: pg.Pool, filters: EventLogFiltersInput, format: ExportFormat): ReadableStream<Uint8Array> {
  return toReadableStream(exportEvents(pool, filters, format));
}

export function exportGrantsStream(pool: pg.Pool, filters: GrantHistoryFiltersInput, format: ExportFormat): ReadableStream<Uint8Array> {
  return toReadableStream(exportGrants(pool, filters, format));
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
