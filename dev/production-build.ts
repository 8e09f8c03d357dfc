import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

// The production build (`npm run build`) the image and the benchmarks run on, rebuilt when a source is newer than it:
// a stale .next would measure or ship old code.

const SOURCES = ["app", "components", "lib", "public", "prisma/schema.prisma", "proxy.ts", "instrumentation.ts", "next.config.js", "package-lock.json"];

/** Whether .next/standalone is missing or older than a source file. */
export function productionBuildIsStale(root: string): boolean {
  const built = fs.statSync(path.join(root, ".next/standalone/server.js"), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const newest = (p: string): number => {
    const stat = fs.statSync(path.join(root, p), { throwIfNoEntry: false });
    if (!stat || p === "lib/generated") return 0;
    if (!stat.isDirectory()) return stat.mtimeMs;
    return Math.max(stat.mtimeMs, ...fs.readdirSync(path.join(root, p)).map((entry) => newest(path.join(p, entry))));
  };
  return built <= Math.max(...SOURCES.map(newest));
}

/** Runs `npm run build` when the build is stale; throws when it fails. */
export function ensureProductionBuild(root: string, say: (line: string) => void): void {
  if (!productionBuildIsStale(root)) return say("the production build is up to date");
  say("building the app (npm run build)…");
  const result = spawnSync("npm", ["run", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status ?? result.signal})`);
}
