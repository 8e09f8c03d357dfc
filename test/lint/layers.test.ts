import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const eslint = new ESLint({ cwd: root });

/** The layer errors ESLint reports for `code` as if it were the file at `file`. */
async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === "berth/layers").map((m) => m.message);
}

describe("the layering of docs/architecture.md, enforced by lint", () => {
  // ESLint loads its configuration and plugins on the first file: seconds on a busy machine, not a test's business
  beforeAll(() => layerErrors("lib/core/probe.ts", "export const x = 1;\n"), 120_000);

  it("refuses an upward import: the audit trail may not import the domain", async () => {
    const errors = await layerErrors("lib/audit/probe.ts", `import { evaluatePolicy } from "@/lib/governance/policy";\nexport const x = evaluatePolicy;\n`);
    expect(errors).toEqual([expect.stringContaining("lib/audit may not import lib/governance")]);
  });

  it("refuses it written as a relative path too", async () => {
    const errors = await layerErrors("lib/provisioning/flows/probe.ts", `import { submitRequest } from "../../governance/requests";\nexport const x = submitRequest;\n`);
    expect(errors).toEqual([expect.stringContaining("lib/provisioning may not import lib/governance")]);
  });

  it("keeps the core free of everything above it", async () => {
    expect(await layerErrors("lib/core/probe.ts", `import { env } from "../env";\nexport const x = env;\n`)).toEqual([expect.stringContaining("lib/core may not import lib/env")]);
  });

  it("keeps test and tool code out of lib", async () => {
    expect(await layerErrors("lib/harbor/probe.ts", `import { harborContract } from "@/dev/harbor-emulator/contract";\nexport const x = harborContract;\n`)).toEqual([expect.stringContaining("production code only")]);
  });

  it("lets components load only the vocabulary and the server actions, and anything as a type", async () => {
    expect(await layerErrors("components/probe.tsx", `import { db } from "@/lib/db";\nexport const x = db;\n`)).toEqual([expect.stringContaining("components import values only from lib/core and lib/actions")]);
    expect(await layerErrors("components/probe.tsx", `import type { Db } from "@/lib/db";\nimport { roleLabel } from "@/lib/core/roles";\nexport type X = Db;\nexport const y = roleLabel;\n`)).toEqual([]);
  });

  it("keeps route handlers off components", async () => {
    expect(await layerErrors("app/api/probe/route.ts", `import { Button } from "@/components/ui/button";\nexport const x = Button;\n`)).toEqual([expect.stringContaining("route handlers call lib/")]);
  });

  it("allows the declared downward imports", async () => {
    expect(await layerErrors("lib/governance/probe.ts", `import { queueRemoval } from "../provisioning/enqueue";\nimport { appendAuditEvents } from "@/lib/audit/append";\nexport const x = [queueRemoval, appendAuditEvents];\n`)).toEqual([]);
  });
});
