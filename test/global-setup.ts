import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrateDeploy } from "../dev/migrate";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../dev/postgres";
import { toolEnv } from "../dev/tool-env";

declare module "vitest" {
  export interface ProvidedContext {
    /** Connection string of the migrated template database each test file clones. */
    templateDatabaseUrl: string;
  }
}

// One PostgreSQL for the whole run (embedded unless DATABASE_URL names a server), one migrated
// template database; every test file clones its own database from it (test/helpers/db.ts).
export default async function setup(project: TestProject) {
  const configured = toolEnv().DATABASE_URL;
  let server: EmbeddedDatabase | undefined;
  let dataDir: string | undefined;
  let templateUrl: string;
  const templateName = `berth_template_${process.pid}`;
  if (configured) {
    const url = new URL(configured);
    url.pathname = `/${templateName}`;
    templateUrl = url.toString();
    const admin = new pg.Client({ connectionString: configured });
    await admin.connect();
    await admin.query(`drop database if exists "${templateName}"`);
    await admin.query(`create database "${templateName}"`);
    await admin.end();
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-test-pg-"));
    fs.chmodSync(dataDir, 0o777);
    server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "data"), database: templateName, ephemeral: true, quiet: true });
    templateUrl = server.url;
  }
  await migrateDeploy(templateUrl);
  project.provide("templateDatabaseUrl", templateUrl);
  return async () => {
    await server?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
