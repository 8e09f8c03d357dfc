// The client suite against a real Harbor: set HARBOR_URL, HARBOR_USERNAME and HARBOR_PASSWORD (admin, or Berth's
// system robot as docs/harbor.md describes it). It creates and deletes projects named berth-it-<random>-p<n>.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect } from "vitest";
import { toolEnv } from "@/dev/tool-env";
import { createHarborClient, type HarborClient } from "./client";
import { clientSuite } from "../../test/harbor/client-suite";
import { contractCheckedFetch } from "../../dev/harbor-emulator/contract";

const env = toolEnv();
const configured = Boolean(env.HARBOR_URL && env.HARBOR_USERNAME && env.HARBOR_PASSWORD);
if (!configured) {
  console.warn("[harbor] real-Harbor client suite skipped: set HARBOR_URL, HARBOR_USERNAME and HARBOR_PASSWORD to run it (see docs/harbor.md)");
}

describe.skipIf(!configured)(`client suite against the real Harbor at ${env.HARBOR_URL ?? "(unset)"}`, () => {
  const violations: string[] = [];
  const baseUrl = (env.HARBOR_URL ?? "").replace(/\/+$/, "");
  const prefix = `berth-it-${randomBytes(3).toString("hex")}`;
  let client: HarborClient | undefined;
  // Built on first use: the body of a skipped describe still runs while tests are collected.
  const target = () => {
    client ??= createHarborClient({
      baseUrl,
      username: env.HARBOR_USERNAME ?? "",
      password: env.HARBOR_PASSWORD ?? "",
      timeoutMs: 20_000,
      // Requests and Harbor's own answers are both held to the document: a real Harbor checks our validator too.
      fetch: contractCheckedFetch(violations, undefined, true),
    });
    return { baseUrl, client, username: env.HARBOR_USERNAME ?? "", prefix };
  };

  afterAll(() => {
    expect(violations).toEqual([]);
  });

  clientSuite(target);
});
