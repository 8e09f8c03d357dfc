// `npm run harbor:types`: regenerates lib/harbor/generated/ from Harbor's official API document.
//
// Harbor publishes Swagger 2.0; openapi-typescript reads OpenAPI 3 only, so the document is converted with
// swagger2openapi first. The document itself is copied next to the types (checksum verified) because the
// contract tests and the emulator read it at run time and must not depend on a checkout outside the repo.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import yaml from "js-yaml";
import openapiTS, { astToString } from "openapi-typescript";

const root = path.resolve(import.meta.dirname, "..");
const outDir = path.join(root, "lib/harbor/generated");
const DOC_NAME = "harbor-v2.15.2.swagger.yaml";
// sha256 of api/v2.0/swagger.yaml at goharbor/harbor tag v2.15.2 (commit 080b0220574cc853ae1e2946ce7a5610ba855757).
const DOC_SHA256 = "9be2b505d4c6baba40e6d646eac2b0aa4ff11f938727ae1eaa491ca01ebf71c7";

interface Swagger2OpenApi {
  convertObj(doc: unknown, options: { patch: boolean; warnOnly: boolean }): Promise<{ openapi: unknown }>;
}
const swagger2openapi = createRequire(import.meta.url)("swagger2openapi") as Swagger2OpenApi;

function sha256(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

function readDocument(): Buffer {
  const candidates = [process.argv[2], path.join(root, "../shared/harbor", DOC_NAME), path.join(outDir, DOC_NAME)].filter(
    (p): p is string => Boolean(p),
  );
  for (const candidate of candidates) {
    if (!fs.existsSync(candidate)) continue;
    const data = fs.readFileSync(candidate);
    if (sha256(data) !== DOC_SHA256) throw new Error(`${candidate} is not Harbor v2.15.2's swagger.yaml (sha256 mismatch)`);
    console.log(`Reading ${path.relative(root, candidate)}`);
    return data;
  }
  throw new Error(`No copy of ${DOC_NAME} found (looked in: ${candidates.join(", ")})`);
}

async function main() {
  const data = readDocument();
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, DOC_NAME), data);

  const swagger = yaml.load(data.toString("utf8"));
  const { openapi } = await swagger2openapi.convertObj(swagger, { patch: true, warnOnly: true });
  const ast = await openapiTS(openapi as Parameters<typeof openapiTS>[0], { alphabetize: true });
  const header = [
    "// GENERATED FILE - do not edit.",
    `// Types for Harbor's REST API v2.0, from ${DOC_NAME} (goharbor/harbor tag v2.15.2, sha256 ${DOC_SHA256.slice(0, 12)}…).`,
    "// Regenerate with `npm run harbor:types` (scripts/generate-harbor-types.ts: swagger2openapi, then openapi-typescript).",
    "",
  ].join("\n");
  fs.writeFileSync(path.join(outDir, "harbor.d.ts"), header + astToString(ast));
  console.log(`Wrote ${path.relative(root, path.join(outDir, "harbor.d.ts"))}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
