import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarborEmulator, type HarborEmulator } from "../../dev/harbor-emulator";
import { migrateDeploy } from "../../dev/migrate";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../../dev/postgres";
import { checkMigrations, harborAccountStatus, readiness, shippedMigrations, type HarborAccountStatus } from "../../lib/health";
import { createBerthAccount } from "../../dev/harbor-account";
import { createHarborClient } from "../../lib/harbor";
import { useTestAppEnv } from "../helpers/app-env";

// /api/health and /api/ready against a PostgreSQL of their own, which the last tests stop.
let server: EmbeddedDatabase | undefined;
let emulator: HarborEmulator;
let dataDir: string;
let admin: pg.Client;

const migrations = shippedMigrations();
const last = migrations.at(-1)!;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-health-"));
  fs.chmodSync(dataDir, 0o777);
  server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "data"), ephemeral: true, quiet: true });
  await migrateDeploy(server.migrationUrl);
  admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  emulator = await startHarborEmulator({ port: 0 });
  useTestAppEnv({ databaseUrl: server.url, harborUrl: emulator.url });
});
afterAll(async () => {
  await admin?.end().catch(() => {});
  await emulator?.close();
  await server?.stop().catch(() => {});
  fs.rmSync(dataDir, { recursive: true, force: true });
});

type Check = { ok: boolean; error?: string; pending?: string[] };
async function ready() {
  const { GET } = await import("../../app/api/ready/route");
  const res = await GET();
  const body = (await res.json()) as { status: string; checks: { database: Check; migrations: Check }; info: { harbor: Check } };
  return { status: res.status, body };
}
async function health() {
  const { GET } = await import("../../app/api/health/route");
  const res = GET();
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("/api/ready", () => {
  it("finds this build's migrations in prisma/migrations", () => {
    expect(migrations.length).toBeGreaterThanOrEqual(4);
    expect(migrations[0]).toBe("20261126142114_init");
    expect(migrations).toEqual([...migrations].sort());
  });

  it("answers 200 on a migrated database, with Harbor reported as information", async () => {
    const { status, body } = await ready();
    expect(status).toBe(200);
    expect(body.status).toBe("ready");
    expect(body.checks.database.ok).toBe(true);
    expect(body.checks.migrations).toMatchObject({ ok: true });
    expect(body.checks.migrations.pending).toBeUndefined();
    expect(body.info.harbor.ok).toBe(true);
  });

  it("reports what Berth's Harbor account is: the admin, or a robot lacking a permission, without becoming unready", async () => {
    const { status, body } = await ready();
    expect(status).toBe(200);
    expect((body.info as { harborAccount?: HarborAccountStatus }).harborAccount).toMatchObject({ ok: true, kind: "admin" });
    const lacking = await createBerthAccount(emulator.url, emulator.adminPassword, "berth-health", [{ resource: "project", action: "create" }]);
    const robot = createHarborClient({ baseUrl: emulator.url, username: lacking.username, password: lacking.password });
    const pool = new pg.Pool({ connectionString: server!.url, max: 1 });
    try {
      const account = await harborAccountStatus(robot, pool);
      expect(account).toMatchObject({ ok: false, kind: "robot", missing: "system project:create" });
      // before Berth manages a project its project permissions cannot be read
      expect(account.unverified).toContain("project member:create");
      const result = await readiness({ pool, migrations: shippedMigrations, harborPing: () => robot.ping(), harborAccount: () => harborAccountStatus(robot, pool) });
      expect(result.ready).toBe(true);
      expect(result.info.harborAccount?.missing).toBe("system project:create");
    } finally {
      await pool.end();
    }
  });

  it("stays 200 when Harbor is down, reporting Harbor as unreachable", async () => {
    emulator.faults({ down: true });
    try {
      const { status, body } = await ready();
      expect(status).toBe(200);
      expect(body.info.harbor.ok).toBe(false);
      expect(body.info.harbor.error).toBeTruthy();
    } finally {
      emulator.faults({ down: false });
    }
  });

  it("answers 503 naming the last migration when it was never applied", async () => {
    const saved = await admin.query(`SELECT * FROM "_prisma_migrations" WHERE migration_name = $1`, [last]);
    expect(saved.rowCount).toBe(1);
    await admin.query(`DELETE FROM "_prisma_migrations" WHERE migration_name = $1`, [last]);
    try {
      const { status, body } = await ready();
      expect(status).toBe(503);
      expect(body.status).toBe("not-ready");
      expect(body.checks.database.ok).toBe(true);
      expect(body.checks.migrations.ok).toBe(false);
      expect(body.checks.migrations.pending).toEqual([last]);
      expect(body.checks.migrations.error).toBe(`1 migration of this build not applied: ${last} (not applied)`);
    } finally {
      const row = saved.rows[0] as Record<string, unknown>;
      const columns = Object.keys(row);
      await admin.query(`INSERT INTO "_prisma_migrations" (${columns.join(", ")}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(", ")})`, Object.values(row));
    }
    expect((await ready()).status).toBe(200);
  });

  it("answers 503 naming a migration that was rolled back", async () => {
    await admin.query(`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = $1`, [last]);
    try {
      const { status, body } = await ready();
      expect(status).toBe(503);
      expect(body.checks.migrations.pending).toEqual([last]);
      expect(body.checks.migrations.error).toContain(`${last} (rolled back)`);
    } finally {
      await admin.query(`UPDATE "_prisma_migrations" SET rolled_back_at = NULL WHERE migration_name = $1`, [last]);
    }
  });

  it("does not count a migration the database has from a newer release against this build", async () => {
    const pool = new pg.Pool({ connectionString: server!.url, max: 1 });
    try {
      expect(await checkMigrations(pool, migrations.slice(0, -1))).toMatchObject({ ok: true });
    } finally {
      await pool.end();
    }
  });

  it("names every migration as not applied on a database without Prisma's table", async () => {
    await admin.query(`CREATE DATABASE berth_empty`);
    const pool = new pg.Pool({ connectionString: server!.urlFor("berth_empty"), max: 1 });
    try {
      const none = await checkMigrations(pool, migrations);
      expect(none.ok).toBe(false);
      expect(none.pending).toEqual(migrations);
      expect(none.error).toBe(`${migrations.length} migrations of this build not applied: ${migrations.slice(0, 3).map((m) => `${m} (not applied)`).join(", ")}, …`);
    } finally {
      await pool.end();
    }
  });

  it("is not ready when the build's migration list cannot be read", async () => {
    const pool = new pg.Pool({ connectionString: server!.url, max: 1 });
    try {
      const result = await readiness({ pool, migrations: () => shippedMigrations(path.join(dataDir, "no-such-dir")), harborPing: async () => {} });
      expect(result.ready).toBe(false);
      expect(result.checks.database.ok).toBe(true);
      expect(result.checks.migrations).toMatchObject({ ok: false, error: "this build's migration list (prisma/migrations) is missing or empty" });
    } finally {
      await pool.end();
    }
  });
});

describe("/api/health", () => {
  it("answers 200 without touching the database or Harbor", async () => {
    emulator.faults({ down: true });
    try {
      const { status, body } = await health();
      expect(status).toBe(200);
      expect(body.status).toBe("ok");
      expect(body).not.toHaveProperty("checks");
    } finally {
      emulator.faults({ down: false });
    }
  });
});

describe("with PostgreSQL stopped", () => {
  beforeAll(async () => {
    await admin.end();
    await server!.stop();
  });

  it("/api/ready answers 503 naming the database, without leaking the connection string", async () => {
    const { status, body } = await ready();
    expect(status).toBe(503);
    expect(body.status).toBe("not-ready");
    expect(body.checks.database).toMatchObject({ ok: false, error: "connection refused" });
    expect(body.checks.migrations).toMatchObject({ ok: false, error: "not checked: the database did not answer" });
    expect(body.info.harbor.ok).toBe(true);
    expect(JSON.stringify(body)).not.toContain("berth-local");
    expect(JSON.stringify(body)).not.toContain(String(server!.port));
  });

  it("/api/health still answers 200", async () => {
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body.status).toBe("ok");
  });
});
