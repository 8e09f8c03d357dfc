import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// A process that loads the embedded PostgreSQL keeps the exit code it set (vitest sets 1 when a test failed).
function exitOf(body: string): number | null {
  const root = path.resolve(import.meta.dirname, "..");
  const script = `await import(${JSON.stringify(path.join(root, "dev/postgres.ts"))}); ${body}`;
  return spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: root, encoding: "utf8" }).status;
}

describe("loading dev/postgres.ts", () => {
  it("leaves a process's exit code alone when it ends by itself", () => {
    expect(exitOf("process.exitCode = 3;")).toBe(3);
    expect(exitOf("")).toBe(0);
  });
});
