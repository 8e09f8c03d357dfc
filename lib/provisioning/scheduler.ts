import { appendAuditEvents } from "../audit/append";
import type { AuditContext, AuditEventInput } from "../audit/types";
import type { Db } from "../db";
import { DomainError } from "../governance/errors";
import { Prisma } from "../generated/prisma/client";
import type { ProvisioningConfig } from "./config";
import type { HarborClient } from "../harbor";
import { runDriftChecks, type DriftPass } from "./drift-check";
import { enqueueGrantRemoval } from "./enqueue";
import { silentLogger, type WorkerLogger } from "./worker";

// Time-driven work nobody clicks for: grants past their end date, secrets past their reveal window, and (with a
// Harbor client) the background drift check.

const EXPIRY_CTX: AuditContext = { actor: { type: "system", id: "expiry" } };
const SCHEDULER_CTX: AuditContext = { actor: { type: "system", id: "scheduler" } };
const BATCH = 200;

export interface SchedulerDeps {
  db: Db;
  clock?: () => Date;
  log?: WorkerLogger;
  /** With both, each pass also runs a batch of drift checks (drift-check.ts). */
  harbor?: HarborClient;
  driftCheckSeconds?: number;
}

export interface SchedulerPass {
  /** EXPIRE jobs queued, one per grant. */
  expiryJobs: string[];
  /** RobotSecret ids wiped. */
  wipedSecrets: string[];
  /** Projects compared with Harbor, and what came of it. */
  drift: DriftPass["outcomes"];
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
  return (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") || (error instanceof DomainError && error.code === "CONFLICT");
}

/** Queues an EXPIRE job for every grant past its end date. Each in its own transaction, so one bad grant stops nothing. */
export async function enqueueExpiries(deps: SchedulerDeps): Promise<string[]> {
  const now = (deps.clock ?? (() => new Date()))();
  const jobs: string[] = [];
  for (const grantId of await dueGrants(deps.db, now)) {
    try {
      const { jobId } = await deps.db.$transaction((tx) => enqueueGrantRemoval(tx, grantId, EXPIRY_CTX, "EXPIRE", "end date reached"));
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
    await appendAuditEvents(tx, SCHEDULER_CTX, events);
    return rows.map((r) => r.id);
  });
}

export async function runSchedulerPass(deps: SchedulerDeps): Promise<SchedulerPass> {
  const expiryJobs = await enqueueExpiries(deps);
  const wipedSecrets = await wipeExpiredSecrets(deps);
  const drift = deps.harbor && deps.driftCheckSeconds ? (await runDriftChecks({ db: deps.db, harbor: deps.harbor, intervalSeconds: deps.driftCheckSeconds, clock: deps.clock, log: deps.log })).outcomes : {};
  const outcomes = Object.values(drift);
  const fields = { expiryJobs: expiryJobs.length, wipedSecrets: wipedSecrets.length, driftChecked: outcomes.length, driftChanged: outcomes.filter((o) => o === "changed").length };
  // a pass that only confirmed what was known is not news
  if (fields.expiryJobs || fields.wipedSecrets || fields.driftChanged) (deps.log ?? silentLogger).info("scheduler pass", fields);
  else if (fields.driftChecked) (deps.log ?? silentLogger).debug("scheduler pass", fields);
  return { expiryJobs, wipedSecrets, drift };
}

export interface Scheduler {
  /** Runs a pass now (and serializes with the timer's passes). */
  runNow(): Promise<SchedulerPass>;
  stop(): Promise<void>;
}

/** Every BERTH_SCHEDULER_INTERVAL_SECONDS; the first pass runs at start. Passes never overlap. */
export function startScheduler(deps: SchedulerDeps & { config: Pick<ProvisioningConfig, "schedulerIntervalSeconds" | "driftCheckSeconds"> }): Scheduler {
  const log = deps.log ?? silentLogger;
  let stopped = false;
  let running: Promise<SchedulerPass> | null = null;
  let timer: NodeJS.Timeout | undefined;

  const pass = (): Promise<SchedulerPass> => {
    running ??= runSchedulerPass({ driftCheckSeconds: deps.config.driftCheckSeconds, ...deps }).finally(() => {
      running = null;
    });
    return running;
  };
  const tick = async () => {
    try {
      await pass();
    } catch (e) {
      log.warn("scheduler pass failed", { error: e instanceof Error ? e.name : "unknown" });
    }
    if (stopped) return;
    timer = setTimeout(() => void tick(), deps.config.schedulerIntervalSeconds * 1000);
    timer.unref?.();
  };
  void tick();

  return {
    runNow: pass,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      if (running) await running.catch(() => {});
    },
  };
}
