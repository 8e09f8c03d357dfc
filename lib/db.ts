import "server-only";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { env } from "./env";

export type Db = PrismaClient;
/** A Prisma client or an interactive transaction on it. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export interface Database {
  prisma: PrismaClient;
  /** The same connections as `prisma`, for streaming reads and LISTEN/NOTIFY. */
  pool: pg.Pool;
  /** Connections in pipeline mode, for `reads()` only (lib/sql.ts, ADR 026). */
  readPool: pg.Pool;
  close(): Promise<void>;
}

// A new connection costs ≈25 ms and ≈4 ms of this process's CPU (SCRAM's key derivation), and a new backend
// prepares every named statement again; pg closes a connection idle for 10 s by default, so a page that fans out
// (the approver's home reads 16 lists at once) kept opening the connections a quieter page had let go.
export const POOL_IDLE_MS = 5 * 60_000;
/** Connections for pages' reads: each view holds one while its statements run, pipelined. */
export const READ_POOL_MAX = 4;

// Prisma and raw SQL share one pool, so a process holds one set of connections.
export function createDatabase(url: string, options: { max?: number } = {}): Database {
  // allowExitOnIdle: idle connections do not keep a script alive (the timeout no longer ends them soon)
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, idleTimeoutMillis: POOL_IDLE_MS, allowExitOnIdle: true });
  pool.on("error", () => {}); // a dropped idle connection is replaced on next use
  // pipeline mode writes a statement without waiting for the one before it to answer; pg refuses COPY (exports) and
  // cursors in it, so only reads() uses these connections. Opened when first used (ADR 026).
  const readPool = new pg.Pool({ connectionString: url, max: READ_POOL_MAX, idleTimeoutMillis: POOL_IDLE_MS, allowExitOnIdle: true, pipeline: true });
  readPool.on("error", () => {});
  // A burst of writes (hundreds of approvals at once) queues for the pool's connections: wait for one up to 30 s
  // rather than Prisma's 2 s, after which the write would fail. A transaction's own time limit stays 5 s.
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions: { maxWait: 30_000 } });
  return {
    prisma,
    pool,
    readPool,
    async close() {
      await prisma.$disconnect();
      await Promise.all([pool.end(), readPool.end()]);
    },
  };
}

const globalForDb = globalThis as unknown as { berthDatabase?: Database };

/** The process-wide database, created on first use from DATABASE_URL. */
export function database(): Database {
  globalForDb.berthDatabase ??= createDatabase(env().DATABASE_URL);
  return globalForDb.berthDatabase;
}

export const db = () => database().prisma;

/** Closes the process-wide database if it was opened (at shutdown). */
export async function closeDatabase(): Promise<void> {
  const open = globalForDb.berthDatabase;
  globalForDb.berthDatabase = undefined;
  await open?.close();
}
