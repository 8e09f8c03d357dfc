import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrateDeploy } from "../dev/migrate";
import { DATABASE_ROLES, ensureDatabaseRoles, roleUrl, startEmbeddedPostgres, type EmbeddedDatabase } from "../dev/postgres";
import { toolEnv } from "../dev/tool-env";

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated template database each test file clones, as the superuser (who creates the clones). */
    templateDatabaseUrl: string;
  }
}

// One PostgreSQL for the whole run (embedded unless DATABASE_URL names a server), one template database owned by the
// migration role and migrated as that role; every test file clones its own database from it and connects as the
// runtime role, as production does (test/helpers/db.ts, docs/deploy.md section 1).
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
    await ensureDatabaseRoles(admin);
    await admin.query(`drop database if exists "${templateName}"`);
    await admin.query(`create database "${templateName}" owner ${DATABASE_ROLES.migrate}`);
    await admin.end();
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-test-pg-"));
    fs.chmodSync(dataDir, 0o777);
    server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "data"), database: templateName, ephemeral: true, quiet: true });
    templateUrl = server.adminUrl;
  }
  await migrateDeploy(roleUrl(templateUrl, "migrate"));
  project.provide("templateDatabaseUrl", templateUrl);
  return async () => {
    await server?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
