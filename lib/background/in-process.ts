import "server-only";
import { closeDatabase, database } from "../db";
import { env } from "../env";
import { harbor } from "../harbor-instance";
import { errorField, logger } from "../log";
import { observeWorkerEvent } from "../metrics";
import { provisioningConfigFromEnv } from "../provisioning/config";
import { reviewConfigFromEnv } from "../reviews/config";
import { startScheduler, type Scheduler } from "./scheduler";
import { stopTogether } from "./stop";
import { defaultWorkerId, startWorker, type Worker } from "../provisioning/worker";
import { describeRequest } from "../governance/kinds";
import { notifyConfigFromEnv, startNotifier, type Notifier } from "../notify";

interface InProcess {
  worker: Worker;
  scheduler: Scheduler;
  notifier: Notifier;
  stop(): Promise<void>;
}

const KEY = Symbol.for("berth.provisioning.in-process");
const SHUTDOWN_KEY = Symbol.for("berth.shutdown-installed");
const globalStore = globalThis as unknown as { [KEY]?: InProcess; [SHUTDOWN_KEY]?: boolean };

/**
 * The worker and scheduler inside the Next.js server (BERTH_WORKER=in-process, the default). Kept on globalThis
 * so a hot reload of this module does not start a second worker in the same process.
 */
export function startInProcessWorker(): InProcess {
  const existing = globalStore[KEY];
  if (existing) return existing;
  const config = env();
  const { prisma, pool } = database();
  const log = logger();
  const provisioning = provisioningConfigFromEnv(config);
  const worker = startWorker({ prisma, pool, harbor: harbor(), config: provisioning, workerId: defaultWorkerId("in-process"), log, onEvent: observeWorkerEvent });
  const notify = notifyConfigFromEnv(config);
  const scheduler = startScheduler({ db: prisma, pool, harbor: harbor(), config: provisioning, reviews: reviewConfigFromEnv(config), log, notify: { baseUrl: notify.baseUrl, digestHourUtc: notify.digestHourUtc } });
  const notifier = startNotifier({ pool, config: notify, describeRequest, workerId: worker.workerId, log });
  const handle: InProcess = {
    worker,
    scheduler,
    notifier,
    async stop() {
      await stopTogether([scheduler, notifier, worker]);
      if (globalStore[KEY] === handle) delete globalStore[KEY];
    },
  };
  globalStore[KEY] = handle;
  return handle;
}

/** What this server does when told to stop: the in-process worker finishes or hands back its jobs, then the pool closes. */
export async function shutDown(signal: string): Promise<void> {
  const log = logger();
  log.info("stopping", { signal });
  try {
    await globalStore[KEY]?.stop();
    await closeDatabase();
    log.info("stopped", { signal });
  } catch (e) {
    log.error("could not stop cleanly", { error: errorField(e) });
  }
}

/**
 * Runs shutDown on SIGTERM and SIGINT before the handlers already installed (Next.js closes its HTTP server and
 * exits in its own), so the process exits only after jobs were finished or released. Without such handlers the
 * process exits itself afterwards.
 */
export function installShutdown(): void {
  if (globalStore[SHUTDOWN_KEY]) return;
  globalStore[SHUTDOWN_KEY] = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    const earlier = process.listeners(signal);
    process.removeAllListeners(signal);
    let once = false;
    process.on(signal, () => {
      if (once) return;
      once = true;
      void shutDown(signal).finally(() => {
        if (earlier.length === 0) process.exit(0);
        for (const listener of earlier) listener(signal);
      });
    });
  }
}
