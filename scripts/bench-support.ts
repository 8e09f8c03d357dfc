// What the benchmarks share: a scratch database (on DATABASE_URL's server, or an embedded PostgreSQL), the Harbor
// emulator in a process of its own driven through its /__emulator control API, and percentiles.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import pg from "pg";
import { migrateDeploy } from "../dev/migrate";
import { freePort } from "../dev/net";
import { startEmbeddedPostgres } from "../dev/postgres";
import { inheritedEnvironment, toolEnv } from "../dev/tool-env";

const root = path.resolve(import.meta.dirname, "..");

export { percentile } from "./bench-common";

export interface ScratchDatabase {
  url: string;
  /** Where it came from, for the report. */
  source: "DATABASE_URL" | "embedded";
  drop(): Promise<void>;
}

/** A new, migrated database named `<prefix>_<time>`: on DATABASE_URL's server when set, else on an embedded PostgreSQL in .data/<dir>. */
export async function scratchDatabase(prefix: string, dir: string, log: (msg: string) => void): Promise<ScratchDatabase> {
  const configured = toolEnv().DATABASE_URL;
  let serverUrl: string;
  let server: { stop(): Promise<void> } | undefined;
  if (configured) {
    serverUrl = configured;
    log("DATABASE_URL is set: a scratch database on that server");
  } else {
    log(`starting the embedded PostgreSQL (.data/${dir})…`);
    const embedded = await startEmbeddedPostgres({ dataDir: path.join(root, ".data", dir), ephemeral: true });
    server = embedded;
    // created, migrated and used as the superuser: the benches measure throughput, not privileges
    serverUrl = embedded.adminUrl;
  }
  const dbName = `${prefix}_${Date.now()}`;
  const adminUrl = Object.assign(new URL(serverUrl), { pathname: "/postgres" }).toString();
  const url = Object.assign(new URL(serverUrl), { pathname: `/${dbName}` }).toString();
  const admin = new pg.Client({ connectionString: adminUrl });
  admin.on("error", (e) => log(`admin connection lost: ${e.message}`));
  await admin.connect();
  await admin.query(`create database "${dbName}"`);
  log("applying migrations…");
  await migrateDeploy(url);
  return {
    url,
    source: configured ? "DATABASE_URL" : "embedded",
    async drop() {
      await admin.query(`drop database if exists "${dbName}" with (force)`).catch(() => {});
      await admin.end();
      await server?.stop();
    },
  };
}

export interface EmulatorProcess {
  url: string;
  faults(f: { latencyMs: number }): Promise<void>;
  stats(): Promise<{ total: number; byRoute: Record<string, number> }>;
  resetStats(): Promise<void>;
  close(): Promise<void>;
}

/** `npm run emulator:harbor` in a child process, as a real Harbor would be: its CPU is not the benchmark's. */
export async function startEmulatorProcess(): Promise<EmulatorProcess> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-bench-harbor-"));
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(root, "dev/harbor-emulator/main.ts")], {
    cwd: root,
    env: { ...inheritedEnvironment(), PORT: String(port), BERTH_DATA_DIR: dataDir },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on("line", (line) => line.includes("listening on") && resolve());
    child.once("exit", (code) => reject(new Error(`the Harbor emulator exited with ${code}`)));
  });
  const control = async (method: string, pathname: string, body?: unknown) => {
    const res = await fetch(`${url}/__emulator/${pathname}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw new Error(`emulator control ${method} ${pathname} answered ${res.status}`);
    return res.json() as Promise<unknown>;
  };
  return {
    url,
    faults: async (f) => void (await control("PUT", "faults", f)),
    stats: async () => (await control("GET", "stats")) as { total: number; byRoute: Record<string, number> },
    resetStats: async () => void (await control("POST", "stats/reset")),
    close: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
