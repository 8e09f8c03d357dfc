import { randomUUID } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { DATABASE_ROLES, roleUrl } from "../../dev/postgres";
import { createDatabase, type Database } from "../../lib/db";

export interface TestDatabase extends Database {
  /** The runtime role's connection string (what the application uses; `prisma` and `pool` are connected as it). */
  url: string;
  /** The migration role's, which owns the schema. */
  migrationUrl: string;
  name: string;
  /** A superuser connection to the same database: fixtures the application could not write, and attacks on the trail. */
  admin: pg.Pool;
  /** Closes connections and drops the database. */
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A fresh, migrated database of its own (a clone of the run's template), owned by the migration role. */
export async function createTestDatabase(options: { max?: number } = {}): Promise<TestDatabase> {
  const templateUrl = inject("templateDatabaseUrl");
  const template = decodeURIComponent(new URL(templateUrl).pathname.slice(1));
  const name = `t_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const serverAdminUrl = withDatabase(templateUrl, "postgres");
  const admin = new pg.Client({ connectionString: serverAdminUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}" owner ${DATABASE_ROLES.migrate} template "${template}"`);
  } finally {
    await admin.end();
  }
  const adminUrl = withDatabase(templateUrl, name);
  const url = roleUrl(adminUrl, "app");
  const database = createDatabase(url, options);
  const adminPool = new pg.Pool({ connectionString: adminUrl, max: 2 });
  adminPool.on("error", () => {});
  return {
    ...database,
    url,
    migrationUrl: roleUrl(adminUrl, "migrate"),
    name,
    admin: adminPool,
    async drop() {
      await database.close();
      await adminPool.end();
      const c = new pg.Client({ connectionString: serverAdminUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}
