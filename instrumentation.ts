// Runs once when the Next.js server starts: refuse to start with bad configuration, then start the in-process worker.
export async function register() {
  // NEXT_RUNTIME is replaced at build time, so the Edge bundle drops the Node.js-only start-up below.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkConfiguration, startBackgroundWork } = await import("./lib/startup");
  checkConfiguration();
  const { observeHttp } = await import("./lib/metrics");
  observeHttp();
  await startBackgroundWork();
}
