import { spawnSync } from "node:child_process";
import { isDeepStrictEqual } from "node:util";
import yaml from "js-yaml";
import type { K8sObject } from "./kustomize";

export interface Kubectl {
  version: string;
  kustomize: string;
}

/** kubectl on PATH and the kustomize it embeds, or undefined when there is none. */
export function findKubectl(): Kubectl | undefined {
  const run = spawnSync("kubectl", ["version", "--client", "--output=json"], { encoding: "utf8", timeout: 30_000 });
  if (run.error || run.status !== 0) return undefined;
  const json = /\{[\s\S]*\}/.exec(run.stdout)?.[0];
  const info = json ? (JSON.parse(json) as { clientVersion?: { gitVersion?: string }; kustomizeVersion?: string }) : {};
  return { version: info.clientVersion?.gitVersion ?? "unknown version", kustomize: info.kustomizeVersion ?? "unknown kustomize" };
}

export function kubectlKustomize(dir: string): K8sObject[] {
  const run = spawnSync("kubectl", ["kustomize", dir], { encoding: "utf8", timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
  if (run.error || run.status !== 0) throw new Error(`kubectl kustomize ${dir} failed: ${(run.stderr || run.error?.message || "").trim()}`);
  return yaml.loadAll(run.stdout).filter((d) => d !== null) as K8sObject[];
}

const idOf = (o: K8sObject) => `${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`;

function firstDifference(a: unknown, b: unknown, path = ""): string {
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const x = (a as Record<string, unknown>)[key];
      const y = (b as Record<string, unknown>)[key];
      if (!isDeepStrictEqual(x, y)) return firstDifference(x, y, `${path}/${key}`);
    }
  }
  return `${path || "/"}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
}

/** How two renderings differ, object by object (order does not matter to kubectl apply). */
export function compareRenderings(ours: K8sObject[], theirs: K8sObject[]): string[] {
  const differences: string[] = [];
  const byId = new Map(theirs.map((o) => [idOf(o), o]));
  for (const o of ours) {
    const other = byId.get(idOf(o));
    if (!other) differences.push(`${idOf(o)}: only the built-in renderer makes it`);
    else if (!isDeepStrictEqual(o, other)) differences.push(`${idOf(o)}: built-in ≠ kubectl at ${firstDifference(o, other)}`);
    byId.delete(idOf(o));
  }
  for (const id of byId.keys()) differences.push(`${id}: only kubectl makes it`);
  return differences;
}
