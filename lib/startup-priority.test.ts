import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

// In a child process: lowering the priority of the test runner itself would slow the tests that share it.
function priorities(calls: number[]): { before: number; after: number; threads: number[] }[] {
  const root = path.resolve(import.meta.dirname, "..");
  const script = `const m = await import(${JSON.stringify(path.join(root, "lib/startup.ts"))}); const fs = await import("node:fs"); const os = await import("node:os"); const threads = () => fs.readdirSync("/proc/self/task").map((t) => os.getPriority(Number(t))); console.log(JSON.stringify(${JSON.stringify(calls)}.map((n) => ({ ...m.lowerWorkerPriority(n), threads: [...new Set(threads())] }))));`;
  const out = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
  if (out.status !== 0) throw new Error(out.stderr);
  return JSON.parse(out.stdout.trim().split("\n").pop()!) as { before: number; after: number; threads: number[] }[];
}

describe.runIf(process.platform === "linux")("the worker tier's CPU priority (BERTH_WORKER_NICE)", () => {
  it("lowers the priority of every thread of the process to the value, never raises it back, and 0 leaves it alone", () => {
    // the child starts at the runner's own nice value (a CI job may itself run niced)
    const base = os.getPriority();
    expect(base, "the runner must leave room to lower its priority").toBeLessThanOrEqual(14);
    const low = base + 3;
    const lower = base + 5;
    expect(priorities([low, base + 1, 0, lower])).toEqual([
      { before: base, after: low, threads: [low] },
      { before: low, after: low, threads: [low] },
      { before: low, after: low, threads: [low] },
      { before: low, after: lower, threads: [lower] },
    ]);
    expect(priorities([0])).toEqual([{ before: base, after: base, threads: [base] }]);
  });
});
