import { spawnSync } from "node:child_process";
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

describe("the worker tier's CPU priority (BERTH_WORKER_NICE)", () => {
  it("lowers the priority of every thread of the process to the value, never raises it back, and 0 leaves it alone", () => {
    expect(priorities([10, 5, 0, 15])).toEqual([
      { before: 0, after: 10, threads: [10] },
      { before: 10, after: 10, threads: [10] },
      { before: 10, after: 10, threads: [10] },
      { before: 10, after: 15, threads: [15] },
    ]);
    expect(priorities([0])).toEqual([{ before: 0, after: 0, threads: [0] }]);
  });
});
