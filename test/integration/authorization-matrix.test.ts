import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startHarborEmulator, type HarborEmulator } from "../../dev/harbor-emulator";
import { executeAction, type ActionDefinition, type ActionErrorCode } from "../../lib/actions/define";
import * as defs from "../../lib/actions/definitions";
import * as reviewDefs from "../../lib/actions/review-definitions";
import type { Principal } from "../../lib/authz/principal";
import { setEnvForTests } from "../../lib/env";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { useTestAppEnv } from "../helpers/app-env";
import { ALL_DEMO, principalOf, type DemoName } from "../helpers/principals";
import type { z } from "zod";

// Every server action called directly (not through the UI) by each demo user: refused where policy says so,
// and a refusal changes nothing. Then every route handler of access reviews, with the session's principal stubbed.
const session = vi.hoisted(() => ({ principal: null as Principal | null }));
vi.mock("../../lib/authz/principal", async (importOriginal) => ({ ...(await importOriginal<object>()), getPrincipal: async () => session.principal }));

let database: TestDatabase;
let emulator: HarborEmulator;
const ids = { aliceRequest: "", bobRequest: "", grant: "", failedJob: "", secretRequest: "", ownerGrant: "", definition: "", campaign: "", reviewItem: "" };

const meta = { sourceIp: "10.0.0.1", userAgent: "matrix", portalRequestId: "test", clientRequestId: null };
type Outcome = "ok" | ActionErrorCode;

async function call(def: ActionDefinition<z.ZodType, unknown>, who: DemoName | null, input: unknown): Promise<Outcome> {
  const res = await executeAction(def, who ? principalOf(who) : null, input, { db: database.prisma, meta });
  return res.ok ? "ok" : res.code;
}

const snapshot = async () => ({
  requests: await database.prisma.request.findMany({ select: { id: true, state: true }, orderBy: { id: "asc" } }),
  approvals: await database.prisma.approval.count(),
  jobs: await database.prisma.provisioningJob.findMany({ select: { id: true, state: true }, orderBy: { id: "asc" } }),
  grants: await database.prisma.grant.findMany({ select: { id: true, state: true }, orderBy: { id: "asc" } }),
  secrets: await database.prisma.robotSecret.findMany({ select: { id: true, revealedAt: true }, orderBy: { id: "asc" } }),
  events: await database.prisma.auditEvent.count(),
  deliveries: await database.prisma.notifyDelivery.findMany({ select: { id: true, state: true }, orderBy: { id: "asc" } }),
  choices: await database.prisma.notifyPreference.findMany({ select: { personId: true, muted: true, digest: true }, orderBy: { personId: "asc" } }),
  reviews: await database.prisma.reviewDefinition.findMany({ select: { id: true, nextStartAt: true }, orderBy: { id: "asc" } }),
  campaigns: await database.prisma.reviewCampaign.findMany({ select: { id: true, deadlineAt: true, closedAt: true }, orderBy: { id: "asc" } }),
  decisions: await database.prisma.reviewDecision.count(),
});

beforeAll(async () => {
  database = await createTestDatabase();
  emulator = await startHarborEmulator({ port: 0 });
  useTestAppEnv({ databaseUrl: database.url, harborUrl: emulator.url });
  const p = database.prisma;
  const project = await p.project.create({ data: { name: "finance-api", ownerGroup: "finance-devs", template: "standard", quotaGiB: 20, state: "ACTIVE", harborId: 1 } });
  const base = { justification: "fixture request for the matrix", policyChecks: [], projectName: "finance-api" };
  const aliceReq = await p.request.create({ data: { ...base, kind: "GROUP_ACCESS", payload: { projectName: "finance-api", groupName: "qa", roleId: 3, replacesGrantId: null, previousRoleId: null }, requesterId: principalOf("alice").id, requesterName: "Alice", requesterGroups: ["team-leads", "finance-devs"], subjectKey: "group:qa" } });
  const bobReq = await p.request.create({ data: { ...base, kind: "GROUP_ACCESS", payload: { projectName: "finance-api", groupName: "ops", roleId: 3, replacesGrantId: null, previousRoleId: null }, requesterId: principalOf("bob").id, requesterName: "Bob", requesterGroups: ["registry-admins"], subjectKey: "group:ops" } });
  const doneReq = await p.request.create({ data: { ...base, kind: "GROUP_ACCESS", state: "ACTIVE", payload: { projectName: "finance-api", groupName: "devs", roleId: 2, replacesGrantId: null, previousRoleId: null }, requesterId: principalOf("alice").id, requesterName: "Alice", requesterGroups: ["finance-devs"], subjectKey: "group:devs" } });
  const grant = await p.grant.create({ data: { projectId: project.id, projectName: "finance-api", subjectType: "GROUP", subjectName: "devs", roleId: 2, state: "ACTIVE", startsAt: new Date(), requestId: doneReq.id, harborMemberId: 7 } });
  const job = await p.provisioningJob.create({ data: { kind: "PROVISION", state: "FAILED", requestId: doneReq.id, lastError: "fixture" } });
  Object.assign(ids, { aliceRequest: aliceReq.id, bobRequest: bobReq.id, grant: grant.id, failedJob: job.id, secretRequest: doneReq.id });
  // an access review of finance-api, running: its one item is for finance-devs' team leads
  const definition = await p.reviewDefinition.create({ data: { name: "Matrix review", scope: "PROJECT", scopeValue: "finance-api", subjects: "BOTH", reviewers: "OWNER_TEAM_LEADS", durationDays: 14, recurrenceDays: 180, deadlineOutcome: "REMOVE", nextStartAt: new Date(Date.now() + 180 * 86400_000), createdById: "sub-bob", createdByName: "Bob" } });
  const now = new Date();
  const campaign = await p.reviewCampaign.create({ data: { definitionId: definition.id, scheduledFor: now, name: "Matrix review", scope: "PROJECT", scopeValue: "finance-api", subjects: "BOTH", reviewers: "OWNER_TEAM_LEADS", deadlineOutcome: "REMOVE", startedAt: now, escalateAt: new Date(now.getTime() + 12 * 86400_000), deadlineAt: new Date(now.getTime() + 14 * 86400_000), startedBy: "sub-bob", startedByName: "Bob", itemCount: 1 } });
  const item = await p.reviewItem.create({ data: { campaignId: campaign.id, grantId: grant.id, projectId: project.id, projectName: "finance-api", ownerGroup: "finance-devs", subjectType: "GROUP", subjectName: "devs", roleId: 2, grantStartsAt: grant.startsAt, requestId: doneReq.id, requestNumber: doneReq.number, requesterId: doneReq.requesterId, requesterName: "Alice", approvers: [], reviewerGroup: "finance-devs", excludedIds: [] } });
  Object.assign(ids, { definition: definition.id, campaign: campaign.id, reviewItem: item.id });
});
afterAll(async () => {
  const { database: processDatabase } = await import("../../lib/db");
  await processDatabase().close();
  await emulator?.close();
  await database?.drop();
});

// Expected outcome per user; refusals carry the code the caller sees.
const MATRIX: { name: string; def: () => ActionDefinition<z.ZodType, unknown>; input: () => unknown; expect: Record<DemoName, Outcome> }[] = [
  {
    name: "submit-request",
    def: () => defs.submitRequestAction,
    input: () => ({ kind: "NEW_PROJECT", projectName: "matrix-probe", ownerGroup: "no-such-group", template: "standard", quotaGiB: 1, justification: "probing the permission check" }),
    // requesters and approvers reach policy (which refuses the foreign owner group); others are refused first
    expect: { alice: "POLICY", bob: "POLICY", erin: "POLICY", carol: "FORBIDDEN", dave: "FORBIDDEN" },
  },
  {
    name: "decide-request (alice's request)",
    def: () => defs.decideRequestAction,
    input: () => ({ requestId: ids.aliceRequest, decision: "REJECT" }),
    // approvers get as far as the missing reason; nobody else gets that far
    expect: { alice: "FORBIDDEN", bob: "INVALID", erin: "INVALID", carol: "FORBIDDEN", dave: "FORBIDDEN" },
  },
  {
    name: "decide-request (bob's own request)",
    def: () => defs.decideRequestAction,
    input: () => ({ requestId: ids.bobRequest, decision: "APPROVE" }),
    expect: { alice: "FORBIDDEN", bob: "FORBIDDEN", erin: "ok", carol: "FORBIDDEN", dave: "FORBIDDEN" },
  },
  {
    name: "cancel-request (alice's request)",
    def: () => defs.cancelRequestAction,
    input: () => ({ requestId: ids.aliceRequest }),
    expect: { alice: "ok", bob: "NOT_FOUND", erin: "NOT_FOUND", carol: "FORBIDDEN", dave: "FORBIDDEN" },
  },
  {
    name: "reveal-secret (alice's request, nothing sealed)",
    def: () => defs.revealSecretAction,
    input: () => ({ requestId: ids.secretRequest }),
    expect: { alice: "NOT_FOUND", bob: "NOT_FOUND", erin: "NOT_FOUND", carol: "FORBIDDEN", dave: "FORBIDDEN" },
  },
  {
    name: "retry-job",
    def: () => defs.retryJobAction,
    input: () => ({ jobId: "00000000-0000-4000-8000-000000000000" }),
    expect: { alice: "FORBIDDEN", bob: "NOT_FOUND", erin: "NOT_FOUND", carol: "FORBIDDEN", dave: "FORBIDDEN" },
  },
  {
    name: "revoke-grant (finance-api, owned by finance-devs)",
    def: () => defs.revokeGrantAction,
    input: () => ({ grantId: ids.grant, reason: "" }),
    // everyone allowed to revoke gets as far as the empty reason
    expect: { alice: "INVALID", bob: "INVALID", erin: "INVALID", carol: "FORBIDDEN", dave: "FORBIDDEN" },
  },
  {
    name: "retry-delivery (no such delivery)",
    def: () => defs.retryDeliveryAction,
    input: () => ({ deliveryId: "00000000-0000-4000-8000-000000000000" }),
    expect: { alice: "FORBIDDEN", bob: "NOT_FOUND", erin: "NOT_FOUND", carol: "FORBIDDEN", dave: "FORBIDDEN" },
  },
  {
    name: "save-notification-choices (own)",
    def: () => defs.saveNotificationChoicesAction,
    input: () => ({ shown: ["request.approved"], receive: [] }),
    expect: { alice: "ok", bob: "ok", erin: "ok", carol: "FORBIDDEN", dave: "FORBIDDEN" },
  },
  {
    name: "define-review (a project Berth does not manage)",
    def: () => reviewDefs.defineReviewAction,
    input: () => ({ name: "Matrix probe", scope: "PROJECT", scopeValue: "no-such-project" }),
    // approvers reach the check of the project; nobody else may define a review
    expect: { alice: "FORBIDDEN", bob: "INVALID", erin: "INVALID", carol: "FORBIDDEN", dave: "FORBIDDEN" },
  },
  {
    name: "start-review (an unknown review)",
    def: () => reviewDefs.startReviewAction,
    input: () => ({ definitionId: "00000000-0000-4000-8000-000000000000" }),
    expect: { alice: "FORBIDDEN", bob: "NOT_FOUND", erin: "NOT_FOUND", carol: "FORBIDDEN", dave: "FORBIDDEN" },
  },
  {
    name: "stop-review-schedule (the matrix review)",
    def: () => reviewDefs.stopReviewScheduleAction,
    input: () => ({ definitionId: ids.definition }),
    expect: { alice: "FORBIDDEN", bob: "ok", erin: "ok", carol: "FORBIDDEN", dave: "FORBIDDEN" },
  },
  {
    name: "decide-review-items (an item for finance-devs' team leads)",
    def: () => reviewDefs.decideReviewItemsAction,
    input: () => ({ itemIds: [ids.reviewItem], decision: "KEEP", reason: "the devs still ship from here" }),
    // approvers are not its reviewers until it is routed or escalated to them: it reads as missing
    expect: { alice: "ok", bob: "NOT_FOUND", erin: "NOT_FOUND", carol: "FORBIDDEN", dave: "FORBIDDEN" },
  },
  {
    name: "check-project-name",
    def: () => defs.checkProjectNameAction,
    input: () => ({ projectName: "free-name" }),
    expect: { alice: "ok", bob: "ok", erin: "ok", carol: "FORBIDDEN", dave: "FORBIDDEN" },
  },
];

describe("authorization matrix", () => {
  it("covers every action the portal exposes", () => {
    const covered = new Set(MATRIX.map((m) => m.def().name));
    expect([...covered].sort()).toEqual([...defs.ALL_ACTIONS, ...reviewDefs.REVIEW_ACTIONS].map((a) => a.name).sort());
  });

  it("refuses every action to a caller without a session", async () => {
    for (const row of MATRIX) expect(await call(row.def(), null, row.input())).toBe("UNAUTHENTICATED");
  });

  for (const row of MATRIX) {
    it(`${row.name}: ${Object.entries(row.expect).map(([u, o]) => `${u} ${o}`).join(", ")}`, async () => {
      // refusals first, each checked to leave everything as it was; the allowed call (at most one that changes state) last
      const order = [...ALL_DEMO].sort((a, b) => Number(row.expect[a] === "ok") - Number(row.expect[b] === "ok"));
      for (const user of order) {
        const before = await snapshot();
        const outcome = await call(row.def(), user, row.input());
        expect({ user, outcome }).toEqual({ user, outcome: row.expect[user] });
        if (outcome !== "ok") expect(await snapshot()).toEqual(before);
      }
    });
  }

  it("lets the owner group's requester revoke, but not someone outside the project", async () => {
    const outsider = { ...principalOf("alice", ["team-leads", "payments-devs"]), id: "sub-outsider" };
    const res = await executeAction(defs.revokeGrantAction, outsider, { grantId: ids.grant, reason: "not my project" }, { db: database.prisma, meta });
    expect(res.ok ? "ok" : res.code).toBe("NOT_FOUND");
    const owner = await executeAction(defs.revokeGrantAction, principalOf("alice"), { grantId: ids.grant, reason: "contract ended" }, { db: database.prisma, meta });
    expect(owner.ok).toBe(true);
    expect(await database.prisma.provisioningJob.count({ where: { grantId: ids.grant, kind: "REVOKE" } })).toBe(1);
  });
});

describe("authorization matrix: access reviews' route handlers", () => {
  async function exportAs(who: DemoName | null, campaign = ids.campaign, format = "csv") {
    session.principal = who ? principalOf(who) : null;
    const { GET } = await import("../../app/api/reviews/[id]/export/route");
    return GET(new Request(`http://localhost/api/reviews/${campaign}/export?format=${format}`), { params: Promise.resolve({ id: campaign }) });
  }
  async function moveDeadlineAs(who: DemoName | null, campaign = ids.campaign) {
    session.principal = who ? principalOf(who) : null;
    const { POST } = await import("../../app/api/e2e/reviews/[id]/deadline/route");
    return POST(new Request(`http://localhost/api/e2e/reviews/${campaign}/deadline`, { method: "POST" }), { params: Promise.resolve({ id: campaign }) });
  }

  it("GET /api/reviews/{id}/export: 401 without a session, 403 to requesters and users without roles, the report to auditors and approvers", async () => {
    const outcomes: Record<string, number> = {};
    for (const who of [null, ...ALL_DEMO] as (DemoName | null)[]) {
      const res = await exportAs(who);
      outcomes[who ?? "anonymous"] = res.status;
      const body = await res.text();
      if (res.status === 200) expect(body.split("\n")[0]).toMatch(/^# berth-export chain-head-seq=\d+ /);
      else expect(body).not.toContain("devs");
    }
    expect(outcomes).toEqual({ anonymous: 401, alice: 403, bob: 200, erin: 200, carol: 200, dave: 403 });
    expect((await exportAs("carol", "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await exportAs("carol", "not-a-uuid")).status).toBe(404);
    expect((await exportAs("carol", ids.campaign, "xlsx")).status).toBe(422);
  });

  it("POST /api/e2e/reviews/{id}/deadline: refused to all but approvers, and absent (404) unless the e2e controls are on the demo stack", async () => {
    const before = await snapshot();
    const outcomes: Record<string, number> = {};
    for (const who of [null, ...ALL_DEMO] as (DemoName | null)[]) outcomes[who ?? "anonymous"] = (await moveDeadlineAs(who)).status;
    expect(outcomes).toEqual({ anonymous: 401, alice: 403, bob: 404, erin: 404, carol: 403, dave: 403 });
    expect(await snapshot()).toEqual(before);
    setEnvForTests({ BERTH_E2E_CONTROLS: "on", BERTH_DEMO_STANDINS: "postgres,idp,harbor" });
    try {
      expect((await moveDeadlineAs("alice")).status).toBe(403);
      expect(await snapshot()).toEqual(before);
      const res = await moveDeadlineAs("bob");
      expect(res.status).toBe(200);
      const moved = await database.prisma.reviewCampaign.findUniqueOrThrow({ where: { id: ids.campaign } });
      expect(moved.deadlineAt.getTime()).toBeLessThanOrEqual(Date.now());
      expect(await database.prisma.auditEvent.count({ where: { action: "review.campaign.deadline_moved", actorId: "sub-bob" } })).toBe(1);
    } finally {
      setEnvForTests({ BERTH_E2E_CONTROLS: undefined, BERTH_DEMO_STANDINS: undefined });
    }
  });
});
