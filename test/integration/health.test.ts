import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarborEmulator, type HarborEmulator } from "../../dev/harbor-emulator";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../../dev/postgres";
import { useTestAppEnv } from "../helpers/app-env";

// /api/health against a PostgreSQL of its own, which the test stops.
let pg: EmbeddedDatabase | undefined;
let emulator: HarborEmulator;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-health-"));
  fs.chmodSync(dataDir, 0o777);
  pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "data"), ephemeral: true, quiet: true });
  emulator = await startHarborEmulator({ port: 0 });
  useTestAppEnv({ databaseUrl: pg.url, harborUrl: emulator.url });
});
afterAll(async () => {
  await emulator?.close();
  await pg?.stop().catch(() => {});
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function health() {
  const { GET } = await import("../../app/api/health/route");
  const res = await GET();
  return { status: res.status, body: (await res.json()) as { status: string; checks: Record<string, { ok: boolean; error?: string }> } };
}

describe("/api/health", () => {
  it("answers 200 when the database and Harbor answer", async () => {
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body.status).toBe("ok");
    expect(body.checks.database?.ok).toBe(true);
    expect(body.checks.harbor?.ok).toBe(true);
  });

  it("answers 503 naming Harbor when Harbor is down", async () => {
    emulator.faults({ down: true });
    try {
      const { status, body } = await health();
      expect(status).toBe(503);
      expect(body.checks.harbor?.ok).toBe(false);
      expect(body.checks.database?.ok).toBe(true);
    } finally {
      emulator.faults({ down: false });
    }
  });

  it("answers 503 naming the database when PostgreSQL is stopped, without leaking the connection string", async () => {
    await pg!.stop();
    const { status, body } = await health();
    expect(status).toBe(503);
    expect(body.status).toBe("unavailable");
    expect(body.checks.database?.ok).toBe(false);
    expect(body.checks.harbor?.ok).toBe(true);
    expect(JSON.stringify(body)).not.toContain("berth-local");
  });
});
