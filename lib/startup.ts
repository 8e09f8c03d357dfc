import "server-only";
import { ConfigError, env } from "./env";
import { logger } from "./log";

/** Node.js server start-up: refuse to run with bad configuration. */
export function checkConfiguration() {
  try {
    env();
  } catch (e) {
    if (e instanceof ConfigError) {
      logger().error(`${e.message}\nFix these settings (see README.md, "Configuration") and start again.`);
      process.exit(1);
    }
    throw e;
  }
}

/** Starts the provisioning worker and scheduler inside this server unless they run separately (BERTH_WORKER=off). */
export async function startBackgroundWork() {
  const { installShutdown, startInProcessWorker } = await import("./background/in-process");
  installShutdown();
  if (env().BERTH_WORKER !== "in-process") return;
  startInProcessWorker();
}
