import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { migrateDeploy } from "../../dev/migrate";
import { inheritedEnvironment } from "../../dev/tool-env";

const root = path.resolve(import.meta.dirname, "../..");

/** `npm run db:drift` against a given schema file: exit 0 when the migrations hold it, 2 when they do not. */
async function drift(schemaFile: string, url: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await promisify(execFile)(path.join(root, "node_modules/.bin/prisma"), ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema", schemaFile, "--exit-code"], {
      cwd: root,
      env: { ...inheritedEnvironment(), DATABASE_URL: url },
    });
    return { code: 0, output: stdout };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? -1, output: `${err.stdout ?? ""}${err.stderr ?? ""}` };
  }
}

// An empty database (not a template clone) goes through `prisma migrate deploy` with the offline engine.
describe("migrations", () => {
  const templateUrl = new URL(inject("templateDatabaseUrl"));
  const name = `empty_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const adminUrl = Object.assign(new URL(templateUrl), { pathname: "/postgres" }).toString();
  const url = Object.assign(new URL(templateUrl), { pathname: `/${name}` }).toString();

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    await admin.end();
  });
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  });

  it("apply to an empty PostgreSQL and create the tables, constraints and triggers", async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const before = await client.query("select count(*)::int as n from pg_tables where schemaname = 'public'");
      expect(before.rows[0].n).toBe(0);

      const output = await migrateDeploy(url);
      expect(output).toMatch(/successfully applied/i);

      const tables = await client.query("select tablename from pg_tables where schemaname = 'public' order by 1");
      expect(tables.rows.map((r) => r.tablename)).toEqual(
        expect.arrayContaining(["Request", "Approval", "Project", "Grant", "ProvisioningJob", "ProvisioningStep", "RobotSecret", "AuditEvent", "AuditHead", "_prisma_migrations"]),
      );
      const triggers = await client.query("select tgname from pg_trigger where not tgisinternal order by 1");
      expect(triggers.rows.map((r) => r.tgname)).toEqual(
        expect.arrayContaining(["approval_not_by_requester", "audit_event_no_update", "audit_event_no_truncate"]),
      );
      const head = await client.query(`select seq::int, hash from "AuditHead"`);
      expect(head.rows).toEqual([{ seq: 0, hash: "0".repeat(64) }]);

      // a second deploy is a no-op
      expect(await migrateDeploy(url)).toMatch(/no pending migrations/i);
    } finally {
      await client.end();
    }
  });

  it("detect drift: a schema change no migration holds makes the drift check fail, the committed schema passes", async () => {
    const clean = await drift("prisma/schema.prisma", url);
    expect(clean.code).toBe(0);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-drift-"));
    try {
      const changed = fs.readFileSync(path.join(root, "prisma/schema.prisma"), "utf8").replace(/^(\s+quotaGiB\s+Int)$/m, "$1\n  driftProbe Int?");
      expect(changed).toContain("driftProbe");
      fs.writeFileSync(path.join(dir, "schema.prisma"), changed);
      const dirty = await drift(path.join(dir, "schema.prisma"), url);
      expect(dirty.code).toBe(2);
      expect(dirty.output).toContain("driftProbe");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
