import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POOL_IDLE_MS } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const root = path.resolve(import.meta.dirname, "../..");

describe("the process's connection pool", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it("keeps a connection a burst opened for minutes, not pg's 10 s, so the next burst does not pay for new ones", async () => {
    expect(POOL_IDLE_MS).toBeGreaterThanOrEqual(60_000);
    await Promise.all(Array.from({ length: 4 }, () => db.pool.query("SELECT pg_sleep(0.05)")));
    const opened = async () => Number((await db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'`)).rows[0]!.n);
    const before = await opened();
    // the idle timer pg would have fired after 10 s is set for POOL_IDLE_MS: the four stay, and a second burst reuses them
    expect((db.pool as unknown as { options: { idleTimeoutMillis: number } }).options.idleTimeoutMillis).toBe(POOL_IDLE_MS);
    await Promise.all(Array.from({ length: 4 }, () => db.pool.query("SELECT pg_sleep(0.05)")));
    expect(await opened()).toBe(before);
  });

  it("does not keep a script alive once its connections are idle", async () => {
    const started = Date.now();
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(root, "test/integration/fixtures/idle-pool.ts"), db.url], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(out).toContain("idle 3");
    expect(code).toBe(0);
    // well before the idle timeout would have closed the connections
    expect(Date.now() - started).toBeLessThan(POOL_IDLE_MS / 10);
  }, 60_000);
});
