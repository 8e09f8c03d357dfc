import "server-only";
import fs from "node:fs";
import path from "node:path";
import type pg from "pg";

export interface CheckResult {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

export interface MigrationsCheck extends CheckResult {
  /** Migrations of this build that the database has not applied (missing, rolled back, or started and not finished). */
  pending?: string[];
}

async function timed(work: () => Promise<unknown>, timeoutMs: number): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([work(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)))]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (e) {
    // Only a short, non-sensitive reason: connection strings and credentials stay out of the answer.
    const code = (e as { code?: string }).code;
    const reason = code === "ECONNREFUSED" ? "connection refused" : code ? `error ${code}` : e instanceof Error && e.message.startsWith("no answer") ? e.message : "unreachable";
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: reason };
  } finally {
    clearTimeout(timer);
  }
}

export function checkDatabase(pool: pg.Pool, timeoutMs = 2_000): Promise<CheckResult> {
  return timed(() => pool.query("select 1"), timeoutMs);
}

export function checkHarbor(ping: () => Promise<unknown>, timeoutMs = 3_000): Promise<CheckResult> {
  return timed(ping, timeoutMs);
}

/** Where the build keeps its migrations: beside the server, as `prisma migrate deploy` expects them. */
const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

let shipped: { dir: string; names: string[] } | undefined;

/** The migrations this build ships (directories holding a migration.sql), read once: they never change in a running build. */
export function shippedMigrations(dir = MIGRATIONS_DIR): string[] {
  if (shipped?.dir !== dir) {
    // One listing with the tracing hint on the argument: next.config.js ships the directory with /api/ready instead.
    const names = fs
      .readdirSync(/* turbopackIgnore: true */ dir, { recursive: true, encoding: "utf8" })
      .flatMap((entry) => /^([^/\\]+)[/\\]migration\.sql$/.exec(entry)?.[1] ?? [])
      .sort();
    shipped = { dir, names };
  }
  return shipped.names;
}

const NOT_APPLIED = { missing: "not applied", "rolled-back": "rolled back", unfinished: "started, not finished" } as const;
type PendingMigration = { name: string; state: keyof typeof NOT_APPLIED };

async function pendingMigrations(pool: pg.Pool, expected: string[]): Promise<PendingMigration[]> {
  let rows: { name: string; applied: boolean; rolledBack: boolean }[] = [];
  try {
    ({ rows } = await pool.query(
      `SELECT migration_name AS name, bool_or(finished_at IS NOT NULL AND rolled_back_at IS NULL) AS applied, bool_or(rolled_back_at IS NOT NULL) AS "rolledBack"
         FROM "_prisma_migrations" WHERE migration_name = ANY($1::text[]) GROUP BY migration_name`,
      [expected],
    ));
  } catch (e) {
    if ((e as { code?: string }).code !== "42P01") throw e; // 42P01: no table yet, so nothing is applied
  }
  const byName = new Map(rows.map((r) => [r.name, r]));
  return expected.flatMap((name) => {
    const row = byName.get(name);
    if (row?.applied) return [];
    return [{ name, state: !row ? "missing" : row.rolledBack ? "rolled-back" : "unfinished" }];
  });
}

/**
 * Compares the migrations of this build with Prisma's `_prisma_migrations` table: each must have a row that finished
 * and was not rolled back. Migrations the database has beyond this build (a newer release ran them) are fine.
 */
export async function checkMigrations(pool: pg.Pool, expected: string[], timeoutMs = 2_000): Promise<MigrationsCheck> {
  let pending: PendingMigration[] = [];
  const result = await timed(async () => (pending = await pendingMigrations(pool, expected)), timeoutMs);
  if (!result.ok || pending.length === 0) return result;
  const shown = pending.slice(0, 3).map((p) => `${p.name} (${NOT_APPLIED[p.state]})`);
  const error = `${pending.length} migration${pending.length === 1 ? "" : "s"} of this build not applied: ${shown.join(", ")}${pending.length > 3 ? ", …" : ""}`;
  return { ...result, ok: false, error, pending: pending.map((p) => p.name) };
}

export interface Readiness {
  ready: boolean;
  checks: { database: CheckResult; migrations: MigrationsCheck };
  /** Reported, never gating: a Harbor outage must not take the portal out of its load balancer. */
  info: { harbor: CheckResult };
}

async function checkShippedMigrations(pool: pg.Pool, migrations: () => string[]): Promise<MigrationsCheck> {
  let expected: string[];
  try {
    expected = migrations();
  } catch {
    expected = [];
  }
  if (expected.length === 0) return { ok: false, latencyMs: 0, error: "this build's migration list (prisma/migrations) is missing or empty" };
  return checkMigrations(pool, expected);
}

/** Readiness of this process: the database answers and holds every migration of this build. */
export async function readiness(deps: { pool: pg.Pool; migrations: () => string[]; harborPing: () => Promise<unknown> }): Promise<Readiness> {
  const harbor = checkHarbor(deps.harborPing, 1_500);
  const database = await checkDatabase(deps.pool);
  const migrations = database.ok ? await checkShippedMigrations(deps.pool, deps.migrations) : { ok: false, latencyMs: 0, error: "not checked: the database did not answer" };
  return { ready: database.ok && migrations.ok, checks: { database, migrations }, info: { harbor: await harbor } };
}
