// Runs a command with DATABASE_URL pointing at a PostgreSQL: the one configured, or a throw-away embedded one when none
// is, so `npm run db:migrate:new` and `npm run db:drift` work in a fresh clone (the offline schema engine needs a
// database even for diffs; ADR 002). Usage: tsx scripts/with-database.ts <command> [args…]
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../dev/postgres";
import { inheritedEnvironment, toolEnv } from "../dev/tool-env";

async function main() {
  const [command, ...args] = process.argv.slice(2);
  if (!command) throw new Error("usage: with-database.ts <command> [args…]");
  let url = toolEnv().DATABASE_URL;
  let migrationUrl = toolEnv().DATABASE_MIGRATION_URL || url;
  let stop = async () => {};
  if (!url) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-shadow-pg-"));
    fs.chmodSync(dir, 0o777);
    const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), ephemeral: true, quiet: true });
    url = pg.url;
    // a diff replays the migrations on a shadow database it creates: on this throw-away server, as its superuser
    migrationUrl = pg.adminUrl;
    stop = async () => {
      await pg.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  const code = await new Promise<number>((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env: { ...inheritedEnvironment(), DATABASE_URL: url, ...(migrationUrl ? { DATABASE_MIGRATION_URL: migrationUrl } : {}) } });
    child.on("exit", (c, signal) => resolve(c ?? (signal ? 1 : 0)));
  });
  await stop();
  process.exit(code);
}

main().catch((e: unknown) => {
  process.stderr.write(`[berth] ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
