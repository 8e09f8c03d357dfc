import "server-only";
import { createHash } from "node:crypto";
import pg from "pg";
import { database, type Tx } from "./db";

// The one raw-SQL vocabulary: anything that runs a parameterized statement (a pg pool, a checked-out client, or a
// Prisma interactive transaction through `sqlOf`), prepared statements for hot paths, transactions on pg, and the
// JSON parameter form. The worker's hot path uses node-pg, not Prisma: ~0.6 ms of Prisma overhead per statement
// would exceed its latency budget (docs/provisioning.md, "Performance").

/** A pg pool or a checked-out client: anything that runs a parameterized query. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

/** Where raw SQL can run: node-pg, or a Prisma interactive transaction (whose statements join that transaction). */
export type SqlTarget = Queryable | Tx;

/** The same statements through a Prisma transaction: `$queryRawUnsafe` with positional parameters. */
export function sqlOf(target: SqlTarget): Queryable {
  if ("query" in target) return target;
  return {
    async query<R extends pg.QueryResultRow>(text: string, values: unknown[] = []) {
      const rows = await target.$queryRawUnsafe<R[]>(text, ...values);
      return { rows, rowCount: rows.length, command: "", oid: 0, fields: [] };
    },
  };
}

/**
 * A unique index refused the write: Prisma's P2002, a raw statement's P2010 whose driver error is 23505, or pg's own
 * 23505. Racing writers (two schedulers queueing the same expiry) meet it; the loser treats it as "already done".
 */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: unknown; meta?: { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown } } } } | null;
  return [err?.code, err?.meta?.code, err?.meta?.driverAdapterError?.cause?.originalCode].some((c) => c === "P2002" || c === "23505");
}

/** A JSON value as a statement parameter (cast with ::jsonb in the SQL); null and undefined become SQL NULL. */
export const jsonParam = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

const names = new Map<string, string>();
const MAX_PREPARED = 256;

/**
 * The same connection (or pool), with every statement prepared once per connection under a name derived from its
 * text: the worker repeats a few dozen statements, and parsing and planning them each time was a third of its cost.
 * (A pooler in transaction mode must support prepared statements, as PgBouncer does from 1.21.)
 */
export function prepared(db: pg.Pool | pg.ClientBase): Queryable {
  return {
    query<R extends pg.QueryResultRow>(text: string, values?: unknown[]) {
      let name = names.get(text);
      // the audit INSERT's text varies with its events (count, null before/after): bound what we keep prepared
      if (!name && names.size < MAX_PREPARED) {
        name = `berth_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
        names.set(text, name);
      }
      return name ? db.query<R>({ name, text, values }) : db.query<R>(text, values);
    },
  };
}

const preparedPools = new WeakMap<pg.Pool, Queryable>();

/** `prepared(pool)`, made once per pool. */
export function preparedPool(pool: pg.Pool): Queryable {
  let queryable = preparedPools.get(pool);
  if (!queryable) preparedPools.set(pool, (queryable = prepared(pool)));
  return queryable;
}

/** At most this many statements share one connection's pipeline; a larger burst is spread over more connections. */
export const PIPELINE_MAX = 24;

interface Waiting {
  text: string;
  values?: unknown[];
  resolve(result: pg.QueryResult): void;
  reject(error: unknown): void;
}

const pipelinedPools = new WeakMap<pg.Pool, Queryable>();

/**
 * `prepared(pool)`, but the statements asked for in one turn of the event loop go out together: on one pooled
 * connection, pipelined, in one socket write. The pool's clients must run in pg's pipeline mode (`readPool`,
 * createDatabase); on others the statements would wait for each other. A page
 * asks for a dozen small reads at once; sent each on a connection of its own they cost a socket write and read and a
 * PostgreSQL backend woken per statement, which on a small machine was more than the reads themselves (ADR 026).
 * Each statement keeps its own Sync, so its own snapshot and its own error, as on separate connections; one alone in
 * its turn goes out as before.
 */
export function pipelinedPool(pool: pg.Pool): Queryable {
  let queryable = pipelinedPools.get(pool);
  if (queryable) return queryable;
  const alone = prepared(pool);
  let waiting: Waiting[] = [];

  async function send(batch: Waiting[]): Promise<void> {
    if (batch.length === 1) {
      const [one] = batch as [Waiting];
      alone.query(one.text, one.values).then(one.resolve, one.reject);
      return;
    }
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      for (const w of batch) w.reject(error);
      return;
    }
    // a connection lost while out of the pool is reported as an event; its statements fail below
    const lostMeanwhile = () => {};
    client.on("error", lostMeanwhile);
    const on = prepared(client);
    // pg writes each statement on its own; corked, the whole pipeline leaves in one write
    const stream = (client as unknown as { connection?: { stream?: { cork?(): void; uncork?(): void } } }).connection?.stream;
    stream?.cork?.();
    const sent = batch.map((w) => {
      try {
        return on.query(w.text, w.values);
      } catch (error) {
        return Promise.reject(error);
      }
    });
    stream?.uncork?.();
    const settled = await Promise.allSettled(sent);
    // a statement PostgreSQL refused leaves the connection usable; a dropped or terminated one is discarded
    const lost = settled.find((s): s is PromiseRejectedResult => s.status === "rejected" && (!(s.reason instanceof pg.DatabaseError) || s.reason.severity === "FATAL" || s.reason.severity === "PANIC"));
    client.off("error", lostMeanwhile);
    client.release(lost ? (lost.reason instanceof Error ? lost.reason : true) : undefined);
    settled.forEach((s, i) => (s.status === "fulfilled" ? batch[i]!.resolve(s.value) : batch[i]!.reject(s.reason)));
  }

  function flush() {
    const all = waiting;
    waiting = [];
    for (let i = 0; i < all.length; i += PIPELINE_MAX) void send(all.slice(i, i + PIPELINE_MAX));
  }

  queryable = {
    query<R extends pg.QueryResultRow>(text: string, values?: unknown[]) {
      return new Promise<pg.QueryResult<R>>((resolve, reject) => {
        if (waiting.length === 0) setImmediate(flush);
        waiting.push({ text, values, resolve: resolve as Waiting["resolve"], reject });
      });
    },
  };
  pipelinedPools.set(pool, queryable);
  return queryable;
}

/**
 * The process-wide pool, every statement prepared once per connection and those asked for together pipelined on one
 * connection: the plain SQL reads of pages and checks.
 */
export function reads(): Queryable {
  return pipelinedPool(database().readPool);
}

/** Runs `fn` in a transaction on one pooled connection; throws unless it committed. A failed ROLLBACK discards the connection. */
export async function transaction<T>(pool: pg.Pool, fn: (client: Queryable) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query("BEGIN");
    const result = await fn(prepared(client));
    // PostgreSQL answers COMMIT with ROLLBACK, not an error, when a statement failed earlier in the transaction
    // (an error caught inside `fn`): nothing was written, and the caller must not carry on as if it had been.
    const committed = await client.query("COMMIT");
    if (committed.command !== "COMMIT") throw new Error(`the transaction was rolled back (${committed.command}): a statement in it failed`);
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => (broken = true));
    throw error;
  } finally {
    client.release(broken || undefined);
  }
}

/**
 * Holds one pooled connection that LISTENs on `channel` and calls `onNotify` for each notification, and once the
 * LISTEN is in place (for whatever was sent before it). A lost connection is replaced after `retryMs`; meanwhile the
 * caller's own timer covers the gap.
 */
export function listenOn(pool: pg.Pool, channel: string, onNotify: () => void, options: { log: { warn(message: string, fields?: Record<string, unknown>): void }; retryMs: number }): { stop(): void } {
  let stopped = false;
  let client: pg.PoolClient | null = null;
  let retry: NodeJS.Timeout | undefined;
  const again = () => {
    if (!stopped) retry = setTimeout(() => void listen(), options.retryMs);
  };
  async function listen() {
    if (stopped) return;
    try {
      const c = await pool.connect();
      c.on("notification", (msg) => {
        if (msg.channel === channel) onNotify();
      });
      c.on("error", (err) => {
        options.log.warn(`listener on ${channel} lost its connection; polling until it is back`, { error: err.name });
        if (client === c) client = null;
        c.release(err);
        again();
      });
      await c.query(`LISTEN ${channel}`);
      if (stopped) {
        c.release(true);
        return;
      }
      client = c;
      onNotify();
    } catch (e) {
      options.log.warn(`could not listen on ${channel}; polling`, { error: e instanceof Error ? e.name : "unknown" });
      again();
    }
  }
  void listen();
  return {
    stop() {
      stopped = true;
      clearTimeout(retry);
      // a LISTENing connection must not go back to the pool
      client?.release(true);
      client = null;
    },
  };
}
