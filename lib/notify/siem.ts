import "server-only";
import net from "node:net";
import os from "node:os";
import tls from "node:tls";
import fs from "node:fs";
import type pg from "pg";
import type { StoredAuditEvent } from "../audit";
import { prepared, type Queryable } from "../sql";
import type { SiemSink } from "./config";
import { signatureHeader, SIGNATURE_HEADER } from "./signature";
import { postJson } from "./sinks/http";

// The audit trail streamed to a SIEM as it is written (docs/notifications.md, "SIEM stream"). The trail itself, in seq
// order, is the source; each sink keeps a cursor ("siem:<name>") at the last seq its receiver acknowledged, and one
// process at a time streams a sink (a lease on the cursor row). After an outage it resumes after that seq: RELP and
// the webhook acknowledge each record or batch, so nothing is skipped and nothing is sent twice. Every record carries
// its seq, hash and prevHash, so the SIEM can check the chain's continuity itself.

/** A stored audit event as the stream sends it: every column, seq as text and `at` as an ISO instant. */
export type SiemRecord = Omit<StoredAuditEvent, "seq" | "at" | "before" | "after"> & { seq: string; at: string; before: unknown; after: unknown };

export const cursorName = (sink: { name: string }) => `siem:${sink.name}`;

/** RFC 5424: facility 13 (log audit), severity 6 (informational) — 2 (critical) for a broken chain. */
export function syslogLine(record: SiemRecord, options: { hostname: string; enterpriseId: number }): string {
  const pri = 13 * 8 + (record.action === "audit.chain.broken" ? 2 : 6);
  const msgid = record.action.replace(/[^\x21-\x7e]/g, "_").slice(0, 32) || "-";
  const host = options.hostname.replace(/[^\x21-\x7e]/g, "_").slice(0, 255) || "-";
  const sd = `[berth@${options.enterpriseId} seq="${record.seq}" hash="${record.hash}" prevHash="${record.prevHash}"]`;
  return `<${pri}>1 ${record.at} ${host} berth - ${msgid} ${sd} \u{feff}${JSON.stringify(record)}`;
}

export async function readRecords(db: Queryable, afterSeq: string, limit: number): Promise<SiemRecord[]> {
  const { rows } = await db.query<SiemRecord>(
    `SELECT seq::text AS seq, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, "actorType", "actorId", "actorName", "actorGroups", "sourceIp", "userAgent",
       action, "objectType", "objectId", "projectName", subject, "requestId", before, after, "harborRequestId", "portalRequestId", "prevHash", hash
     FROM "AuditEvent" e WHERE e.seq > $1::bigint ORDER BY e.seq LIMIT $2`,
    [afterSeq, limit],
  );
  return rows;
}

/** A connection that delivers records and says up to which one the receiver has them. */
interface Transport {
  /** Sends records in order; resolves with how many of them (a prefix) the receiver acknowledged, or throws. */
  send(records: SiemRecord[]): Promise<number>;
  close(): void;
}

function connect(sink: Extract<SiemSink, { type: "syslog" }>, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const options = { host: sink.host, port: sink.port };
    const socket = sink.tls
      ? tls.connect({ ...options, ca: sink.tls.ca ? fs.readFileSync(sink.tls.ca) : undefined, rejectUnauthorized: sink.tls.rejectUnauthorized ?? true, servername: sink.tls.servername ?? (net.isIP(sink.host) ? undefined : sink.host) })
      : net.connect(options);
    const fail = (e: Error) => {
      socket.destroy();
      reject(e);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error("timeout")));
    socket.once("error", fail);
    socket.once(sink.tls ? "secureConnect" : "connect", () => {
      socket.off("error", fail);
      socket.setTimeout(0);
      socket.setNoDelay(true);
      resolve(socket);
    });
  });
}

/** RFC 6587 octet counting over TCP (or TLS, RFC 5425): TCP acknowledges nothing the receiver's process has seen. */
async function tcpTransport(sink: Extract<SiemSink, { type: "syslog" }>, timeoutMs: number): Promise<Transport> {
  const socket = await connect(sink, timeoutMs);
  let broken: Error | null = null;
  socket.on("error", (e) => (broken = e));
  socket.on("close", () => (broken ??= new Error("connection closed")));
  const hostname = sink.hostname ?? os.hostname();
  return {
    async send(records) {
      if (broken) throw broken;
      const frames = records.map((r) => {
        const line = Buffer.from(syslogLine(r, { hostname, enterpriseId: sink.enterpriseId }), "utf8");
        return Buffer.concat([Buffer.from(`${line.length} `), line]);
      });
      await new Promise<void>((resolve, reject) => socket.write(Buffer.concat(frames), (e) => (e ? reject(e) : resolve())));
      if (broken) throw broken;
      return records.length;
    },
    close: () => socket.destroy(),
  };
}

/**
 * RELP (rsyslog's Reliable Event Logging Protocol): every frame `TXNR SP COMMAND SP DATALEN [SP DATA] LF` is answered
 * with `TXNR rsp …` and a 200 status once the receiver has the record, so a cut loses nothing and repeats nothing.
 */
async function relpTransport(sink: Extract<SiemSink, { type: "syslog" }>, timeoutMs: number): Promise<Transport> {
  const socket = await connect(sink, timeoutMs);
  const hostname = sink.hostname ?? os.hostname();
  let buffer = Buffer.alloc(0);
  let txnr = 0;
  let broken: Error | null = null;
  const waiting = new Map<number, { resolve: (ok: boolean) => void }>();
  const failAll = (e: Error) => {
    broken ??= e;
    for (const w of waiting.values()) w.resolve(false);
    waiting.clear();
  };
  socket.on("error", (e) => failAll(e));
  socket.on("close", () => failAll(new Error("connection closed")));
  socket.on("data", (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const header = /^(\d{1,9}) ([a-z]{1,32}) (\d{1,9})/.exec(buffer.subarray(0, 64).toString("latin1"));
      if (!header) {
        if (buffer.length > 64) failAll(new Error("RELP: malformed frame"));
        return;
      }
      const len = Number(header[3]);
      const start = header[0].length + (len > 0 ? 1 : 0);
      if (buffer.length < start + len + 1) return;
      const data = buffer.subarray(start, start + len).toString("utf8");
      buffer = buffer.subarray(start + len + 1);
      const nr = Number(header[1]);
      if (header[2] === "serverclose") return failAll(new Error("RELP: server closed the session"));
      if (header[2] !== "rsp") continue;
      waiting.get(nr)?.resolve(data.startsWith("200"));
      waiting.delete(nr);
    }
  });
  const frame = (command: string, data: string) => {
    const nr = ++txnr;
    const body = Buffer.from(data, "utf8");
    const acked = new Promise<boolean>((resolve) => waiting.set(nr, { resolve }));
    socket.write(Buffer.concat([Buffer.from(`${nr} ${command} ${body.length}${body.length ? " " : ""}`), body, Buffer.from("\n")]));
    return acked;
  };
  const opened = await Promise.race([frame("open", "relp_version=0\nrelp_software=berth\ncommands=syslog"), new Promise<boolean>((r) => setTimeout(() => r(false), timeoutMs).unref())]);
  if (!opened) {
    socket.destroy();
    throw broken ?? new Error("RELP: the receiver did not accept the session");
  }
  return {
    async send(records) {
      if (broken) throw broken;
      const acks = records.map((r) => frame("syslog", syslogLine(r, { hostname, enterpriseId: sink.enterpriseId })));
      let acknowledged = 0;
      for (const ack of acks) {
        const ok = await Promise.race([ack, new Promise<boolean>((r) => setTimeout(() => r(false), timeoutMs).unref())]);
        if (!ok) break;
        acknowledged++;
      }
      if (acknowledged < records.length) {
        socket.destroy();
        if (acknowledged === 0) throw broken ?? new Error("RELP: not acknowledged");
      }
      return acknowledged;
    },
    close() {
      if (!broken) socket.end(`${++txnr} close 0\n`);
      setTimeout(() => socket.destroy(), 1000).unref();
    },
  };
}

/** Batches as JSON, signed like the machine webhooks; a 2xx acknowledges the whole batch. */
function webhookTransport(sink: Extract<SiemSink, { type: "webhook" }>, baseUrl: string, timeoutMs: number): Transport {
  return {
    async send(records) {
      const body = JSON.stringify({ source: baseUrl, stream: sink.name, events: records });
      const headers: Record<string, string> = sink.signingKey ? { [SIGNATURE_HEADER]: signatureHeader(sink.signingKey, body) } : {};
      const outcome = await postJson(sink.url, body, headers, timeoutMs);
      if (!outcome.ok) throw new Error(outcome.error);
      return records.length;
    },
    close() {},
  };
}

export interface SiemStreamOptions {
  pool: pg.Pool;
  sink: SiemSink;
  baseUrl: string;
  workerId: string;
  leaseSeconds: number;
  timeoutMs: number;
  /** Records per read (and per RELP window or webhook batch). */
  batch?: number;
}

/** Takes the sink's cursor for this process (creating it at genesis or the current head); null when another process has it. */
export async function claimCursor(db: Queryable, sink: SiemSink, workerId: string, leaseSeconds: number): Promise<string | null> {
  await db.query(
    `INSERT INTO "NotifyCursor" (name, seq) SELECT $1, CASE WHEN $2 = 'now' THEN (SELECT seq FROM "AuditHead" WHERE id = 1) ELSE 0 END ON CONFLICT (name) DO NOTHING`,
    [cursorName(sink), sink.from],
  );
  const { rows } = await db.query<{ seq: string }>(
    `UPDATE "NotifyCursor" SET "lockedBy" = $2, "lockedUntil" = now() + make_interval(secs => $3::int)
     WHERE name = $1 AND ("lockedBy" IS NULL OR "lockedBy" = $2 OR "lockedUntil" < now()) RETURNING seq::text AS seq`,
    [cursorName(sink), workerId, leaseSeconds],
  );
  return rows[0]?.seq ?? null;
}

/** Moves the cursor (and renews the lease) only while this process holds it. */
async function advance(db: Queryable, sink: SiemSink, workerId: string, seq: string, leaseSeconds: number): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE "NotifyCursor" SET seq = $3::bigint, "lockedUntil" = now() + make_interval(secs => $4::int), "updatedAt" = now(), "lastError" = NULL WHERE name = $1 AND "lockedBy" = $2`,
    [cursorName(sink), workerId, seq, leaseSeconds],
  );
  return (rowCount ?? 0) > 0;
}

export async function releaseCursor(db: Queryable, sink: SiemSink, workerId: string, error: string | null): Promise<void> {
  await db.query(
    `UPDATE "NotifyCursor" SET "lockedBy" = NULL, "lockedUntil" = NULL, "lastError" = coalesce($3, "lastError"), "lastErrorAt" = CASE WHEN $3::text IS NULL THEN "lastErrorAt" ELSE now() END WHERE name = $1 AND "lockedBy" = $2`,
    [cursorName(sink), workerId, error],
  );
}

export interface StreamPass {
  /** Records acknowledged in this pass. */
  sent: number;
  /** The cursor afterwards. */
  cursor: string | null;
  /** Why the pass stopped early (the transport's error); null when it caught up. */
  error: string | null;
}

/**
 * Streams what is there now: claims the cursor, sends until caught up (or `stopping`), moving the cursor after each
 * acknowledged prefix. A failure stops the pass with the cursor at the last acknowledged seq.
 */
export async function streamOnce(options: SiemStreamOptions, stopping: () => boolean = () => false, kept: { transport: Transport | null } = { transport: null }): Promise<StreamPass> {
  const db = prepared(options.pool);
  const { sink, workerId, leaseSeconds } = options;
  // idle streams write nothing: the cursor is taken only when the trail has moved past it
  const { rows: peek } = await db.query<{ seq: string | null; behind: boolean | null }>(
    `SELECT c.seq::text AS seq, c.seq < h.seq AS behind FROM "AuditHead" h LEFT JOIN "NotifyCursor" c ON c.name = $1 WHERE h.id = 1`,
    [cursorName(sink)],
  );
  if (peek[0]?.seq != null && !peek[0].behind) return { sent: 0, cursor: peek[0].seq, error: null };
  let cursor = await claimCursor(db, sink, workerId, leaseSeconds);
  if (cursor === null) {
    kept.transport?.close();
    kept.transport = null;
    return { sent: 0, cursor: null, error: null };
  }
  const batch = options.batch ?? (sink.type === "webhook" ? sink.batch : 200);
  let transport: Transport | null = kept.transport;
  let failed = false;
  let sent = 0;
  try {
    for (;;) {
      if (stopping()) break;
      const records = await readRecords(db, cursor, batch);
      if (records.length === 0) break;
      transport ??= sink.type === "webhook" ? webhookTransport(sink, options.baseUrl, options.timeoutMs) : sink.protocol === "relp" ? await relpTransport(sink, options.timeoutMs) : await tcpTransport(sink, options.timeoutMs);
      let acknowledged = 0;
      let failure: unknown = null;
      try {
        acknowledged = await transport.send(records);
      } catch (e) {
        failure = e;
      }
      if (acknowledged > 0) {
        const last = records[acknowledged - 1]!.seq;
        if (!(await advance(db, sink, workerId, last, leaseSeconds))) return { sent, cursor, error: "lease lost" };
        cursor = last;
        sent += acknowledged;
      }
      if (failure || acknowledged < records.length) throw failure ?? new Error("not acknowledged");
    }
    return { sent, cursor, error: null };
  } catch (e) {
    failed = true;
    const error = e instanceof Error ? e.message.slice(0, 200) : "unknown error";
    await releaseCursor(db, sink, workerId, error).catch(() => {});
    return { sent, cursor, error };
  } finally {
    // a healthy connection is kept for the next pass (the lease stays this process's while it streams)
    if (failed || stopping()) {
      transport?.close();
      kept.transport = null;
    } else kept.transport = transport;
  }
}

export type { Transport as SiemTransport };
