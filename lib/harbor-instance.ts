import "server-only";
import { env } from "./env";
import { createHarborClient, type HarborClient } from "./harbor";

const globalForHarbor = globalThis as unknown as { berthHarbor?: HarborClient };

/** The process-wide Harbor client, configured from HARBOR_URL / HARBOR_USERNAME / HARBOR_PASSWORD. */
export function harbor(): HarborClient {
  const config = env();
  globalForHarbor.berthHarbor ??= createHarborClient({
    baseUrl: config.HARBOR_URL,
    username: config.HARBOR_USERNAME,
    password: config.HARBOR_PASSWORD,
    timeoutMs: config.HARBOR_TIMEOUT_MS,
    maxRetries: config.HARBOR_MAX_RETRIES,
  });
  return globalForHarbor.berthHarbor;
}
