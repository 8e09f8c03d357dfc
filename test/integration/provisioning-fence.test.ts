import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProvisioningHarbor } from "../../lib/provisioning/steps";
import { runOnce } from "../../lib/provisioning/worker";
import { silentLogger } from "../../lib/log";
import { activeProject, approve, provisioningEnv, type ProvisioningEnv } from "./fixtures/provisioning";

// A worker that stalls past its lease while Harbor answers must not record over the worker that took the job:
// the job's closing statement (which also records the last step) is fenced on the lease.

let env: ProvisioningEnv;

beforeAll(async () => {
  env = await provisioningEnv();
  await activeProject(env, "fenced");
});
afterAll(async () => {
  await env?.close();
});

describe("the last step of a job whose lease was taken over", () => {
  it("records nothing: the step stays RUNNING, the grant PENDING, the request PROVISIONING, and no success event is written", async () => {
    const { requestId, jobId } = await approve(env, "GROUP_ACCESS", { projectName: "fenced", groupName: "late-team", roleId: 3, replacesGrantId: null, previousRoleId: null });
    // Harbor answers, but meanwhile another worker has taken the job (as when this one stalled past its lease)
    const stalling: ProvisioningHarbor = {
      ...env.harbor,
      ensureGroupMember: async (...args: Parameters<ProvisioningHarbor["ensureGroupMember"]>) => {
        const answer = await env.harbor.ensureGroupMember(...args);
        await env.db.prisma.provisioningJob.update({ where: { id: jobId }, data: { lockedBy: "the-other-worker" } });
        return answer;
      },
    };
    const eventsBefore = await env.db.prisma.auditEvent.count();

    const run = await runOnce({ pool: env.db.pool, harbor: stalling, config: env.config, workerId: "stalled", clock: () => new Date(), log: silentLogger });

    expect(run).toEqual({ jobId, outcome: "LEASE_LOST" });
    const job = await env.db.prisma.provisioningJob.findUniqueOrThrow({ where: { id: jobId }, include: { steps: true, grant: true, request: true } });
    expect(job).toMatchObject({ state: "RUNNING", lockedBy: "the-other-worker" });
    expect(job.steps.map((s) => [s.key, s.state])).toEqual([["member.ensure", "RUNNING"]]);
    expect(job.grant).toMatchObject({ state: "PENDING", harborMemberId: null });
    expect(job.request).toMatchObject({ id: requestId, state: "PROVISIONING" });
    // the claim's request.provisioning was written before Harbor was called; nothing after it
    const written = await env.db.prisma.auditEvent.findMany({ where: { seq: { gt: eventsBefore } }, orderBy: { seq: "asc" }, select: { action: true } });
    expect(written.map((e) => e.action)).toEqual(["request.provisioning"]);
  });
});
