import "server-only";
import fs from "node:fs";
import path from "node:path";
import type pg from "pg";
import { describePermissions, type AccountCheck, type HarborAccountClient } from "./harbor";

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

export interface HarborAccountStatus {
  /** false only when Harbor answered and a permission Berth needs is missing; unknown while Harbor is unreachable. */
  ok: boolean | null;
  kind?: AccountCheck["kind"];
  missing?: string;
  unverified?: string;
  error?: string;
  checkedAt?: string;
}

export interface Readiness {
  ready: boolean;
  checks: { database: CheckResult; migrations: MigrationsCheck };
  /** Reported, never gating: a Harbor outage must not take the portal out of its load balancer. */
  info: { harbor: CheckResult; harborAccount?: HarborAccountStatus };
}

/** The Harbor id of a project Berth manages, for reading its account's project permissions (null before the first). */
export async function managedProjectId(pool: pg.Pool): Promise<number | null> {
  const { rows } = await pool.query<{ harborId: number }>(`SELECT "harborId" FROM "Project" WHERE "harborId" IS NOT NULL AND state = 'ACTIVE' ORDER BY "createdAt" LIMIT 1`);
  return rows[0]?.harborId ?? null;
}

/** What Harbor lets Berth's account do, against what Berth needs (lib/harbor/account.ts). */
export async function checkHarborAccount(harbor: HarborAccountClient, pool: pg.Pool): Promise<AccountCheck> {
  return harbor.checkAccount({ projectId: await managedProjectId(pool).catch(() => null) });
}

/** The account check as readiness reports it; Harbor being away leaves it unknown rather than failed. */
export async function harborAccountStatus(harbor: HarborAccountClient, pool: pg.Pool): Promise<HarborAccountStatus> {
  try {
    const check = await checkHarborAccount(harbor, pool);
    return {
      ok: check.missing.length === 0,
      kind: check.kind,
      ...(check.missing.length ? { missing: describePermissions(check.missing) } : {}),
      ...(check.unverified.length ? { unverified: describePermissions(check.unverified) } : {}),
      checkedAt: new Date().toISOString(),
    };
  } catch (e) {
    const status = (e as { status?: number }).status;
    return { ok: null, error: status === 401 ? "Harbor refused Berth's credentials (401)" : status ? `Harbor answered ${status}` : "Harbor could not be reached", checkedAt: new Date().toISOString() };
  }
}

let accountCache: { at: number; status: HarborAccountStatus } | undefined;

/** The account status, read again after 5 minutes (30 s while not known to be fine): probes must stay cheap. */
export async function cachedHarborAccountStatus(read: () => Promise<HarborAccountStatus>, now = Date.now()): Promise<HarborAccountStatus> {
  const ttl = accountCache?.status.ok ? 5 * 60_000 : 30_000;
  if (!accountCache || now - accountCache.at > ttl) accountCache = { at: now, status: await read() };
  return accountCache.status;
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
export async function readiness(deps: { pool: pg.Pool; migrations: () => string[]; harborPing: () => Promise<unknown>; harborAccount?: () => Promise<HarborAccountStatus> }): Promise<Readiness> {
  const harbor = checkHarbor(deps.harborPing, 1_500);
  const database = await checkDatabase(deps.pool);
  const migrations = database.ok ? await checkShippedMigrations(deps.pool, deps.migrations) : { ok: false, latencyMs: 0, error: "not checked: the database did not answer" };
  const harborInfo = await harbor;
  const harborAccount = deps.harborAccount && harborInfo.ok ? await deps.harborAccount() : undefined;
  return { ready: database.ok && migrations.ok, checks: { database, migrations }, info: { harbor: harborInfo, ...(harborAccount ? { harborAccount } : {}) } };
}
