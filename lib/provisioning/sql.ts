import { createHash } from "node:crypto";
import type pg from "pg";
import { appendAuditEvents } from "../audit/append";
import type { AuditContext, AuditEventInput } from "../audit/types";
import type { Tx } from "../db";
import { Prisma } from "../generated/prisma/client";

// The worker's hot path talks to PostgreSQL through node-pg, not Prisma: a job is ~20 statements, and at
// ~0.6 ms of Prisma overhead each that alone would exceed the latency budget (docs/provisioning.md, "Performance").
// Approval-side code (enqueue, retry, revocation) stays on Prisma, inside the caller's transaction.

/** A pg pool or a checked-out client. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

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
 * appendAuditEvents only reads and writes through `$queryRaw` / `$executeRaw` tagged templates; this gives it
 * those on a pg client, so events join the worker's transaction (same chain lock, validation and hashing).
 */
function rawTx(client: Queryable): Tx {
  const run = (strings: TemplateStringsArray, ...values: unknown[]) => {
    const sql = Prisma.sql(strings, ...(values as Prisma.Sql[]));
    return client.query(sql.text, sql.values as unknown[]);
  };
  const raw = {
    $queryRaw: async (strings: TemplateStringsArray, ...values: unknown[]) => (await run(strings, ...values)).rows,
    $executeRaw: async (strings: TemplateStringsArray, ...values: unknown[]) => (await run(strings, ...values)).rowCount ?? 0,
  };
  return raw as unknown as Tx;
}

export async function appendEvents(client: Queryable, ctx: AuditContext, events: AuditEventInput[]): Promise<void> {
  if (events.length) await appendAuditEvents(rawTx(client), ctx, events);
}

export const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
