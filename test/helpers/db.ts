import { randomUUID } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createDatabase, type Database } from "../../lib/db";

export interface TestDatabase extends Database {
  url: string;
  name: string;
  /** Closes connections and drops the database. */
  drop(): Promise<void>;
}

function adminUrl(templateUrl: string) {
  const url = new URL(templateUrl);
  url.pathname = "/postgres";
  return url.toString();
}

/** A fresh, migrated database of its own (a clone of the run's template). */
export async function createTestDatabase(options: { max?: number } = {}): Promise<TestDatabase> {
  const templateUrl = inject("templateDatabaseUrl");
  const template = decodeURIComponent(new URL(templateUrl).pathname.slice(1));
  const name = `t_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: adminUrl(templateUrl) });
  await admin.connect();
  try {
    await admin.query(`create database "${name}" template "${template}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(templateUrl);
  url.pathname = `/${name}`;
  const database = createDatabase(url.toString(), options);
  return {
    ...database,
    url: url.toString(),
    name,
    async drop() {
      await database.close();
      const c = new pg.Client({ connectionString: adminUrl(templateUrl) });
      await c.connect();
      try {
        await c.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}
