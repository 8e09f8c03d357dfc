// npm run manifests -- render <overlay-dir>      prints the rendered manifests (no kubectl needed)
// npm run manifests -- check [<overlay-dir> …]   renders and checks them (default: every overlay of deploy/kubernetes)
import fs from "node:fs";
import path from "node:path";
import { compareRenderings, findKubectl, kubectlKustomize } from "./kubectl";
import { KustomizeError, kustomize, toYaml } from "./kustomize";
import { checkManifests } from "./validate";

const OVERLAYS = path.resolve(import.meta.dirname, "../../deploy/kubernetes/overlays");

function usage(): never {
  console.error("usage: npm run manifests -- render <overlay-dir>\n       npm run manifests -- check [<overlay-dir> …]");
  process.exit(2);
}

async function check(dirs: string[]): Promise<number> {
  const kubectl = findKubectl();
  console.log(kubectl ? `kubectl ${kubectl.version} (kustomize ${kubectl.kustomize}) found: each overlay is also rendered by it and compared` : "kubectl not found on PATH: rendering with the built-in renderer only, nothing to compare with");
  let problems = 0;
  for (const dir of dirs) {
    const objects = kustomize(dir);
    const findings = await checkManifests(objects);
    const differences = kubectl ? compareRenderings(objects, kubectlKustomize(dir)) : [];
    problems += findings.length + differences.length;
    console.log(`${path.relative(process.cwd(), dir) || dir}: ${objects.length} objects, ${findings.length} problems${kubectl ? `, ${differences.length ? `${differences.length} differences from` : "same as"} kubectl kustomize` : ""}`);
    for (const f of findings) console.log(`  ${f.object}: ${f.message}`);
    for (const d of differences) console.log(`  ${d}`);
  }
  return problems ? 1 : 0;
}

const [command, ...args] = process.argv.slice(2);
try {
  if (command === "render" && args.length === 1) process.stdout.write(toYaml(kustomize(args[0]!)));
  else if (command === "check") {
    const dirs = args.length ? args : fs.readdirSync(OVERLAYS).map((d) => path.join(OVERLAYS, d));
    process.exitCode = await check(dirs);
  } else usage();
} catch (e) {
  if (!(e instanceof KustomizeError)) throw e;
  console.error(e.message);
  process.exitCode = 1;
}
