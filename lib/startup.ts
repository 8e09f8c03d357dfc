import "server-only";
import { ConfigError, env } from "./env";

/** Node.js server start-up: refuse to run with bad configuration. */
export function checkConfiguration() {
  try {
    env();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`[berth] ${e.message}\n[berth] Fix the settings above (see README.md, "Configuration") and start again.`);
      process.exit(1);
    }
    throw e;
  }
}

/** Starts the provisioning worker and scheduler inside this server unless they run separately (BERTH_WORKER=off). */
export async function startBackgroundWork() {
  if (env().BERTH_WORKER !== "in-process") return;
  const { startInProcessWorker } = await import("./background/in-process");
  startInProcessWorker();
}
