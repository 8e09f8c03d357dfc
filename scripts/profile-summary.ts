// Summarises V8 CPU profiles (`node --cpu-prof`, e.g. from `npm run bench:load -- --profile DIR`): self time by
// function and by package, so "where does a page's time go" is answered from a measurement.
// Usage: npx tsx scripts/profile-summary.ts DIR_OR_FILE [--top N] [--grep REGEX (inclusive time of matching functions)]
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: "string", default: "25" }, grep: { type: "string" } } });
const target = positionals[0];
if (!target) {
  process.stderr.write("usage: npx tsx scripts/profile-summary.ts DIR_OR_FILE [--top N]\n");
  process.exit(2);
}
const files = fs.statSync(target).isDirectory() ? fs.readdirSync(target).filter((f) => f.endsWith(".cpuprofile")).map((f) => path.join(target, f)) : [target];

function packageOf(url: string): string {
  if (!url) return "(native/idle)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith("node:")) return "node";
  if (url.includes("/.next/")) return "app (.next)";
  return url.replace(/^file:\/\//, "");
}

for (const file of files) {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  let total = 0;
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === "(idle)") continue;
    total += us;
    const name = `${frame.functionName || "(anonymous)"} ${packageOf(frame.url)}${frame.url ? `:${frame.lineNumber + 1}` : ""}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    const pkg = frame.functionName.startsWith("(") ? frame.functionName : packageOf(frame.url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
  }
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
  process.stdout.write(`${path.basename(file)}: ${(total / 1e6).toFixed(1)} s busy\n  by package:\n`);
  for (const [name, us] of top(byPackage, 15)) process.stdout.write(`  ${pct(us)}  ${name}\n`);
  process.stdout.write("  by function (self time):\n");
  for (const [name, us] of top(byFunction, Number(values.top))) process.stdout.write(`  ${pct(us)}  ${name}\n`);
  // inclusive time: a sample counts once for every distinct function on its stack
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, number>();
  for (const [id, us] of selfUs) {
    if (byId.get(id)!.callFrame.functionName === "(idle)") continue;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (!frame.url) continue;
      const name = `${frame.functionName || "(anonymous)"} ${packageOf(frame.url)}:${frame.lineNumber + 1}`;
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + us);
    }
  }
  if (values.grep) {
    const pattern = new RegExp(values.grep);
    process.stdout.write(`  inclusive time of functions matching /${values.grep}/:\n`);
    for (const [name, us] of top(new Map([...inclusive].filter(([name]) => pattern.test(name))), Number(values.top))) process.stdout.write(`  ${pct(us)}  ${name}\n`);
  }
}
