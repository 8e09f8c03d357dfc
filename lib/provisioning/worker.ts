import "server-only";
import { randomUUID } from "node:crypto";
import os from "node:os";
import type pg from "pg";
import { SYSTEM_CONTEXT, type AuditContext, type AuditEventInput } from "../audit/types";
import type { Db } from "../db";
import type { ProvisioningStep } from "../generated/prisma/client";
import type { ProvisioningConfig } from "./config";
import { FLOWS } from "./flows";
import { beginJob, finalizeJob, provisioningEvent, recordFailure, recordStepSuccess, startStep, stepSucceededEvent } from "./finalize";
import { backoffMs, classifyError, LeaseLostError, StepError, type StepKey } from "./plan";
import { claimNextJob, fence, JOBS_CHANNEL, msUntilNextDue, renewLease, type Claim, type ClaimedJob } from "./queue";
import { appendAuditEvents } from "../audit/append";
import { prepared, transaction, type Queryable } from "../sql";
import { applyGrantUpdate, executeStep, type ProvisioningHarbor } from "./steps";
import { jobContext, type JobContext } from "./records";

export interface WorkerLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: WorkerLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** One line per entry, `key=value` fields; callers pass ids and states only, never secrets. */
export function lineLogger(prefix: string, write: (line: string) => void, level: "debug" | "info" | "warn" | "error" = "info"): WorkerLogger {
  const order = ["debug", "info", "warn", "error"] as const;
  const at = (l: (typeof order)[number]) => (message: string, fields: Record<string, unknown> = {}) => {
    if (order.indexOf(l) < order.indexOf(level)) return;
    const kv = Object.entries(fields).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);
    write(`${prefix} ${l} ${message}${kv.length ? ` ${kv.join(" ")}` : ""}`);
  };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

export type JobOutcome = "SUCCEEDED" | "RETRY" | "FAILED" | "LEASE_LOST" | "ERROR";

export type WorkerEvent =
  | { type: "claimed"; jobId: string; requestId: string | null; kind: ClaimedJob["kind"]; attempt: number; at: number }
  | { type: "step.succeeded"; jobId: string; step: StepKey; harborRequestId: string | null; at: number }
  | { type: "finished"; jobId: string; requestId: string | null; kind: ClaimedJob["kind"]; outcome: JobOutcome; at: number };

export interface RunDeps {
  pool: pg.Pool;
  harbor: ProvisioningHarbor;
  config: ProvisioningConfig;
  workerId: string;
  clock: () => Date;
  log: WorkerLogger;
  onEvent?: (event: WorkerEvent) => void;
  random?: () => number;
}


/** Expiry jobs act as "expiry", everything else the worker runs as "worker". */
export const actorFor = (kind: ClaimedJob["kind"]): AuditContext => (kind === "EXPIRE" ? SYSTEM_CONTEXT.expiry : SYSTEM_CONTEXT.worker);

/** Epoch milliseconds with sub-millisecond precision, for latency measurements. */
const nowMs = () => performance.timeOrigin + performance.now();

function emit(deps: RunDeps, event: WorkerEvent) {
  try {
    deps.onEvent?.(event);
  } catch {
    // an observer's failure is not the job's
  }
}

async function markRunning(deps: RunDeps, job: ClaimedJob, step: ProvisioningStep, now: Date): Promise<void> {
  const { rowCount } = await prepared(deps.pool).query(
    `UPDATE "ProvisioningStep" SET state = 'RUNNING', attempts = attempts + 1, "startedAt" = $2, "finishedAt" = NULL, error = NULL, "harborRequestId" = NULL
     WHERE id = $1 AND EXISTS (SELECT 1 FROM "ProvisioningJob" WHERE id = $3 AND "lockedBy" = $4 AND state = 'RUNNING')`,
    [step.id, now, job.id, deps.workerId],
  );
  if (!rowCount) throw new LeaseLostError(job.id);
  step.state = "RUNNING";
  step.attempts += 1;
}

/** Inside a step's success transaction (which holds the job row): the next step goes RUNNING before its Harbor call. */
async function startNextStep(c: Queryable, step: ProvisioningStep, now: Date): Promise<void> {
  await c.query(`UPDATE "ProvisioningStep" SET state = 'RUNNING', attempts = attempts + 1, "startedAt" = $2, "finishedAt" = NULL, error = NULL, "harborRequestId" = NULL WHERE id = $1`, [step.id, now]);
  step.state = "RUNNING";
  step.attempts += 1;
}

/**
 * Claims the next due job in a transaction that also starts its first step and, on a provisioning job's first run,
 * moves its request to PROVISIONING with its event; committed before the caller calls Harbor.
 */
export async function claimJob(deps: RunDeps): Promise<Claim | null> {
  const claim = await transaction(deps.pool, async (c) => {
    const claimed = await claimNextJob(c, deps.workerId, deps.config.leaseSeconds, deps.clock());
    if (!claimed) return null;
    const request = claimed.rows.request as { id: string; state: string; projectName: string } | null;
    if (claimed.requestMoved && request) await appendAuditEvents(c, actorFor(claimed.kind), [provisioningEvent(claimed.id, request)]);
    return claimed;
  });
  // The queue has handed the job over once the claim (lease, first step RUNNING, request PROVISIONING) is committed.
  if (claim) emit(deps, { type: "claimed", jobId: claim.id, requestId: claim.requestId, kind: claim.kind, attempt: claim.attempts, at: nowMs() });
  return claim;
}

/**
 * Runs a claimed job from its first unfinished step. Every step is marked RUNNING before Harbor is called and
 * recorded SUCCEEDED (with what it made) in one fenced transaction after; the last step's transaction also
 * finalizes the job. A failure goes back on the queue with backoff or ends the job FAILED.
 */
export async function runJob(deps: RunDeps, claim: Claim): Promise<JobOutcome> {
  const { rows, startedStepId, requestMoved, ...job } = claim;
  const { pool, config, workerId, clock, log } = deps;
  const actor = actorFor(job.kind);
  const heartbeat = setInterval(
    () => {
      renewLease(prepared(pool), job.id, workerId, config.leaseSeconds)
        .then((ok) => {
          if (!ok) log.warn("lease lost", { job: job.id });
        })
        .catch(() => {});
    },
    Math.max(250, (config.leaseSeconds * 1000) / 3),
  );
  heartbeat.unref?.();

  let ctx: JobContext = { job, request: null, typed: null, grant: null, project: null, steps: [] };
  let current: ProvisioningStep | null = null;
  const finish = (outcome: JobOutcome) => {
    emit(deps, { type: "finished", jobId: job.id, requestId: job.requestId, kind: job.kind, outcome, at: nowMs() });
    return outcome;
  };
  try {
    ctx = jobContext(job, rows);
    // what the claim changed, as the rows it read did not show it yet
    if (requestMoved && ctx.request) ctx.request.state = "PROVISIONING";
    const started = ctx.steps.find((s) => s.id === startedStepId);
    if (started) {
      started.state = "RUNNING";
      started.attempts += 1;
    }
    // A job whose workers keep dying (lease ran out each time) must not be claimed forever.
    if (job.attempts > job.maxAttempts) throw new StepError(`the job was interrupted ${job.attempts - 1} times (worker stopped while running)`);
    const pending = ctx.steps.filter((s) => s.state !== "SUCCEEDED");
    // what the job's closing transaction recorded, for the log line below
    let closing: AuditEventInput[] = [];
    if (pending.length === 0) {
      await transaction(pool, async (c) => {
        await fence(c, job.id, workerId);
        // PROVISIONING first, then the closing statement turns the request ACTIVE
        const begun = await beginJob(c, ctx);
        closing = await finalizeJob(c, ctx, clock(), workerId);
        await appendAuditEvents(c, actor, [...begun, ...closing]);
      });
    }
    let runningId = startedStepId;
    for (const [i, step] of pending.entries()) {
      current = step;
      // Normally already RUNNING: the claim starts the first step, each success transaction the next one.
      if (step.id !== runningId) {
        if (i === 0) await transaction(pool, async (c) => appendAuditEvents(c, actor, await startStep(c, ctx, step, workerId, clock())));
        else await markRunning(deps, job, step, clock());
      }
      const outcome = await executeStep(step.key as StepKey, ctx, { pool: prepared(pool), harbor: deps.harbor, secretsKey: config.secretsKey, secretRevealHours: config.secretRevealHours, now: clock });
      const next = pending[i + 1];
      await transaction(pool, async (c) => {
        const now = clock();
        // the last step's success goes into the job's closing statement, one round trip less
        if (next) await recordStepSuccess(c, job.id, workerId, step, outcome.harborRequestId, outcome.result, now);
        const events = [stepSucceededEvent(ctx, step, outcome.harborRequestId, outcome.result)];
        const activates = !next && !!ctx.typed && FLOWS[ctx.typed.kind].activatesGrant;
        if (outcome.grantUpdate && ctx.grant && !activates) await applyGrantUpdate(c, ctx.grant.id, outcome.grantUpdate);
        if (outcome.persist) events.push(...(await outcome.persist(c, now)));
        if (next) await startNextStep(c, next, now);
        else {
          closing = await finalizeJob(c, ctx, now, workerId, { step, harborRequestId: outcome.harborRequestId, result: outcome.result });
          events.push(...closing);
        }
        await appendAuditEvents(c, actor, events);
      });
      if (next) runningId = next.id;
      step.state = "SUCCEEDED";
      current = null;
      emit(deps, { type: "step.succeeded", jobId: job.id, step: step.key as StepKey, harborRequestId: outcome.harborRequestId, at: nowMs() });
    }
    log.info("job succeeded", { job: job.id, kind: job.kind, attempt: job.attempts, ...(job.grantId ? { grant: job.grantId } : {}), recorded: closing.map((e) => e.action).join(",") });
    return finish("SUCCEEDED");
  } catch (error) {
    if (error instanceof LeaseLostError) {
      log.warn("lease lost; another worker has the job", { job: job.id });
      return finish("LEASE_LOST");
    }
    const classified = classifyError(error);
    if (classified.internal) log.error("job step failed unexpectedly", { job: job.id, step: current?.key ?? null, error: error instanceof Error ? `${error.name}: ${error.message}` : "unknown" });
    const final = !classified.retryable || job.attempts >= job.maxAttempts;
    const delayMs = final ? null : backoffMs(job.attempts, config.backoffBaseMs, config.backoffMaxMs, deps.random);
    try {
      await transaction(pool, async (c) => {
        await fence(c, job.id, workerId);
        const failedStep = current && current.state === "RUNNING" ? current : null;
        const events = await recordFailure(c, ctx, failedStep, classified, clock(), delayMs);
        await appendAuditEvents(c, actor, events);
      });
    } catch (recordError) {
      if (recordError instanceof LeaseLostError) return finish("LEASE_LOST");
      // The lease runs out and another worker (or this one) takes the job again.
      log.error("could not record a failure", { job: job.id, error: recordError instanceof Error ? recordError.name : "unknown" });
      return finish("ERROR");
    }
    log.warn(final ? "job failed" : "job step failed; will retry", { job: job.id, step: current?.key ?? null, attempt: job.attempts, error: classified.message, harborRequestId: classified.harborRequestId, retryInMs: delayMs });
    return finish(final ? "FAILED" : "RETRY");
  } finally {
    clearInterval(heartbeat);
  }
}

/** Claims one due job and runs it; null when nothing is due. */
export async function runOnce(deps: RunDeps): Promise<{ jobId: string; outcome: JobOutcome } | null> {
  const job = await claimJob(deps);
  if (!job) return null;
  return { jobId: job.id, outcome: await runJob(deps, job) };
}

export interface WorkerOptions {
  /** Accepted with `pool` as the app's database pair; the worker itself runs its statements through `pool`. */
  prisma?: Db;
  /** Claims, step records and the LISTEN connection (held for the worker's life). */
  pool: pg.Pool;
  harbor: ProvisioningHarbor;
  config: ProvisioningConfig;
  workerId?: string;
  log?: WorkerLogger;
  clock?: () => Date;
  onEvent?: (event: WorkerEvent) => void;
  random?: () => number;
}

export interface Worker {
  readonly workerId: string;
  /** Stops claiming, waits for running jobs (at most `graceMs`, default one lease), releases the listener. */
  stop(options?: { graceMs?: number }): Promise<void>;
  /** Runs until no job is due and none is running here. */
  drain(): Promise<void>;
  /** Looks for work now (as a NOTIFY would). */
  wake(): void;
}

export function defaultWorkerId(suffix = ""): string {
  return `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}${suffix ? `:${suffix}` : ""}`;
}

/**
 * Holds one pooled connection that LISTENs on `channel` and calls `onNotify` for each notification, and once the
 * LISTEN is in place (for whatever was sent before it). A lost connection is replaced after `retryMs`; meanwhile the
 * caller's own timer covers the gap.
 */
export function listenOn(pool: pg.Pool, channel: string, onNotify: () => void, options: { log: WorkerLogger; retryMs: number }): { stop(): void } {
  let stopped = false;
  let client: pg.PoolClient | null = null;
  let retry: NodeJS.Timeout | undefined;
  const again = () => {
    if (!stopped) retry = setTimeout(() => void listen(), options.retryMs);
  };
  async function listen() {
    if (stopped) return;
    try {
      const c = await pool.connect();
      c.on("notification", (msg) => {
        if (msg.channel === channel) onNotify();
      });
      c.on("error", (err) => {
        options.log.warn(`listener on ${channel} lost its connection; polling until it is back`, { error: err.name });
        if (client === c) client = null;
        c.release(err);
        again();
      });
      await c.query(`LISTEN ${channel}`);
      if (stopped) {
        c.release(true);
        return;
      }
      client = c;
      onNotify();
    } catch (e) {
      options.log.warn(`could not listen on ${channel}; polling`, { error: e instanceof Error ? e.name : "unknown" });
      again();
    }
  }
  void listen();
  return {
    stop() {
      stopped = true;
      clearTimeout(retry);
      // a LISTENing connection must not go back to the pool
      client?.release(true);
      client = null;
    },
  };
}

/**
 * The queue consumer: LISTEN berth_jobs for immediate pickup, a timer for jobs that become due later (backoff,
 * leases running out) and as a fallback for missed notifications, and at most `concurrency` jobs at once.
 */
export function startWorker(options: WorkerOptions): Worker {
  const workerId = options.workerId ?? defaultWorkerId();
  const log = options.log ?? silentLogger;
  const deps: RunDeps = { pool: options.pool, harbor: options.harbor, config: options.config, workerId, clock: options.clock ?? (() => new Date()), log, onEvent: options.onEvent, random: options.random };
  const { config } = options;
  const active = new Set<Promise<unknown>>();
  let stopped = false;
  let filling: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const launch = (job: Claim) => {
    const run: Promise<unknown> = runJob(deps, job)
      .catch((e: unknown) => log.error("job run crashed", { job: job.id, error: e instanceof Error ? e.name : "unknown" }))
      .finally(() => {
        active.delete(run);
        if (!stopped) void fill();
      });
    active.add(run);
  };

  async function scheduleWake() {
    if (stopped) return;
    let delay = config.pollIntervalMs;
    try {
      const due = await msUntilNextDue(prepared(deps.pool));
      if (due !== null) delay = Math.min(delay, Math.ceil(due) + 5);
    } catch {
      // the database is away: poll again at the normal pace
    }
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void fill(), Math.max(5, delay));
    timer.unref?.();
  }

  function fill(): Promise<void> {
    if (filling) {
      again = true;
      return filling;
    }
    filling = (async () => {
      do {
        again = false;
        while (!stopped && active.size < config.concurrency) {
          const job = await claimJob(deps);
          if (!job) break;
          launch(job);
        }
      } while (again && !stopped);
    })()
      .catch((e: unknown) => log.warn("could not claim a job", { error: e instanceof Error ? e.name : "unknown" }))
      .finally(() => {
        filling = null;
        void scheduleWake();
      });
    return filling;
  }

  const listener = listenOn(options.pool, JOBS_CHANNEL, () => void fill(), { log, retryMs: config.pollIntervalMs });
  void fill();
  log.info("worker started", { worker: workerId, concurrency: config.concurrency, leaseSeconds: config.leaseSeconds });

  return {
    workerId,
    wake: () => void fill(),
    async drain() {
      for (;;) {
        if (stopped) return;
        await fill();
        while (active.size > 0 || filling) await Promise.race([...active, ...(filling ? [filling] : [])]);
        const due = await msUntilNextDue(prepared(deps.pool));
        if (due === null || due > 0) return;
      }
    },
    async stop({ graceMs = config.leaseSeconds * 1000 } = {}) {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      listener.stop();
      if (filling) await filling;
      let graceTimer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...active]), new Promise((resolve) => (graceTimer = setTimeout(resolve, graceMs)))]);
      clearTimeout(graceTimer);
      log.info("worker stopped", { worker: workerId, abandoned: active.size });
    },
  };
}
