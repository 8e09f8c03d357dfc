// `npm run worker`: the provisioning worker and scheduler as their own process (BERTH_WORKER=off in the web tier).
import { createDatabase, type Database } from "../lib/db";
import { ConfigError, env } from "../lib/env";
import { createHarborClient, describePermissions, type HarborClient } from "../lib/harbor";
import { checkHarborAccount } from "../lib/health";
import { provisioningConfigFromEnv } from "../lib/provisioning/config";
import { startScheduler, type Scheduler } from "../lib/background/scheduler";
import { stopTogether } from "../lib/background/stop";
import { createLogger, errorField, setLogger, type Logger } from "../lib/log";
import { guardAuditTrail, lowerWorkerPriority } from "../lib/startup";
import { observeWorkerEvent, registerStateGauges, startMetricsServer } from "../lib/metrics";
import { observeHarbor } from "../lib/harbor-instance";
import { defaultWorkerId, startWorker, type Worker } from "../lib/provisioning/worker";
import { describeRequest } from "../lib/governance/kinds";
import { notifyConfigFromEnv, startNotifier, type Notifier } from "../lib/notify";
import { reviewConfigFromEnv } from "../lib/reviews/config";

/**
 * Refuses to start when Harbor says Berth's account lacks a permission the worker needs (a misconfiguration that
 * would fail every job); an unreachable Harbor is an outage, not a reason to stay down.
 */
async function refuseWithoutPermissions(harbor: HarborClient, db: Database, username: string, log: Logger) {
  let check;
  try {
    check = await checkHarborAccount(harbor, db.pool);
  } catch (e) {
    log.warn("could not check Berth's Harbor account; starting anyway", { error: errorField(e) });
    return;
  }
  if (check.kind === "admin") log.warn("Berth uses a Harbor system administrator; give it a system robot with the least permissions (docs/harbor.md)", { username });
  if (check.unverified.length) log.info("Harbor permissions not checkable yet", { unverified: describePermissions(check.unverified) });
  if (check.missing.length === 0) return;
  const message = `Berth's Harbor account ${username} lacks permissions it needs: ${describePermissions(check.missing)}. Grant them (docs/harbor.md, "Berth's own Harbor account") and start again.`;
  log.error(message, { username, missing: describePermissions(check.missing) });
  await db.close();
  process.exit(1);
}

async function main() {
  let config;
  try {
    config = env();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`[berth-worker] ${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const log = setLogger(createLogger({ component: "worker", level: config.BERTH_LOG_LEVEL }));
  const db = createDatabase(config.DATABASE_URL, { max: config.BERTH_WORKER_CONCURRENCY + config.BERTH_NOTIFY_CONCURRENCY + 6 });
  const harbor = createHarborClient({
    baseUrl: config.HARBOR_URL,
    username: config.HARBOR_USERNAME,
    password: config.HARBOR_PASSWORD,
    timeoutMs: config.HARBOR_TIMEOUT_MS,
    maxRetries: config.HARBOR_MAX_RETRIES,
    onCall: observeHarbor(log),
  });
  const running: { worker?: Worker; scheduler?: Scheduler; notifier?: Notifier; metricsServer?: { close(): Promise<void> } } = {};
  let stopping = false;
  // SIGTERM: claim nothing more, let running jobs finish (or hand them back to the queue), close the pool, exit.
  // Installed before anything starts, so a signal during start-up stops the process cleanly too.
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info("stopping", { signal });
    try {
      await stopTogether([running.scheduler, running.notifier, running.worker]);
      await running.metricsServer?.close();
      await db.close();
      log.info("stopped", { signal });
      process.exit(0);
    } catch (e) {
      log.error("could not stop cleanly", { error: errorField(e) });
      process.exit(1);
    }
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  let nice: number | null = null;
  try {
    nice = lowerWorkerPriority(config.BERTH_WORKER_NICE).after;
  } catch (e) {
    // a sandbox that refuses setpriority: the worker still works, at the priority it was given
    log.warn("could not lower the worker's CPU priority", { wanted: config.BERTH_WORKER_NICE, error: errorField(e) });
  }
  log.info("worker starting", { harbor: config.HARBOR_URL, nice });

  await guardAuditTrail({ db: db.pool });
  await refuseWithoutPermissions(harbor, db, config.HARBOR_USERNAME, log);
  if (stopping) return;
  const provisioning = provisioningConfigFromEnv(config);
  running.worker = startWorker({ prisma: db.prisma, pool: db.pool, harbor, config: provisioning, workerId: defaultWorkerId("worker"), log, onEvent: observeWorkerEvent });
  const notify = notifyConfigFromEnv(config);
  running.scheduler = startScheduler({ db: db.prisma, pool: db.pool, harbor, config: provisioning, reviews: reviewConfigFromEnv(config), log, notify: { baseUrl: notify.baseUrl, digestHourUtc: notify.digestHourUtc } });
  running.notifier = startNotifier({ pool: db.pool, config: notify, describeRequest, workerId: running.worker.workerId, log });
  log.info("harbor", { url: config.HARBOR_URL });
  registerStateGauges(() => db.pool, { expiryWarningDays: config.BERTH_POLICY_EXPIRY_WARNING_DAYS });
  // metrics on their own port, only with a token: the worker serves nothing else
  if (!config.BERTH_METRICS_TOKEN) return;
  const server = await startMetricsServer({ port: config.BERTH_WORKER_METRICS_PORT, token: config.BERTH_METRICS_TOKEN });
  if (stopping) return void (await server.close());
  running.metricsServer = server;
  log.info("metrics listening", { port: server.port, path: "/metrics" });
}

main().catch((e: unknown) => {
  process.stderr.write(`[berth-worker] could not start: ${e instanceof Error ? e.message : "unknown error"}\n`);
  process.exit(1);
});
