// `npm run worker`: the provisioning worker and scheduler as their own process (BERTH_WORKER=off in the web tier).
import { createDatabase } from "../lib/db";
import { ConfigError, env } from "../lib/env";
import { createHarborClient } from "../lib/harbor";
import { provisioningConfigFromEnv } from "../lib/provisioning/config";
import { startScheduler } from "../lib/background/scheduler";
import { createLogger, errorField, setLogger } from "../lib/log";
import { observeWorkerEvent, registerStateGauges, startMetricsServer } from "../lib/metrics";
import { observeHarbor } from "../lib/harbor-instance";
import { defaultWorkerId, startWorker } from "../lib/provisioning/worker";

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
  const db = createDatabase(config.DATABASE_URL, { max: config.BERTH_WORKER_CONCURRENCY + 4 });
  const harbor = createHarborClient({
    baseUrl: config.HARBOR_URL,
    username: config.HARBOR_USERNAME,
    password: config.HARBOR_PASSWORD,
    timeoutMs: config.HARBOR_TIMEOUT_MS,
    maxRetries: config.HARBOR_MAX_RETRIES,
    onCall: observeHarbor(log),
  });
  const provisioning = provisioningConfigFromEnv(config);
  const worker = startWorker({ prisma: db.prisma, pool: db.pool, harbor, config: provisioning, workerId: defaultWorkerId("worker"), log, onEvent: observeWorkerEvent });
  const scheduler = startScheduler({ db: db.prisma, pool: db.pool, harbor, config: provisioning, log });
  log.info("harbor", { url: config.HARBOR_URL });
  registerStateGauges(() => db.pool, { expiryWarningDays: config.BERTH_POLICY_EXPIRY_WARNING_DAYS });
  // metrics on their own port, only with a token: the worker serves nothing else
  const metricsServer = config.BERTH_METRICS_TOKEN ? await startMetricsServer({ port: config.BERTH_WORKER_METRICS_PORT, token: config.BERTH_METRICS_TOKEN }) : null;
  if (metricsServer) log.info("metrics listening", { port: metricsServer.port, path: "/metrics" });

  let stopping = false;
  // SIGTERM: claim nothing more, let running jobs finish (or hand them back to the queue), close the pool, exit.
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info("stopping", { signal });
    try {
      await scheduler.stop();
      await worker.stop();
      await metricsServer?.close();
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
}

main().catch((e: unknown) => {
  process.stderr.write(`[berth-worker] could not start: ${e instanceof Error ? e.message : "unknown error"}\n`);
  process.exit(1);
});
