import "server-only";
import type { Env } from "../env";
import { secretsKeyFrom } from "./secrets";

export interface ProvisioningConfig {
  /** AES-256 key for robot secrets at rest (BERTH_SECRETS_KEY). */
  secretsKey: Buffer;
  /** How long a sealed secret waits to be revealed before the scheduler wipes it. */
  secretRevealHours: number;
  /** A claimed job is the worker's for this long; the heartbeat renews it every third of it. */
  leaseSeconds: number;
  concurrency: number;
  schedulerIntervalSeconds: number;
  /** How often each managed project is compared with Harbor in the background; 0 turns the drift check off. */
  driftCheckSeconds: number;
  /** How often the scheduler walks the whole audit chain (when events came since the last walk); 0 turns it off. */
  auditVerifyHours: number;
  /** Fallback when a NOTIFY is missed (listener reconnecting, another database session): how often to look anyway. */
  pollIntervalMs: number;
  /** First retry delay after a transient Harbor failure; doubles per attempt, with jitter, up to backoffMaxMs. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** On stop, how long running jobs may go on before they are handed back to the queue (BERTH_SHUTDOWN_GRACE_SECONDS). */
  shutdownGraceSeconds?: number;
}

export const DEFAULT_POLL_INTERVAL_MS = 2_000;
export const DEFAULT_BACKOFF_BASE_MS = 5_000;
export const DEFAULT_BACKOFF_MAX_MS = 5 * 60_000;
export const DEFAULT_SHUTDOWN_GRACE_SECONDS = 10;

/** The worker's settings from the validated configuration. */
export function provisioningConfigFromEnv(env: Env, overrides: Partial<ProvisioningConfig> = {}): ProvisioningConfig {
  return {
    secretsKey: secretsKeyFrom(env.BERTH_SECRETS_KEY),
    secretRevealHours: env.BERTH_SECRET_REVEAL_HOURS,
    leaseSeconds: env.BERTH_JOB_LEASE_SECONDS,
    concurrency: env.BERTH_WORKER_CONCURRENCY,
    schedulerIntervalSeconds: env.BERTH_SCHEDULER_INTERVAL_SECONDS,
    driftCheckSeconds: env.BERTH_DRIFT_CHECK_SECONDS,
    auditVerifyHours: env.BERTH_AUDIT_VERIFY_HOURS,
    pollIntervalMs: DEFAULT_POLL_INTERVAL_MS,
    backoffBaseMs: DEFAULT_BACKOFF_BASE_MS,
    backoffMaxMs: DEFAULT_BACKOFF_MAX_MS,
    shutdownGraceSeconds: env.BERTH_SHUTDOWN_GRACE_SECONDS,
    ...overrides,
  };
}
