import "server-only";
import { database } from "../db";
import { env } from "../env";
import { harbor } from "../harbor-instance";
import { provisioningConfigFromEnv } from "../provisioning/config";
import { reviewConfigFromEnv } from "../reviews/config";
import { startScheduler, type Scheduler } from "./scheduler";
import { defaultWorkerId, lineLogger, startWorker, type Worker } from "../provisioning/worker";

interface InProcess {
  worker: Worker;
  scheduler: Scheduler;
  stop(): Promise<void>;
}

const KEY = Symbol.for("berth.provisioning.in-process");
const globalStore = globalThis as unknown as { [KEY]?: InProcess };

/**
 * The worker and scheduler inside the Next.js server (BERTH_WORKER=in-process, the default). Kept on globalThis
 * so a hot reload of this module does not start a second worker in the same process.
 */
export function startInProcessWorker(): InProcess {
  const existing = globalStore[KEY];
  if (existing) return existing;
  const config = env();
  const { prisma, pool } = database();
  const log = lineLogger("[berth-worker]", (line) => console.log(line), config.BERTH_LOG_LEVEL);
  const provisioning = provisioningConfigFromEnv(config);
  const worker = startWorker({ prisma, pool, harbor: harbor(), config: provisioning, workerId: defaultWorkerId("in-process"), log });
  const scheduler = startScheduler({ db: prisma, pool, harbor: harbor(), config: provisioning, reviews: reviewConfigFromEnv(config), log });
  const handle: InProcess = {
    worker,
    scheduler,
    async stop() {
      await scheduler.stop();
      await worker.stop();
      if (globalStore[KEY] === handle) delete globalStore[KEY];
    },
  };
  globalStore[KEY] = handle;
  return handle;
}
