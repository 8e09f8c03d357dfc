// `npm run worker`: the provisioning worker and scheduler as their own process (BERTH_WORKER=off in the web tier).
import { createDatabase } from "../lib/db";
import { ConfigError, env } from "../lib/env";
import { createHarborClient } from "../lib/harbor";
import { provisioningConfigFromEnv } from "../lib/provisioning/config";
import { reviewConfigFromEnv } from "../lib/reviews/config";
import { startScheduler } from "../lib/background/scheduler";
import { defaultWorkerId, lineLogger, startWorker } from "../lib/provisioning/worker";

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
  const log = lineLogger("[berth-worker]", (line) => process.stdout.write(`${line}\n`), config.BERTH_LOG_LEVEL);
  const db = createDatabase(config.DATABASE_URL, { max: config.BERTH_WORKER_CONCURRENCY + 4 });
  const harbor = createHarborClient({
    baseUrl: config.HARBOR_URL,
    username: config.HARBOR_USERNAME,
    password: config.HARBOR_PASSWORD,
    timeoutMs: config.HARBOR_TIMEOUT_MS,
    maxRetries: config.HARBOR_MAX_RETRIES,
  });
  const provisioning = provisioningConfigFromEnv(config);
  const worker = startWorker({ prisma: db.prisma, pool: db.pool, harbor, config: provisioning, workerId: defaultWorkerId("worker"), log });
  const scheduler = startScheduler({ db: db.prisma, pool: db.pool, harbor, config: provisioning, reviews: reviewConfigFromEnv(config), log });
  log.info("harbor", { url: config.HARBOR_URL });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info("stopping", { signal });
    await scheduler.stop();
    await worker.stop();
    await db.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((e: unknown) => {
  process.stderr.write(`[berth-worker] could not start: ${e instanceof Error ? e.message : "unknown error"}\n`);
  process.exit(1);
});
