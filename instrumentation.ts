// Runs once when the Next.js server starts: refuse to start with bad configuration or with a database role that could
// rewrite the audit trail, then start the in-process worker.
export async function register() {
  // NEXT_RUNTIME is replaced at build time, so the Edge bundle drops the Node.js-only start-up below.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // before anything serves: every request gets its socket address stamped on, for the audit trail
  const { installPeerAddressHook } = await import("./lib/auth/request-facts");
  installPeerAddressHook();
  const { checkConfiguration, guardAuditTrail, startBackgroundWork } = await import("./lib/startup");
  checkConfiguration();
  const { observeHttp } = await import("./lib/metrics");
  observeHttp();
  await guardAuditTrail();
  await startBackgroundWork();
}
