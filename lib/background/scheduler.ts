import "server-only";
import { appendAuditEvents } from "../audit/append";
import { SYSTEM_CONTEXT, type AuditEventInput } from "../audit/types";
import type { Db } from "../db";
import { DomainError } from "../core/errors";
import { isUniqueViolation } from "../sql";
import type { ProvisioningConfig } from "../provisioning/config";
import type pg from "pg";
import { verifyChainIfDue, type ScheduledVerifyOutcome } from "../audit/scheduled-verify";
import type { HarborClient } from "../harbor";
import { runDriftChecks, type DriftCheckDeps, type DriftPass } from "../provisioning/drift-check";
import { enqueueGrantRemoval } from "../provisioning/enqueue";
import { silentLogger, type Logger } from "../log";
import { enqueueChainBroken, runScheduledNotifications, type ScheduledPass } from "../notify/scheduled";
import type { ReviewConfig } from "../reviews/config";
import { runReviewPass, type ReviewPass } from "../reviews/pass";
import { runUsageChecks, type UsagePass } from "../reviews/usage-check";

// Time-driven work nobody clicks for: grants past their end date, secrets past their reveal window, and (with a
// Harbor client) the background drift check, and (with a pool) the periodic walk of the whole audit chain, and (with
// the review settings) access reviews' campaigns, reminders and deadlines, and the usage check of Harbor's audit log.

const BATCH = 200;
/** Batches of drift checks per tick at most (25 projects each). */
const MAX_DRIFT_ROUNDS = 40;
/** Batches of usage checks per tick at most (25 projects each). */
const MAX_USAGE_ROUNDS = 40;
/** How long stop() waits for a drift check or chain walk in flight before it lets go. */
const LOOP_STOP_WAIT_MS = 5_000;

export interface SchedulerDeps {
  db: Db;
  clock?: () => Date;
  log?: Logger;
}

export interface SchedulerPass {
  /** EXPIRE jobs queued, one per grant. */
  expiryJobs: string[];
  /** RobotSecret ids wiped. */
  wipedSecrets: string[];
}

/**
 * ACTIVE grants whose end has come and that nothing is working on: not an open job of any kind (a removal, an
 * extension or rotation in flight), not a failed expiry waiting for a person, not a role change about to take
 * over their Harbor membership.
 */
async function dueGrants(db: Db, now: Date): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT g.id FROM "Grant" g
    WHERE g.state = 'ACTIVE' AND g."endsAt" IS NOT NULL AND g."endsAt" <= ${now}
      AND NOT EXISTS (
        SELECT 1 FROM "ProvisioningJob" j
        WHERE j."grantId" = g.id AND (j.state IN ('QUEUED', 'RUNNING') OR (j.kind = 'EXPIRE' AND j.state = 'FAILED')))
      AND NOT EXISTS (
        SELECT 1 FROM "Grant" n JOIN "ProvisioningJob" j ON j."grantId" = n.id
        WHERE n."supersedesId" = g.id AND n.state = 'PENDING' AND j.state IN ('QUEUED', 'RUNNING'))
    ORDER BY g."endsAt"
    LIMIT ${BATCH}`;
  return rows.map((r) => r.id);
}

function isRace(error: unknown): boolean {
  // another scheduler got there first (unique open job) or the grant changed under us
  return isUniqueViolation(error) || (error instanceof DomainError && error.code === "CONFLICT");
}

/** Queues an EXPIRE job for every grant past its end date. Each in its own transaction, so one bad grant stops nothing. */
export async function enqueueExpiries(deps: SchedulerDeps): Promise<string[]> {
  const now = (deps.clock ?? (() => new Date()))();
  const jobs: string[] = [];
  for (const grantId of await dueGrants(deps.db, now)) {
    try {
      const { jobId } = await deps.db.$transaction((tx) => enqueueGrantRemoval(tx, grantId, SYSTEM_CONTEXT.expiry, "EXPIRE", "end date reached"));
      jobs.push(jobId);
    } catch (error) {
      if (!isRace(error)) (deps.log ?? silentLogger).error("could not queue an expiry", { grant: grantId, error: error instanceof Error ? error.name : "unknown" });
    }
  }
  return jobs;
}

interface WipedRow {
  id: string;
  requestId: string;
  projectName: string;
  subjectName: string;
}

/** Erases sealed secrets nobody revealed in time; one event per secret, in the same transaction. */
export async function wipeExpiredSecrets(deps: SchedulerDeps): Promise<string[]> {
  const now = (deps.clock ?? (() => new Date()))();
  return deps.db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<WipedRow[]>`
      WITH due AS (
        SELECT id FROM "RobotSecret"
        WHERE "wipedAt" IS NULL AND ciphertext IS NOT NULL AND "expiresAt" <= ${now}
        ORDER BY "expiresAt" LIMIT ${BATCH}
        FOR UPDATE SKIP LOCKED)
      UPDATE "RobotSecret" s SET ciphertext = NULL, iv = NULL, "authTag" = NULL, "wipedAt" = ${now}
      FROM due, "Grant" g
      WHERE s.id = due.id AND g.id = s."grantId"
      RETURNING s.id, s."requestId", g."projectName", g."subjectName"`;
    if (rows.length === 0) return [];
    const events: AuditEventInput[] = rows.map((r) => ({
      action: "robot.secret.wiped",
      objectType: "secret",
      objectId: r.id,
      requestId: r.requestId,
      projectName: r.projectName,
      subject: `robot:${r.subjectName}`,
      after: { wipedAt: now.toISOString(), reason: "not revealed within its window" },
    }));
    await appendAuditEvents(tx, SYSTEM_CONTEXT.scheduler, events);
    return rows.map((r) => r.id);
  });
}

export async function runSchedulerPass(deps: SchedulerDeps): Promise<SchedulerPass> {
  const expiryJobs = await enqueueExpiries(deps);
  const wipedSecrets = await wipeExpiredSecrets(deps);
  if (expiryJobs.length || wipedSecrets.length) (deps.log ?? silentLogger).info("scheduler pass", { expiryJobs: expiryJobs.length, wipedSecrets: wipedSecrets.length });
  return { expiryJobs, wipedSecrets };
}

/** Batches of a background check until none is due (or the scheduler stops): a large registry is not held to one batch per tick. */
async function inRounds<O>(maxRounds: number, stopping: () => boolean, batch: () => Promise<{ outcomes: Record<string, O>; claimed: number; batch: number }>): Promise<Record<string, O>> {
  const all: Record<string, O> = {};
  for (let round = 0; round < maxRounds && !stopping(); round++) {
    const pass = await batch();
    Object.assign(all, pass.outcomes);
    if (pass.claimed < pass.batch) break;
  }
  return all;
}

/** Drift checks until no project is due (or the scheduler stops). */
async function runDriftRounds(deps: DriftCheckDeps & { stopping: () => boolean }): Promise<DriftPass["outcomes"]> {
  const all = await inRounds(MAX_DRIFT_ROUNDS, deps.stopping, () => runDriftChecks(deps));
  const values = Object.values(all);
  const fields = { checked: values.length, changed: values.filter((o) => o === "changed").length, failed: values.filter((o) => o === "failed").length };
  // a round that only confirmed what was known is not news
  if (fields.changed || fields.failed) (deps.log ?? silentLogger).info("drift check", fields);
  else if (fields.checked) (deps.log ?? silentLogger).debug("drift check", fields);
  return all;
}

/** Usage checks until no project is due (or the scheduler stops). */
async function runUsageRounds(deps: Parameters<typeof runUsageChecks>[0] & { stopping: () => boolean }): Promise<UsagePass["outcomes"]> {
  const all = await inRounds(MAX_USAGE_ROUNDS, deps.stopping, () => runUsageChecks(deps));
  const values = Object.values(all);
  if (values.length) (deps.log ?? silentLogger).debug("usage check", { read: values.filter((o) => o === "ok").length, unreadable: values.filter((o) => o !== "ok" && o !== "superseded").length });
  return all;
}

interface Loop<T> {
  runNow(): Promise<T>;
  stop(waitMs?: number): Promise<void>;
}

/** Runs `work` at once and again `intervalMs` after each run ends; runs never overlap, and runNow joins one in flight. */
function every<T>(name: string, intervalMs: number, work: () => Promise<T>, log: Logger): Loop<T> {
  let stopped = false;
  let running: Promise<T> | null = null;
  let timer: NodeJS.Timeout | undefined;
  const run = (): Promise<T> => {
    running ??= work().finally(() => {
      running = null;
    });
    return running;
  };
  const tick = async () => {
    try {
      await run();
    } catch (e) {
      log.warn(`${name} failed`, { error: e instanceof Error ? e.name : "unknown" });
    }
    if (stopped) return;
    timer = setTimeout(() => void tick(), intervalMs);
    timer.unref?.();
  };
  void tick();
  return {
    runNow: run,
    async stop(waitMs) {
      stopped = true;
      clearTimeout(timer);
      const current = running?.catch(() => {});
      if (!current) return;
      if (waitMs === undefined) await current;
      else await Promise.race([current, new Promise((r) => setTimeout(r, waitMs).unref?.())]);
    },
  };
}

export interface Scheduler {
  /** Runs a pass (expiry, secret wiping) now, and serializes with the timer's passes. */
  runNow(): Promise<SchedulerPass>;
  /** Runs drift checks now; null when the drift check is off or there is no Harbor client. */
  runDriftNow: (() => Promise<DriftPass["outcomes"]>) | null;
  /** Walks the audit chain now if it is due; null when the verification is off or there is no pool. */
  runChainVerificationNow: (() => Promise<ScheduledVerifyOutcome>) | null;
  /** Puts due time-based notifications in the outbox now; null without a pool or notification settings. */
  runNotificationsNow: (() => Promise<ScheduledPass>) | null;
  /** Runs the review pass now (start due campaigns, reminders, escalation, deadlines); null without review settings. */
  runReviewsNow: (() => Promise<ReviewPass>) | null;
  /** Reads Harbor's audit log of due projects now; null when the usage check is off or there is no Harbor client. */
  runUsageNow: (() => Promise<UsagePass["outcomes"]>) | null;
  stop(): Promise<void>;
}

/**
 * Every BERTH_SCHEDULER_INTERVAL_SECONDS; the first pass runs at start. Expiry and secret wiping run in one loop, the
 * drift check in another, so a slow or hung Harbor never delays an expiry.
 */
export function startScheduler(
  deps: SchedulerDeps & {
    harbor?: HarborClient;
    pool?: pg.Pool;
    config: Pick<ProvisioningConfig, "schedulerIntervalSeconds" | "driftCheckSeconds"> & Partial<Pick<ProvisioningConfig, "auditVerifyHours">>;
    /** Time-based notifications (ending access, secrets about to be wiped, digests). */
    notify?: { baseUrl: string; digestHourUtc: number };
    reviews?: ReviewConfig;
  },
): Scheduler {
  const log = deps.log ?? silentLogger;
  const intervalMs = deps.config.schedulerIntervalSeconds * 1000;
  let stopping = false;
  const main = every("scheduler pass", intervalMs, () => runSchedulerPass(deps), log);
  const { harbor } = deps;
  const drift =
    harbor && deps.config.driftCheckSeconds > 0
      ? every("drift check", intervalMs, () => runDriftRounds({ db: deps.db, harbor, intervalSeconds: deps.config.driftCheckSeconds, clock: deps.clock, log, stopping: () => stopping }), log)
      : null;
  const { pool } = deps;
  const verifyHours = deps.config.auditVerifyHours ?? 0;
  let lastChainWalk: Date | null = null;
  const chain =
    pool && verifyHours > 0
      ? every(
          "audit chain verification",
          intervalMs,
          async () => {
            const at = (deps.clock ?? (() => new Date()))();
            const outcome = await verifyChainIfDue({ prisma: deps.db, pool, everyHours: verifyHours, clock: deps.clock, lastAttempt: lastChainWalk, stopping: () => stopping });
            if (!outcome.ran) return outcome;
            // only a walk that ran (pass or break) starts the wait; an error before or during it is retried next tick
            if (!stopping) lastChainWalk = at;
            const { result } = outcome;
            if (result.ok) log.info("audit chain verified", { headSeq: result.headSeq.toString(), checked: result.checked });
            else {
              log.error("audit chain broken", { brokenAt: result.brokenAt.toString(), reason: result.reason, recorded: outcome.recorded, recordError: outcome.recordError });
              // a break the trail refused to record reaches people straight through the outbox
              if (outcome.recordError) await enqueueChainBroken(pool, result.brokenAt.toString(), result.reason, result.detail);
            }
            return outcome;
          },
          log,
        )
      : null;
  const { notify } = deps;
  const notifications =
    pool && notify
      ? every(
          "notification pass",
          intervalMs,
          async () => {
            const pass = await runScheduledNotifications(pool, { now: (deps.clock ?? (() => new Date()))(), ...notify });
            if (pass.ending || pass.wiping || pass.digests) log.info("notifications scheduled", { ...pass });
            return pass;
          },
          log,
        )
      : null;
  const { reviews } = deps;
  // its own loop: a campaign over thousands of grants never delays an expiry
  const reviewLoop = reviews ? every("review pass", intervalMs, () => runReviewPass({ db: deps.db, config: reviews, clock: deps.clock, log }), log) : null;
  const usage =
    reviews && harbor && reviews.usageCheckSeconds > 0
      ? every("usage check", intervalMs, () => runUsageRounds({ db: deps.db, harbor, config: reviews, clock: deps.clock, log, stopping: () => stopping }), log)
      : null;
  return {
    runNow: main.runNow,
    runDriftNow: drift ? drift.runNow : null,
    runChainVerificationNow: chain ? chain.runNow : null,
    runNotificationsNow: notifications ? notifications.runNow : null,
    runReviewsNow: reviewLoop ? reviewLoop.runNow : null,
    runUsageNow: usage ? usage.runNow : null,
    async stop() {
      stopping = true;
      // a check writes only once Harbor has answered, in one transaction: leaving a hung read behind loses nothing;
      // a chain walk is one read-only snapshot, and only its result is written
      await Promise.all([main.stop(), drift?.stop(LOOP_STOP_WAIT_MS), chain?.stop(LOOP_STOP_WAIT_MS), notifications?.stop(LOOP_STOP_WAIT_MS), reviewLoop?.stop(), usage?.stop(LOOP_STOP_WAIT_MS)]);
    },
  };
}
