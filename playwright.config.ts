import fs from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { toolEnv } from "./dev/tool-env";

const tool = toolEnv();
const port = tool.E2E_PORT;
const baseURL = `http://localhost:${port}`;
// Debian's chromium where Playwright's own browser cannot be downloaded (ADR 005).
const executablePath = tool.CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export const E2E = {
  baseURL,
  /** The launcher's mail catcher (viewer and JSON API) and the chat receiver the notification spec starts. */
  mailUrl: `http://127.0.0.1:${port + 20}`,
  chatPort: port + 7,
  idpUrl: `http://127.0.0.1:${port + 1010}`,
  harborUrl: `http://127.0.0.1:${port + 5085}`,
  idpAdminToken: "e2e-idp-admin-token",
  groupsRefreshSeconds: 4,
};

// Chat channels and the webhook subscription of the end-to-end run post to a receiver the notification specs start
// (e2e/06-notify.spec.ts, e2e/08-delivery-log.spec.ts); while none runs, their deliveries wait and are retried.
const notifyConfig = path.join(process.cwd(), ".data", `e2e-notify-${port}.json`);
fs.mkdirSync(path.dirname(notifyConfig), { recursive: true });
fs.writeFileSync(
  notifyConfig,
  JSON.stringify({
    chat: [
      { name: "admins", format: "slack", url: `http://127.0.0.1:${E2E.chatPort}/slack`, roles: ["approver"] },
      { name: "finance", format: "teams", url: `http://127.0.0.1:${E2E.chatPort}/teams`, roles: ["requester", "owner"] },
    ],
    webhooks: [{ name: "ci-bot", url: `http://127.0.0.1:${E2E.chatPort}/ci-bot`, secret: "e2e-ci-bot-signing-key", events: ["request.submitted"] }],
  }),
);

export default defineConfig({
  testDir: "e2e",
  testMatch: /.*\.spec\.ts$/,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: true,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL,
    // no action waits without limit: inside expect(...).toPass a stuck click would use up every retry
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 900 } } }],
  webServer: {
    // The whole stack as `npm run dev` starts it, but on a production build and a fresh data directory, and with
    // Berth on its least-privilege Harbor robot instead of admin.
    command: `node_modules/.bin/tsx --conditions=react-server dev/start.ts --prod --fresh --no-seed --harbor-robot --data-dir .data/e2e --port ${port} --idp-port ${port + 1010} --harbor-port ${port + 5085} --mail-port ${port + 20} --smtp-port ${port + 21}`,
    url: `${baseURL}/api/ready`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      DATABASE_URL: "",
      OIDC_ISSUER: "",
      HARBOR_URL: "",
      NEXTAUTH_URL: "",
      DEMO_IDP_ADMIN_TOKEN: E2E.idpAdminToken,
      BERTH_GROUPS_REFRESH_SECONDS: String(E2E.groupsRefreshSeconds),
      BERTH_SCHEDULER_INTERVAL_SECONDS: "2",
      BERTH_DRIFT_CHECK_SECONDS: "2",
      BERTH_JOB_LEASE_SECONDS: "10",
      BERTH_SMTP_HOST: "",
      BERTH_NOTIFY_CONFIG: notifyConfig,
      // access reviews: Harbor's audit log read every 2 s, and the test may move a review's deadline (demo stack only)
      BERTH_USAGE_CHECK_SECONDS: "2",
      BERTH_E2E_CONTROLS: "on",
    },
  },
});
