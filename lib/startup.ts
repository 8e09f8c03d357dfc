import "server-only";
import fs from "node:fs";
import os from "node:os";
import { checkTrailRole, type TrailRoleCheck } from "./audit/db-role";
import { database } from "./db";
import { ConfigError, env } from "./env";
import { logger } from "./log";
import type { Queryable } from "./sql";

/** Node.js server start-up: refuse to run with bad configuration. */
export function checkConfiguration() {
  try {
    env();
  } catch (e) {
    if (e instanceof ConfigError) {
      logger().error(`${e.message}\nFix these settings (see README.md, "Configuration") and start again.`);
      process.exit(1);
    }
    throw e;
  }
}

export type TrailRoleVerdict = { action: "run" } | { action: "warn" | "refuse"; message: string };

/** What start-up does about a role check: run, run with a warning (the override is set), or refuse. */
export function trailRoleVerdict(check: TrailRoleCheck, allowPrivileged: boolean): TrailRoleVerdict {
  if (check.state !== "checked" || check.problems.length === 0) return { action: "run" };
  const list = check.problems.map((p) => `  - ${p}`).join("\n");
  if (allowPrivileged) {
    return { action: "warn", message: `the database role could rewrite the audit trail, and BERTH_ALLOW_PRIVILEGED_DB_ROLE=true runs Berth anyway; every audit page says so:\n${list}` };
  }
  return {
    action: "refuse",
    message:
      `refusing to start: the database role in DATABASE_URL could rewrite the audit trail:\n${list}\n` +
      `Connect as a role that owns nothing and is not a superuser (docs/deploy.md, section 1: berth_app, a member of berth_runtime), ` +
      `or set BERTH_ALLOW_PRIVILEGED_DB_ROLE=true to run anyway with a warning on every audit page.`,
  };
}

export interface TrailGuardOptions {
  db?: Queryable;
  allowPrivileged?: boolean;
  log?: (level: "warn" | "error", message: string) => void;
  exit?: (code: number) => void;
  retryMs?: number;
}

/**
 * Refuses to run (exit 1) when the database role could rewrite the audit trail (docs/audit.md "Who can rewrite the
 * trail"), unless BERTH_ALLOW_PRIVILEGED_DB_ROLE is set. Checks once now; while the database does not answer or has
 * no trail yet (the migration Job still running), it checks again in the background until it can tell.
 */
export async function guardAuditTrail(options: TrailGuardOptions = {}): Promise<TrailRoleVerdict | null> {
  const db = options.db ?? database().pool;
  const allow = options.allowPrivileged ?? env().BERTH_ALLOW_PRIVILEGED_DB_ROLE;
  const log = options.log ?? ((level, message) => logger()[level](message));
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const attempt = async (): Promise<TrailRoleVerdict | null> => {
    let check: TrailRoleCheck;
    try {
      check = await checkTrailRole(db);
    } catch {
      return null; // the database does not answer yet: readiness reports that; the role is checked once it does
    }
    if (check.state === "not-migrated") return null;
    const verdict = trailRoleVerdict(check, allow);
    if (verdict.action === "refuse") {
      log("error", verdict.message);
      exit(1);
    } else if (verdict.action === "warn") log("warn", verdict.message);
    return verdict;
  };
  const first = await attempt();
  if (first) return first;
  const timer = setInterval(() => {
    void attempt().then((verdict) => {
      if (verdict) clearInterval(timer);
    });
  }, options.retryMs ?? 5_000);
  timer.unref();
  return null;
}

/** Starts the provisioning worker and scheduler inside this server unless they run separately (BERTH_WORKER=off). */
export async function startBackgroundWork() {
  const { installShutdown, startInProcessWorker } = await import("./background/in-process");
  installShutdown();
  if (env().BERTH_WORKER !== "in-process") return;
  startInProcessWorker();
}

/**
 * The worker tier's CPU priority (BERTH_WORKER_NICE): a worker sharing a host with web processes — or with the
 * PostgreSQL they wait on — runs its background work (jobs, notifications, scans) at a higher nice value, so a person's
 * click is served first and the background catches up in the gaps. Only ever lowers the priority (raising it needs
 * privileges and is never what a background tier should do); 0 leaves it alone.
 */
export function lowerWorkerPriority(nice: number): { before: number; after: number } {
  const before = os.getPriority();
  if (nice > before) {
    os.setPriority(nice);
    // Linux keeps a nice value per thread: the threads already running (libuv's pool, V8's helpers) get it too;
    // threads started later inherit it
    for (const tid of threadIds()) {
      try {
        if (os.getPriority(tid) < nice) os.setPriority(tid, nice);
      } catch {
        // the thread ended meanwhile
      }
    }
  }
  return { before, after: os.getPriority() };
}

function threadIds(): number[] {
  try {
    return fs.readdirSync("/proc/self/task").map(Number).filter(Number.isInteger);
  } catch {
    return []; // not Linux: the nice value is the process's own
  }
}
