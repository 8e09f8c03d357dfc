import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startHarborEmulator, type HarborEmulator } from "../../dev/harbor-emulator";
import type { AuditContext } from "../../lib/audit/types";
import type { Principal } from "../../lib/authz/principal";
import { decideRequest } from "../../lib/governance/decisions";
import { DomainError } from "../../lib/core/errors";
import { requestInput } from "../../lib/core/payloads";
import type { PolicyConfig } from "../../lib/governance/policy";
import { cancelRequest, submitRequest, type GovernanceDeps } from "../../lib/governance/requests";
import { createHarborClient, type HarborClient } from "../../lib/harbor";
import { startWorker } from "../../lib/provisioning/worker";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { principalOf } from "../helpers/principals";

const policy: PolicyConfig = { selfServiceQuotaGiB: 100, maxQuotaGiB: 10240, externalGroupPattern: "ext-*", externalMaxRoleId: 2, externalMaxDays: 90, internalMaxDays: 365, robotMaxDays: 180 };
const ctx = (p: Principal): AuditContext => ({ actor: { type: "user", id: p.id, name: p.name, groups: p.groups }, sourceIp: "127.0.0.1", userAgent: "vitest" });

let database: TestDatabase;
let emulator: HarborEmulator;
let deps: GovernanceDeps;
let harbor: HarborClient;
const alice = principalOf("alice");
const bob = principalOf("bob");
const erin = principalOf("erin");

async function submit(who: Principal, input: Record<string, unknown>) {
  return submitRequest(deps, who, requestInput.parse(input), ctx(who));
}

async function refusal(work: Promise<unknown>): Promise<DomainError> {
  try {
    await work;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

const counts = async () => ({
  requests: await database.prisma.request.count(),
  approvals: await database.prisma.approval.count(),
  jobs: await database.prisma.provisioningJob.count(),
  events: await database.prisma.auditEvent.count(),
});

async function activeProject(name: string, ownerGroup = "finance-devs") {
  await database.prisma.project.create({ data: { name, ownerGroup, template: "standard", quotaGiB: 20, state: "ACTIVE", harborId: 1 } });
}

beforeAll(async () => {
  database = await createTestDatabase({ max: 30 });
  emulator = await startHarborEmulator({ port: 0 });
  harbor = createHarborClient({ baseUrl: emulator.url, username: "admin", password: "Harbor12345", timeoutMs: 3000 });
  deps = {
    db: database.prisma,
    policy,
    now: new Date(),
    harborProjectExists: async (name) => (await harbor.projectExists(name)).exists,
    harborRobotExists: async (project, robot) => {
      const p = await harbor.getProject(project);
      return !!p && (await harbor.listProjectRobots(p.projectId)).robots.some((r) => r.name === `robot$${project}+${robot}`);
    },
  };
});
afterAll(async () => {
  await emulator?.close();
  await database?.drop();
});
beforeEach(() => {
  deps.now = new Date();
});

describe("submitting", () => {
  it("records a pending request with its policy checks and an audit event in one go", async () => {
    const before = await counts();
    const { id, number } = await submit(alice, { kind: "NEW_PROJECT", projectName: "finance-api", ownerGroup: "finance-devs", template: "standard", quotaGiB: 20, justification: "Finance team needs a registry project" });
    const request = await database.prisma.request.findUniqueOrThrow({ where: { id } });
    expect(request).toMatchObject({ state: "PENDING", requiredApprovals: 1, requesterId: alice.id, projectName: "finance-api", subjectKey: "project", number });
    expect((request.policyChecks as { id: string; pass: boolean }[]).every((c) => c.pass)).toBe(true);
    const events = await database.prisma.auditEvent.findMany({ where: { requestId: id } });
    expect(events.map((e) => e.action)).toEqual(["request.created"]);
    expect(events[0]).toMatchObject({ actorId: alice.id, actorName: alice.name, sourceIp: "127.0.0.1" });
    expect(await counts()).toEqual({ ...before, requests: before.requests + 1, events: before.events + 1 });
  });

  it("refuses what policy refuses and changes nothing", async () => {
    await activeProject("ledger");
    const before = await counts();
    const error = await refusal(submit(alice, { kind: "GROUP_ACCESS", projectName: "ledger", groupName: "ext-acme", roleId: 4, endsAt: "", justification: "Vendor needs to maintain images" }));
    expect(error.code).toBe("POLICY");
    expect(error.fieldErrors?.roleId?.[0]).toMatch(/more than Developer/);
    expect(error.fieldErrors?.endsAt?.[0]).toMatch(/end date is required/);
    expect(await counts()).toEqual(before);
  });

  it("refuses a name Harbor already has outside Berth", async () => {
    const harbor = createHarborClient({ baseUrl: emulator.url, username: "admin", password: "Harbor12345" });
    await harbor.ensureProject({ name: "legacy-app", metadata: { public: "false" }, storageLimitBytes: -1 });
    const error = await refusal(submit(alice, { kind: "NEW_PROJECT", projectName: "legacy-app", ownerGroup: "finance-devs", template: "strict", quotaGiB: 5, justification: "Taking over the old project" }));
    expect(error.fieldErrors?.projectName?.[0]).toBe("legacy-app already exists in Harbor (outside Berth).");
  });

  it("refuses a second open request for the same subject, even when both race", async () => {
    await activeProject("race-proj");
    const input = { kind: "GROUP_ACCESS", projectName: "race-proj", groupName: "qa-team", roleId: 3, justification: "QA reads release images" };
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => submit(alice, input)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await database.prisma.request.count({ where: { projectName: "race-proj" } })).toBe(1);
  });

  it("lets the requester cancel a pending request, and only then", async () => {
    await activeProject("cancel-proj");
    const { id } = await submit(alice, { kind: "GROUP_ACCESS", projectName: "cancel-proj", groupName: "qa-team", roleId: 3, justification: "QA reads release images" });
    expect((await refusal(cancelRequest(database.prisma, bob, id, ctx(bob)))).code).toBe("NOT_FOUND");
    await cancelRequest(database.prisma, alice, id, ctx(alice));
    expect((await database.prisma.request.findUniqueOrThrow({ where: { id } })).state).toBe("CANCELLED");
    expect((await refusal(cancelRequest(database.prisma, alice, id, ctx(alice)))).code).toBe("CONFLICT");
  });
});

describe("deciding", () => {
  it("never lets an approver decide their own request — the database refuses it too", async () => {
    await activeProject("self-proj", "registry-admins");
    const { id } = await submit(bob, { kind: "ROBOT_ACCOUNT", projectName: "self-proj", robotName: "puller", preset: "pull", lifetimeDays: 30, justification: "Cluster pulls images" });
    const before = await counts();
    const error = await refusal(decideRequest(deps, bob, { requestId: id, decision: "APPROVE" }, ctx(bob)));
    expect(error.code).toBe("FORBIDDEN");
    expect(await counts()).toEqual(before);
    // Bypassing the application: the trigger refuses the row.
    await expect(database.prisma.approval.create({ data: { requestId: id, approverId: bob.id, approverName: bob.name, decision: "APPROVE" } })).rejects.toThrow(/cannot decide their own request/);
    const outcome = await decideRequest(deps, erin, { requestId: id, decision: "APPROVE" }, ctx(erin));
    expect(outcome.state).toBe("APPROVED");
  });

  it("needs two different approvers for Project Admin; the same approver twice counts once", async () => {
    await activeProject("admin-proj");
    const { id } = await submit(alice, { kind: "GROUP_ACCESS", projectName: "admin-proj", groupName: "platform-admins", roleId: 1, justification: "Platform team administers the project" });
    expect((await database.prisma.request.findUniqueOrThrow({ where: { id } })).requiredApprovals).toBe(2);
    expect(await decideRequest(deps, bob, { requestId: id, decision: "APPROVE" }, ctx(bob))).toEqual({ state: "PENDING", approvals: 1, requiredApprovals: 2 });
    const again = await refusal(decideRequest(deps, bob, { requestId: id, decision: "APPROVE" }, ctx(bob)));
    expect(again.code).toBe("CONFLICT");
    expect(await database.prisma.provisioningJob.count({ where: { requestId: id } })).toBe(0);
    expect(await decideRequest(deps, erin, { requestId: id, decision: "APPROVE" }, ctx(erin))).toEqual({ state: "APPROVED", approvals: 2, requiredApprovals: 2 });
    expect(await database.prisma.provisioningJob.count({ where: { requestId: id } })).toBe(1);
    const actions = (await database.prisma.auditEvent.findMany({ where: { requestId: id }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions.slice(0, 5)).toEqual(["request.created", "approval.recorded", "approval.recorded", "request.approved", "job.queued"]);
  });

  it("commits the decision and exactly one job when 20 approvers click at once: one grant, one Harbor member", async () => {
    await harbor.ensureProject({ name: "busy-proj", metadata: { public: "false" }, storageLimitBytes: -1 });
    await activeProject("busy-proj");
    const { id } = await submit(alice, { kind: "GROUP_ACCESS", projectName: "busy-proj", groupName: "qa-team", roleId: 3, justification: "QA reads release images" });
    const approvers = Array.from({ length: 20 }, (_, i) => ({ ...bob, id: `approver-${i}`, name: `Approver ${i}` }));
    const results = await Promise.allSettled(approvers.map((a) => decideRequest(deps, a, { requestId: id, decision: "APPROVE" }, ctx(a))));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect((r.reason as DomainError).code).toBe("CONFLICT");
    expect(await database.prisma.approval.count({ where: { requestId: id } })).toBe(1);
    expect(await database.prisma.provisioningJob.count({ where: { requestId: id } })).toBe(1);
    expect(await database.prisma.grant.count({ where: { requestId: id } })).toBe(1);

    const worker = startWorker({
      prisma: database.prisma,
      pool: database.pool,
      harbor,
      config: { secretsKey: Buffer.alloc(32, 1), secretRevealHours: 24, leaseSeconds: 30, concurrency: 4, schedulerIntervalSeconds: 60, driftCheckSeconds: 0, auditVerifyHours: 0, pollIntervalMs: 200, backoffBaseMs: 50, backoffMaxMs: 200 },
    });
    try {
      await worker.drain();
    } finally {
      await worker.stop();
    }
    expect(await database.prisma.grant.findMany({ where: { requestId: id }, select: { state: true } })).toEqual([{ state: "ACTIVE" }]);
    const members = await harbor.listMembers("busy-proj", "qa-team");
    expect(members.members.filter((m) => m.entityName === "qa-team")).toHaveLength(1);
  });

  it("requires a reason to reject and closes the request", async () => {
    await activeProject("reject-proj");
    const { id } = await submit(alice, { kind: "GROUP_ACCESS", projectName: "reject-proj", groupName: "qa-team", roleId: 3, justification: "QA reads release images" });
    expect((await refusal(decideRequest(deps, bob, { requestId: id, decision: "REJECT" }, ctx(bob)))).code).toBe("INVALID");
    await decideRequest(deps, bob, { requestId: id, decision: "REJECT", comment: "Use the shared QA robot instead" }, ctx(bob));
    expect((await database.prisma.request.findUniqueOrThrow({ where: { id } })).state).toBe("REJECTED");
    expect((await refusal(decideRequest(deps, erin, { requestId: id, decision: "APPROVE" }, ctx(erin)))).code).toBe("CONFLICT");
  });

  it("re-checks policy at approval: a project that stopped being active cannot get new access", async () => {
    await activeProject("gone-proj");
    const { id } = await submit(alice, { kind: "GROUP_ACCESS", projectName: "gone-proj", groupName: "qa-team", roleId: 3, justification: "QA reads release images" });
    await database.prisma.project.update({ where: { name: "gone-proj" }, data: { state: "FAILED" } });
    const error = await refusal(decideRequest(deps, bob, { requestId: id, decision: "APPROVE" }, ctx(bob)));
    expect(error.code).toBe("POLICY");
    expect((await database.prisma.request.findUniqueOrThrow({ where: { id } })).state).toBe("PENDING");
  });
});

describe("robot names Harbor already uses (issue 10, 1)", () => {
  it("refuses a robot whose name a robot Berth does not manage already has in Harbor, and changes nothing", async () => {
    await harbor.ensureProject({ name: "depot", metadata: { public: "false" }, storageLimitBytes: 2 ** 30 });
    await database.prisma.project.create({ data: { name: "depot", ownerGroup: "finance-devs", template: "standard", quotaGiB: 1, state: "ACTIVE", harborId: (await harbor.getProject("depot"))!.projectId } });
    await harbor.createRobot({ project: "depot", name: "deployer", durationDays: 30, permissions: [{ resource: "repository", action: "pull" }] });
    const before = await counts();
    const refusal = await submit(alice, { kind: "ROBOT_ACCOUNT", projectName: "depot", robotName: "deployer", description: "", preset: "pull", permissions: [], lifetimeDays: 30, justification: "Cluster pulls for the depot service." }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).fieldErrors?.robotName).toEqual(["A robot with this name (robot$depot+deployer) exists in Harbor and is not managed by Berth."]);
    expect(await counts()).toEqual(before);
    // another name is fine
    const ok = await submit(alice, { kind: "ROBOT_ACCOUNT", projectName: "depot", robotName: "puller", description: "", preset: "pull", permissions: [], lifetimeDays: 30, justification: "Cluster pulls for the depot service." });
    expect(ok.number).toBeGreaterThan(0);
  });
});
