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

/** Runs `fn` in a transaction on one pooled connection; a failed ROLLBACK discards the connection. */
export async function transaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
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
function rawTx(client: pg.ClientBase): Tx {
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

export async function appendEvents(client: pg.ClientBase, ctx: AuditContext, events: AuditEventInput[]): Promise<void> {
  if (events.length) await appendAuditEvents(rawTx(client), ctx, events);
}

export const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
