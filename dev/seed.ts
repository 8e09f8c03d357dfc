import type { AuditContext } from "../lib/audit/types";
import { createDatabase } from "../lib/db";
import { parseEnv } from "../lib/env";
import { decideRequest } from "../lib/governance/decisions";
import { requestInput } from "../lib/core/payloads";
import { policyFromEnv } from "../lib/governance/policy";
import { submitRequest, type GovernanceDeps } from "../lib/governance/requests";
import { createHarborClient } from "../lib/harbor";
import { provisioningConfigFromEnv } from "../lib/provisioning/config";
import { startWorker } from "../lib/provisioning/worker";
import type { Principal } from "../lib/authz/principal";
import { demoPrincipal } from "./idp/users";

export interface SeedOptions {
  databaseUrl: string;
  env: NodeJS.ProcessEnv;
  log: (msg: string) => void;
}

/**
 * Demo data for an empty embedded database, made the way people make it: requests submitted and approved through
 * the governance functions and provisioned into the Harbor emulator by the worker, so the trail is real.
 */
export async function seedDemo({ databaseUrl, env, log }: SeedOptions): Promise<void> {
  const config = parseEnv(env);
  const database = createDatabase(databaseUrl);
  try {
    if ((await database.prisma.request.count()) > 0) return;
    log("seeding demo data (a project, access, a robot and two pending requests)…");
    const harbor = createHarborClient({ baseUrl: config.HARBOR_URL, username: config.HARBOR_USERNAME, password: config.HARBOR_PASSWORD });
    const deps: GovernanceDeps = {
      db: database.prisma,
      now: new Date(),
      policy: policyFromEnv(config),
      harborProjectExists: async (name) => (await harbor.projectExists(name)).exists,
    };
    const ctx = (p: Principal): AuditContext => ({ actor: { type: "user", id: p.id, name: p.name, groups: p.groups }, userAgent: "berth demo seed" });
    const [alice, bob, erin] = ["alice", "bob", "erin"].map((u) => demoPrincipal(u)) as [Principal, Principal, Principal];
    const submit = (who: Principal, input: Record<string, unknown>) => submitRequest(deps, who, requestInput.parse(input), ctx(who));
    const approve = (who: Principal, requestId: string, comment: string) => decideRequest(deps, who, { requestId, decision: "APPROVE", comment }, ctx(who));
    const worker = startWorker({ prisma: database.prisma, pool: database.pool, harbor, config: provisioningConfigFromEnv(config) });
    try {
      const project = await submit(alice, { kind: "NEW_PROJECT", projectName: "payments", ownerGroup: "finance-devs", template: "standard", quotaGiB: 50, justification: "Images of the payments service and its batch jobs." });
      await approve(bob, project.id, "Standard template, quota within the self-service limit.");
      await worker.drain();
      const access = await submit(alice, { kind: "GROUP_ACCESS", projectName: "payments", groupName: "ext-acme", roleId: 3, endsAt: new Date(Date.now() + 60 * 86400_000).toISOString().slice(0, 10), justification: "Acme's auditors pull the release images during the migration project." });
      await approve(erin, access.id, "Guest, 60 days: fine for the migration.");
      const robot = await submit(alice, { kind: "ROBOT_ACCOUNT", projectName: "payments", robotName: "deploy", preset: "pull", lifetimeDays: 90, justification: "The production cluster pulls payments images." });
      await approve(bob, robot.id, "Pull only, 90 days.");
      await worker.drain();
      await submit(alice, { kind: "GROUP_ACCESS", projectName: "payments", groupName: "qa-team", roleId: 2, justification: "QA pushes test fixtures images for the payments service." });
      await submit(bob, { kind: "NEW_PROJECT", projectName: "platform-tools", ownerGroup: "registry-admins", template: "strict", quotaGiB: 10, justification: "Base images maintained by the platform team." });
    } finally {
      await worker.stop();
    }
  } finally {
    await database.close();
  }
}
