import "server-only";
import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { readProjectUsage, type ProjectUsage, type UsageSource } from "../harbor/usage";
import { silentLogger, type Logger } from "../log";
import type { ReviewConfig } from "./config";
import type { Figures } from "./evidence";
import { DAY_MS } from "./timing";

// The background usage check (ADR 016): per managed project, one read of Harbor's audit log over the usage window
// (max(1, ⌈pulls and pushes / 100⌉) calls, ADR 014), stored with the time it was read. Reviewers' pages and the
// approvers' unused-access list read the stored figures, never Harbor. A project is due when its last claim is older
// than BERTH_USAGE_CHECK_SECONDS, or at once when a campaign started that covers it. Parallel schedulers split the
// work (FOR UPDATE SKIP LOCKED), and a read only writes while its claim still holds.

const DEFAULT_BATCH = 25;
const DEFAULT_CONCURRENCY = 4;

export interface UsageCheckDeps {
  db: Db;
  harbor: UsageSource;
  config: Pick<ReviewConfig, "usageCheckSeconds" | "usageWindowDays" | "auditLogging">;
  clock?: () => Date;
  log?: Logger;
  batch?: number;
  concurrency?: number;
  stopping?: () => boolean;
}

export type UsageOutcome = ProjectUsage["status"] | "superseded";

export interface UsagePass {
  /** project name → what its read answered */
  outcomes: Record<string, UsageOutcome>;
  /** Harbor calls per project read */
  calls: Record<string, number>;
  claimed: number;
  batch: number;
}

interface Claimed {
  projectId: string;
  name: string;
}

async function claimDue(db: Db, now: Date, intervalSeconds: number, batch: number): Promise<Claimed[]> {
  await db.$executeRaw`
    INSERT INTO "UsageCheck" ("projectId", "projectName")
    SELECT p.id, p.name FROM "Project" p WHERE p.state = 'ACTIVE' AND p."harborId" IS NOT NULL
    ON CONFLICT ("projectId") DO NOTHING`;
  const dueBefore = new Date(now.getTime() - intervalSeconds * 1000);
  return db.$queryRaw<Claimed[]>`
    WITH due AS (
      SELECT u."projectId" FROM "UsageCheck" u JOIN "Project" p ON p.id = u."projectId"
      WHERE p.state = 'ACTIVE' AND p."harborId" IS NOT NULL
        AND (u."claimedAt" IS NULL OR u."claimedAt" <= ${dueBefore} OR u."wantedAt" > u."claimedAt")
      ORDER BY (u."wantedAt" > u."claimedAt") DESC NULLS FIRST, u."claimedAt" NULLS FIRST, u."projectName"
      LIMIT ${batch}
      FOR UPDATE OF u SKIP LOCKED)
    UPDATE "UsageCheck" u SET "claimedAt" = ${now}
    FROM due, "Project" p
    WHERE u."projectId" = due."projectId" AND p.id = u."projectId"
    RETURNING u."projectId", p.name`;
}

type Aggregate = Figures & { people: number };

/** Robots one by one (Harbor logs them by name); every person together (Harbor logs people, not groups). */
export function summarize(usage: Extract<ProjectUsage, { status: "ok" }>): { robots: Record<string, Figures>; users: Aggregate } {
  const robots: Record<string, Figures> = {};
  const users: Aggregate = { pulls: usage.pullsLogged ? 0 : null, pushes: 0, lastPull: null, lastPush: null, people: 0 };
  const later = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : Date.parse(a) >= Date.parse(b) ? a : b);
  for (const s of usage.subjects) {
    if (s.kind === "robot") {
      robots[s.username] = { pulls: s.pulls, pushes: s.pushes, lastPull: s.lastPull, lastPush: s.lastPush };
      continue;
    }
    if (s.kind !== "user") continue;
    users.people += 1;
    users.pulls = users.pulls === null || s.pulls === null ? null : users.pulls + s.pulls;
    users.pushes += s.pushes;
    users.lastPull = later(users.lastPull, s.lastPull);
    users.lastPush = later(users.lastPush, s.lastPush);
  }
  return { robots, users };
}

async function checkProject(deps: UsageCheckDeps, project: Claimed, claim: Date): Promise<{ outcome: UsageOutcome; calls: number }> {
  const now = (deps.clock ?? (() => new Date()))();
  const from = new Date(now.getTime() - deps.config.usageWindowDays * DAY_MS);
  const usage = await readProjectUsage(deps.harbor, { project: project.name, from, to: now, auditLogging: deps.config.auditLogging });
  const ours = { projectId: project.projectId, claimedAt: claim };
  if (usage.status === "ok") {
    const { robots, users } = summarize(usage);
    const { count } = await deps.db.usageCheck.updateMany({
      where: ours,
      data: { checkedAt: now, windowFrom: from, windowTo: now, pullsLogged: usage.pullsLogged, robots: robots as unknown as Prisma.InputJsonValue, users: users as unknown as Prisma.InputJsonValue, calls: usage.calls, events: usage.events, status: "ok", reason: null, attemptedAt: now },
    });
    return { outcome: count ? "ok" : "superseded", calls: usage.calls };
  }
  const reason = usage.status === "project-not-found" ? `project ${project.name} is not in Harbor` : usage.reason;
  // the last good figures stay, with when they were read; the page says that Harbor could not be read since
  const { count } = await deps.db.usageCheck.updateMany({ where: ours, data: { status: usage.status, reason, attemptedAt: now, calls: usage.calls, ...(usage.status === "logging-off" ? { pullsLogged: false } : {}) } });
  if (count && usage.status !== "logging-off") (deps.log ?? silentLogger).warn("usage check could not read Harbor's audit log", { project: project.name, status: usage.status });
  return { outcome: count ? usage.status : "superseded", calls: usage.calls };
}

/** One batch of due projects, a few at a time; a failure on one never stops the others. */
export async function runUsageChecks(deps: UsageCheckDeps): Promise<UsagePass> {
  const claim = (deps.clock ?? (() => new Date()))();
  const batch = deps.batch ?? DEFAULT_BATCH;
  const claimed = await claimDue(deps.db, claim, deps.config.usageCheckSeconds, batch);
  const outcomes: Record<string, UsageOutcome> = {};
  const calls: Record<string, number> = {};
  let next = 0;
  const lane = async () => {
    while (next < claimed.length && !deps.stopping?.()) {
      const project = claimed[next++]!;
      try {
        const r = await checkProject(deps, project, claim);
        outcomes[project.name] = r.outcome;
        calls[project.name] = r.calls;
      } catch (e) {
        outcomes[project.name] = "unavailable";
        (deps.log ?? silentLogger).error("usage check failed", { project: project.name, error: e instanceof Error ? e.name : "unknown" });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(deps.concurrency ?? DEFAULT_CONCURRENCY, claimed.length) }, lane));
  return { outcomes, calls, claimed: claimed.length, batch };
}
