import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { migrateDeploy } from "../../dev/migrate";

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
});
