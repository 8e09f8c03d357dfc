// Runs once when the Next.js server starts: refuse to start with bad configuration, then start the in-process worker.
export async function register() {
  const { env, isNodeServerRuntime, ConfigError } = await import("./lib/env");
  if (!isNodeServerRuntime()) return;
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
