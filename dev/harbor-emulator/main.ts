// `npm run emulator:harbor`: the Harbor emulator on its own, for curl and any other Harbor client.
import path from "node:path";
import { toolEnv } from "../tool-env";
import { startHarborEmulator } from "./index";

async function main() {
  const tool = toolEnv();
  const port = tool.PORT ?? tool.HARBOR_EMULATOR_PORT;
  const stateFile = path.resolve(tool.BERTH_DATA_DIR, "harbor-emulator.json");
  const emulator = await startHarborEmulator({ port, stateFile });
  console.log(`Harbor emulator (v2.15 API, OIDC auth mode) listening on ${emulator.url}`);
  console.log(`  admin / ${emulator.adminPassword}   (basic auth, like a fresh Harbor)`);
  console.log(`  state: ${stateFile}`);
  console.log(`  try:   curl -u admin:${emulator.adminPassword} ${emulator.url}/api/v2.0/projects`);
  console.log(`  faults: curl -X PUT -d '{"errorRate":0.3}' ${emulator.url}/__emulator/faults`);
  const stop = () => {
    emulator.close().finally(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
