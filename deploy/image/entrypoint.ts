// The image's entry point (bundled to /app/berth/entrypoint.mjs): `web` (default), `worker`, `migrate` or
// `audit-verify [--no-record]`. It refuses to run as root unless BERTH_ALLOW_ROOT=1, and checks the role's settings
// with lib/env.ts before the role starts, so a bad setting stops the container with a message naming it.
import { spawn } from "node:child_process";
import path from "node:path";
import { ConfigError, parseEnv, processEnvironment } from "../../lib/env";

const app = path.resolve(import.meta.dirname, "..");
const say = (line: string) => process.stderr.write(`[berth] ${line}\n`);

const ROLES = {
  web: { settings: "all", run: () => import(path.join(app, "server.js")) },
  worker: { settings: "all", run: () => import(path.join(app, "berth/worker.mjs")) },
  "audit-verify": { settings: "database", run: () => import(path.join(app, "berth/audit-verify.mjs")) },
  migrate: { settings: "database", run: migrate },
} as const;
type Role = keyof typeof ROLES;

function usage(problem: string): never {
  say(`${problem}\n[berth] usage: web | worker | migrate | audit-verify [--no-record]`);
  process.exit(2);
}

function stop(error: ConfigError): never {
  say(`${error.message}\n[berth] Fix the settings above (see README.md, "Configuration") and start again.`);
  process.exit(1);
}

// The migrations run through Prisma's own CLI with the offline schema engine staged beside it.
function migrate(environment: NodeJS.ProcessEnv) {
  const cli = spawn(process.execPath, [path.join(app, "migrate/node_modules/prisma/build/index.js"), "migrate", "deploy"], {
    cwd: path.join(app, "migrate"),
    env: environment,
    stdio: "inherit",
  });
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => cli.kill(signal));
  cli.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function main() {
  const environment = processEnvironment();
  const [role = "web", ...rest] = process.argv.slice(2);
  if (!(role in ROLES)) usage(`unknown role "${role}"`);
  const chosen = ROLES[role as Role];
  if (role !== "audit-verify" && rest.length > 0) usage(`the ${role} role takes no arguments`);

  const allowRoot = environment.BERTH_ALLOW_ROOT?.trim() ?? "";
  if (!["", "0", "1"].includes(allowRoot)) stop(new ConfigError([{ variable: "BERTH_ALLOW_ROOT", message: "must be 1 (allow running as root) or 0" }]));
  if (process.getuid?.() === 0 && allowRoot !== "1") {
    say("refusing to run as root (uid 0). Run the container as a non-root user (the image's default is uid 65532),");
    say("or set BERTH_ALLOW_ROOT=1 if you really mean to run Berth as root.");
    process.exit(1);
  }

  try {
    parseEnv(environment);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const issues = chosen.settings === "all" ? error.issues : error.issues.filter((issue) => issue.variable === "DATABASE_URL");
    if (issues.length > 0) stop(new ConfigError(issues));
  }

  // The role's own argument parsing sees its arguments only, as if it had been started directly.
  process.argv.splice(2, 1);
  await chosen.run(environment);
}

main().catch((error: unknown) => {
  say(`could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
