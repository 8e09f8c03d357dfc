// Small helpers shared by the image build and its test: run a command, time a phase, install the container tools.
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { inheritedEnvironment } from "../../dev/tool-env";

export const root = path.resolve(import.meta.dirname, "../..");

/** Prints a line with the image scripts' prefix. */
export const say = (line: string) => process.stdout.write(`[image] ${line}\n`);

/** Runs a command; returns its stdout, or throws with its stderr when it fails. */
export function run(command: string, args: string[], options: SpawnSyncOptions & { quiet?: boolean } = {}): string {
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.error) throw new Error(`${command}: ${result.error.message}`);
  if (result.status !== 0) {
    const output = `${String(result.stderr ?? "")}${String(result.stdout ?? "")}`.trim().split("\n").slice(-25).join("\n");
    throw new Error(`${command} ${args.join(" ")} exited with ${result.status}\n${output}`);
  }
  return String(result.stdout ?? "");
}

/** Whether an executable is on PATH. */
export function hasCommand(name: string): boolean {
  return (inheritedEnvironment().PATH ?? "").split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, name)));
}

/** Times each phase and prints the table at the end. */
export class Phases {
  private readonly rows: { name: string; ms: number }[] = [];
  async time<T>(name: string, body: () => Promise<T> | T): Promise<T> {
    const started = performance.now();
    say(`${name}…`);
    try {
      return await body();
    } finally {
      const ms = performance.now() - started;
      this.rows.push({ name, ms });
      say(`${name}: ${(ms / 1000).toFixed(1)} s`);
    }
  }
  report() {
    const total = this.rows.reduce((sum, r) => sum + r.ms, 0);
    say("phase timings:");
    for (const r of this.rows) process.stdout.write(`  ${r.name.padEnd(64)} ${(r.ms / 1000).toFixed(1).padStart(6)} s\n`);
    process.stdout.write(`  ${"total".padEnd(64)} ${(total / 1000).toFixed(1).padStart(6)} s\n`);
  }
}

const CONTAINER_TOOLS = ["buildah", "podman", "runc", "skopeo"];

/** Installs buildah, podman, runc and skopeo from apt when one is missing (as root, else through sudo). */
export function ensureContainerTools() {
  const missing = CONTAINER_TOOLS.filter((tool) => !hasCommand(tool) && !fs.existsSync(`/usr/sbin/${tool}`));
  if (missing.length === 0) return;
  say(`installing ${missing.join(", ")} with apt-get (about 35 s)`);
  const sudo = process.getuid?.() === 0 ? [] : ["sudo"];
  const apt = (args: string[]) =>
    run(sudo[0] ?? "apt-get", [...(sudo.length ? ["apt-get"] : []), ...args], { env: { ...inheritedEnvironment(), DEBIAN_FRONTEND: "noninteractive" } });
  apt(["update", "-qq"]);
  apt(["install", "-y", "-qq", ...CONTAINER_TOOLS]);
}

/** Total size in bytes of the files under a path (symlinks counted as links, not followed). */
export function treeSize(target: string): number {
  const stat = fs.lstatSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.size;
  return fs.readdirSync(target).reduce((sum, entry) => sum + treeSize(path.join(target, entry)), 0);
}

export const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
