// `npm run layers`: the import arrows between the parts of the code (lib/ folders, app, components, dev, scripts),
// with how many imports make each arrow. `--lib` shows only arrows between lib/ folders.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { layerViolation, partOf as partOfPath } from "../layers.config.mjs";

const partOf = (file: string) => partOfPath(path.relative(root, file));

const root = path.resolve(import.meta.dirname, "..");
const SOURCE = /\.(ts|tsx|mjs)$/;
const SKIP = new Set(["node_modules", ".next", ".data", "generated", "test-results", "playwright-report", ".git"]);

function* walk(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (SOURCE.test(entry.name) && !entry.name.endsWith(".d.ts")) yield full;
  }
}

function resolve(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = path.join(root, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

export function importArrows(): Map<string, number> {
  const arrows = new Map<string, number>();
  for (const dir of ["lib", "app", "components", "dev", "scripts", "test", "e2e"]) {
    if (!fs.existsSync(path.join(root, dir))) continue;
    for (const file of walk(path.join(root, dir))) {
      const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
      for (const imported of importedFiles) {
        const target = resolve(file, imported.fileName);
        if (!target) continue;
        const from = partOf(file);
        const to = partOf(target);
        if (!from || !to || from === to) continue;
        const key = `${from} → ${to}`;
        arrows.set(key, (arrows.get(key) ?? 0) + 1);
      }
    }
  }
  return arrows;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const libOnly = process.argv.includes("--lib");
  const rows = [...importArrows()].filter(([k]) => !libOnly || /^lib\/\S+ → lib\//.test(k)).sort(([a], [b]) => a.localeCompare(b));
  for (const [arrow, n] of rows) console.log(`${arrow.padEnd(48)} ${n}`);
  const pairs = new Set(rows.map(([k]) => k));
  const twoWay = [...pairs].filter((k) => {
    const [a, b] = k.split(" → ");
    return a! < b! && pairs.has(`${b} → ${a}`);
  });
  console.log(`\n${rows.length} arrows; two-way pairs: ${twoWay.length ? twoWay.map((k) => k.replace(" → ", " ↔ ")).join(", ") : "none"}`);
  // type-only imports are not told apart here: lint (berth/layers) is the judge, this is the map
  const against = rows.filter(([k]) => layerViolation(...(k.split(" → ") as [string, string])));
  console.log(`arrows the layering forbids (value imports; lint allows some as types): ${against.length ? against.map(([k]) => k).join(", ") : "none"}`);
}
