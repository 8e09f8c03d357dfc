import "server-only";
import { env } from "./env";
import { createHarborClient, type HarborCall, type HarborClient } from "./harbor";
import { logger, type Logger } from "./log";
import { observeHarborCall } from "./metrics";

const globalForHarbor = globalThis as unknown as { berthHarbor?: HarborClient };

/** The Harbor client's onCall hook for a process: the call's metrics, and a debug line carrying Harbor's X-Request-Id. */
export function observeHarbor(log: Logger): (call: HarborCall) => void {
  return (call) => {
    observeHarborCall(call);
    log.debug("harbor call", { method: call.method, path: call.path, status: call.status, attempt: call.attempt, durationMs: call.durationMs, harborRequestId: call.requestId });
  };
}

/** The process-wide Harbor client, configured from HARBOR_URL / HARBOR_USERNAME / HARBOR_PASSWORD. */
export function harbor(): HarborClient {
  const config = env();
  globalForHarbor.berthHarbor ??= createHarborClient({
    baseUrl: config.HARBOR_URL,
    username: config.HARBOR_USERNAME,
    password: config.HARBOR_PASSWORD,
    timeoutMs: config.HARBOR_TIMEOUT_MS,
    maxRetries: config.HARBOR_MAX_RETRIES,
    onCall: observeHarbor(logger()),
  });
  return globalForHarbor.berthHarbor;
}
