import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { inheritedEnvironment } from "./tool-env";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");

/** Applies prisma/migrations to the database at `url` (as the role that owns the schema) through the real Prisma CLI (offline engine, ADR 002). */
export async function migrateDeploy(url: string): Promise<string> {
  const { stdout } = await run(path.join(root, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
    cwd: root,
    env: { ...inheritedEnvironment(), DATABASE_URL: url, DATABASE_MIGRATION_URL: url },
  });
  return stdout;
}
