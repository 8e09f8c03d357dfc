import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { startHarborEmulator, type HarborEmulator } from "../../dev/harbor-emulator";
import { executeAction, type ActionDefinition } from "../../lib/actions/define";
import * as defs from "../../lib/actions/definitions";
import { verifyChainAction } from "../../lib/actions/audit-definitions";
import { accessAt, accessAtQuerySchema, eventLog, eventLogFiltersSchema, grantHistory, grantHistoryFiltersSchema, parseListQuery } from "../../lib/audit";
import { parseWithFieldErrors } from "../../lib/core/validation";
import { approvalQueue, grantFilters, listGrants, myRequests, queueFilters, requestListFilters } from "../../lib/governance/queries";
import * as reviewDefs from "../../lib/actions/review-definitions";
import { defineReview } from "../../lib/reviews/campaigns";
import { reviewDefinitionInput } from "../../lib/reviews/inputs";
import { inboxFiltersSchema, reviewerInbox } from "../../lib/reviews/queries";
import { deliveryLog, parseDeliveryLogQuery } from "../../lib/notify/queries";
import { ctxOf, reviewConfig } from "./fixtures/reviews";
import { prepared } from "../../lib/sql";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { TEST_NEXTAUTH_SECRET, useTestAppEnv } from "../helpers/app-env";
import { unsubscribeKey, unsubscribeToken } from "../../lib/notify/unsubscribe-token";
import { principalOf } from "../helpers/principals";

// Issue 10, 8: every server action's input and every query parser driven with generated hostile input, seeded and
// reproducible (FC_SEED picks another run). No input may end in an internal error, every refusal names a field,
// and a refused input writes nothing.
const SEED = Number(process.env.FC_SEED ?? 20261204); // eslint-disable-line no-restricted-properties -- the test's own knob, not app configuration
const RUNS = 1000;

let database: TestDatabase;
let emulator: HarborEmulator;
const meta = { sourceIp: "10.0.0.9", userAgent: "fast-check", portalRequestId: "hostile", clientRequestId: null };
const ids = { pending: "", grant: "", failedJob: "", definition: "", item: "" };

// what people type, and what attackers type: hidden characters, huge strings, wrong types, prototype keys
const HOSTILE_STRINGS = ["\u0000", "\u202e", "\u200b", "\u2028", "\ufeff", "\u0007", "%00", "' OR 1=1 --", "${7*7}", "<script>x</script>", "../../etc/passwd", "0000-01-01", "9999-99-99", "-1", "1e309", "NaN", "true", "[]", "{}", "robot$x+y", " ", "", "ä".repeat(3000)];
const hostileString = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 40 }), fc.uuid());
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.oneof(hostileString, fc.constantFrom("__proto__", "constructor", "prototype")), tie("value"), { maxKeys: 3 }),
  ),
})).value;

/** An object shaped like the action's own input, with hostile values and keys mixed in. */
function inputLike(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const shaped = fc.record(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, fc.oneof(v, hostileValue)])), { requiredKeys: [] });
  return fc.oneof(shaped, fc.tuple(shaped, fc.dictionary(hostileString, hostileValue, { maxKeys: 2 })).map(([a, b]) => ({ ...a, ...b })), hostileValue);
}

const uuidish = () => fc.oneof(fc.uuid(), fc.constantFrom(ids.pending, ids.grant, ids.failedJob, ids.definition, ids.item));
const ACTIONS: { def: () => ActionDefinition<z.ZodType, unknown>; input: () => fc.Arbitrary<unknown> }[] = [
  {
    def: () => defs.submitRequestAction,
    input: () =>
      inputLike({
        kind: fc.constantFrom("NEW_PROJECT", "GROUP_ACCESS", "ROBOT_ACCOUNT", "ROBOT_ROTATION", "GRANT_EXTENSION", "QUOTA_CHANGE"),
        projectName: fc.constantFrom("hostile", "Hostile", "hostile-api", ""),
        groupName: fc.constantFrom("ext-acme", "finance-devs", "a,b"),
        ownerGroup: fc.constantFrom("finance-devs", "team-leads"),
        template: fc.constantFrom("standard", "strict"),
        roleId: fc.oneof(fc.integer({ min: -2, max: 9 }), fc.constant(true), fc.constant([5])),
        quotaGiB: fc.oneof(fc.integer(), fc.constant("20")),
        robotName: fc.constantFrom("ci", "CI", "a--b"),
        preset: fc.constantFrom("pull", "push-pull", "custom"),
        permissions: fc.array(fc.constantFrom("repository:pull", "member:create", "x:y"), { maxLength: 3 }),
        lifetimeDays: fc.oneof(fc.integer(), fc.constant("never")),
        endsAt: fc.constantFrom("2027-01-03", "0000-01-01", "2027-02-30", "+275760-09-13T00:00:00Z"),
        timeZone: fc.constantFrom("Europe/Berlin", "Mars/Olympus"),
        grantId: uuidish(),
        justification: fc.constantFrom("Needed for the hostile input run.", "short"),
      }),
  },
  { def: () => defs.cancelRequestAction, input: () => inputLike({ requestId: uuidish() }) },
  { def: () => defs.decideRequestAction, input: () => inputLike({ requestId: uuidish(), decision: fc.constantFrom("APPROVE", "REJECT", "approve"), comment: hostileString }) },
  { def: () => defs.revealSecretAction, input: () => inputLike({ requestId: uuidish() }) },
  { def: () => defs.retryJobAction, input: () => inputLike({ jobId: uuidish() }) },
  { def: () => defs.revokeGrantAction, input: () => inputLike({ grantId: uuidish(), reason: hostileString }) },
  { def: () => defs.checkProjectNameAction, input: () => inputLike({ projectName: hostileString }) },
  { def: () => verifyChainAction, input: () => inputLike({}) },
  { def: () => defs.retryDeliveryAction, input: () => inputLike({ deliveryId: uuidish() }) },
  {
    def: () => defs.saveNotificationChoicesAction,
    input: () =>
      inputLike({
        shown: fc.array(fc.constantFrom("request.approved", "request.submitted", "chain.broken", "digest", "nonsense"), { maxLength: 4 }),
        receive: fc.oneof(fc.array(fc.constantFrom("request.approved", "drift.found", "job.failed"), { maxLength: 3 }), fc.constantFrom("request.approved")),
        digest: fc.constantFrom("on", "off", true, false, 1),
      }),
  },
  {
    def: () => reviewDefs.defineReviewAction,
    input: () =>
      inputLike({
        name: fc.constantFrom("Hostile review", "x", ""),
        scope: fc.constantFrom("ALL", "PATTERN", "PROJECT", "all"),
        scopeValue: fc.constantFrom("hostile-*", "hostile-api", "A*", ""),
        subjects: fc.constantFrom("GROUPS", "ROBOTS", "BOTH"),
        reviewers: fc.constantFrom("OWNER_TEAM_LEADS", "APPROVERS"),
        durationDays: fc.oneof(fc.integer({ min: -1, max: 400 }), fc.constant(true), fc.constant([5])),
        recurrence: fc.constantFrom("every", "once"),
        recurrenceDays: fc.oneof(fc.integer(), fc.constant("180")),
        deadlineOutcome: fc.constantFrom("REMOVE", "KEEP_AND_ESCALATE"),
        start: fc.constantFrom("now", "at"),
        startAt: fc.constantFrom("2027-01-03T10:00", "0000-01-01", "+275760-09-13T00:00:00Z", "2027-02-30"),
      }),
  },
  { def: () => reviewDefs.startReviewAction, input: () => inputLike({ definitionId: uuidish() }) },
  { def: () => reviewDefs.stopReviewScheduleAction, input: () => inputLike({ definitionId: uuidish() }) },
  {
    def: () => reviewDefs.decideReviewItemsAction,
    input: () =>
      inputLike({
        itemIds: fc.oneof(fc.array(uuidish(), { maxLength: 3 }), uuidish()),
        decision: fc.constantFrom("KEEP", "SHORTEN", "LOWER_ROLE", "REMOVE", "keep"),
        reason: fc.oneof(hostileString, fc.constant("Still needed by the team.")),
        newRoleId: fc.oneof(fc.integer({ min: -2, max: 9 }), fc.constant(true), fc.constant([5])),
        newEndsAt: fc.constantFrom("2027-01-03", "0000-01-01", "2027-02-30", "+275760-09-13T00:00:00Z"),
        timeZone: fc.constantFrom("Europe/Berlin", "Mars/Olympus"),
      }),
  },
];

/** Everything a refused input must leave as it was, read in one round trip: counts and the latest change per table. */
const rows = async () =>
  (
    await database.pool.query(`SELECT
      (SELECT count(*) FROM "Request")::int AS requests, (SELECT max("updatedAt") FROM "Request") AS "requestChanged",
      (SELECT count(*) FROM "Approval")::int AS approvals,
      (SELECT count(*) FROM "ProvisioningJob")::int AS jobs, (SELECT max("updatedAt") FROM "ProvisioningJob") AS "jobChanged",
      (SELECT count(*) FROM "Grant")::int AS grants, (SELECT max("updatedAt") FROM "Grant") AS "grantChanged",
      (SELECT count(*) FROM "RobotSecret")::int AS secrets,
      (SELECT seq::text FROM "AuditHead" WHERE id = 1) AS "auditHead",
      (SELECT count(*) FROM "AuditCheckpoint")::int AS checkpoints,
      (SELECT count(*) FROM "NotifyPreference")::int AS preferences, (SELECT max("updatedAt") FROM "NotifyPreference") AS "preferenceChanged",
      (SELECT max("updatedAt") FROM "NotifyDelivery") AS "deliveryChanged",
      (SELECT count(*) FROM "ReviewDefinition")::int AS "reviewDefinitions", (SELECT max("updatedAt") FROM "ReviewDefinition") AS "reviewDefinitionChanged",
      (SELECT count(*) FROM "ReviewCampaign")::int AS campaigns, (SELECT count(*) FROM "ReviewDecision")::int AS "reviewDecisions"`)
  ).rows[0];

beforeAll(async () => {
  database = await createTestDatabase();
  emulator = await startHarborEmulator({ port: 0 });
  useTestAppEnv({ databaseUrl: database.url, harborUrl: emulator.url });
  const p = database.prisma;
  const project = await p.project.create({ data: { name: "hostile-api", ownerGroup: "finance-devs", template: "standard", quotaGiB: 20, state: "ACTIVE", harborId: 1 } });
  const base = { justification: "fixture for the hostile input run", policyChecks: [], projectName: "hostile-api" };
  const pending = await p.request.create({ data: { ...base, kind: "GROUP_ACCESS", payload: { projectName: "hostile-api", groupName: "qa", roleId: 3, replacesGrantId: null, previousRoleId: null }, requesterId: principalOf("alice").id, requesterName: "Alice", requesterGroups: ["finance-devs"], subjectKey: "group:qa" } });
  const done = await p.request.create({ data: { ...base, kind: "GROUP_ACCESS", state: "ACTIVE", payload: { projectName: "hostile-api", groupName: "devs", roleId: 2, replacesGrantId: null, previousRoleId: null }, requesterId: principalOf("alice").id, requesterName: "Alice", requesterGroups: ["finance-devs"], subjectKey: "group:devs" } });
  const grant = await p.grant.create({ data: { projectId: project.id, projectName: "hostile-api", subjectType: "GROUP", subjectName: "devs", roleId: 2, state: "ACTIVE", startsAt: new Date(), requestId: done.id } });
  const job = await p.provisioningJob.create({ data: { kind: "PROVISION", state: "SUCCEEDED", requestId: done.id } });
  const review = await defineReview({ db: p, config: reviewConfig(), now: new Date() }, principalOf("bob"), reviewDefinitionInput.parse({ name: "Hostile fixture", scope: "PROJECT", scopeValue: "hostile-api" }), ctxOf(principalOf("bob")));
  const item = await p.reviewItem.findFirstOrThrow({ where: { campaignId: review.campaign!.id } });
  Object.assign(ids, { pending: pending.id, grant: grant.id, failedJob: job.id, definition: review.definitionId, item: item.id });
});
afterAll(async () => {
  await emulator?.close();
  await database?.drop();
});

describe("every server action under generated hostile input", () => {
  for (const action of ACTIONS) {
    it(`${action.def().name}: ${RUNS} inputs, none internal, every refusal named, none written`, async () => {
      const def = action.def();
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom("alice", "bob", "carol"), action.input(), async (who, input) => {
          const before = await rows();
          const res = await executeAction(def, principalOf(who as "alice"), input, { db: database.prisma, meta });
          if (res.ok) return;
          refused++;
          expect(res.code).not.toBe("INTERNAL");
          if (res.code === "INVALID") expect(Object.keys(res.fieldErrors ?? {}).length, JSON.stringify(res)).toBeGreaterThan(0);
          // a refusal writes nothing: the same rows, the same trail
          expect(await rows()).toEqual(before);
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
      expect(refused).toBeGreaterThan(RUNS / 2);
    }, 300_000);
  }
});

describe("every page's and route's query parser under generated hostile input", () => {
  const params = fc.dictionary(fc.constantFrom("project", "subject", "subjectType", "type", "roleId", "role", "state", "from", "to", "approver", "requester", "sort", "dir", "action", "objectType", "objectId", "actor", "requestId", "group", "at", "cursor", "limit", "kind", "show", "approvals", "expiring", "sink", "target"), hostileString, { maxKeys: 5 });
  const principal = principalOf("bob");

  it(`reads the auditor lists and the delivery log without an error from the database (${RUNS} URLs each)`, async () => {
    await fc.assert(
      fc.asyncProperty(params, async (raw) => {
        const history = parseListQuery(grantHistoryFiltersSchema, raw, grantHistoryFiltersSchema.parse({}));
        await grantHistory(database.pool, history.filters, history.page);
        const events = parseListQuery(eventLogFiltersSchema, raw, {});
        await eventLog(database.pool, events.filters, events.page);
        const at = parseWithFieldErrors(accessAtQuerySchema, raw);
        if (at.data) await accessAt(database.pool, at.data);
        const deliveries = parseDeliveryLogQuery(raw);
        await deliveryLog(database.pool, deliveries.filters, { cursor: deliveries.cursor });
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  }, 300_000);

  it(`reads the requests, approvals, grants and review item lists without an error from the database (${RUNS} URLs each)`, async () => {
    await fc.assert(
      fc.asyncProperty(params, async (raw) => {
        const mine = parseWithFieldErrors(requestListFilters, raw);
        await myRequests(database.pool, principal, mine.data ?? {});
        const queue = parseWithFieldErrors(queueFilters, raw);
        await approvalQueue(database.pool, principal, queue.data ?? {});
        const grants = parseWithFieldErrors(grantFilters, raw);
        await listGrants(prepared(database.pool), principal, grants.data ?? {});
        const inbox = parseWithFieldErrors(inboxFiltersSchema, raw);
        await reviewerInbox(database.pool, principal, inbox.data ?? {}, reviewConfig());
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  }, 300_000);
});

describe("the public unsubscribe route under generated hostile input", () => {
  // the one route without a session: its token is the authorization. Valid tokens (one for a mandatory kind) mixed
  // with altered and made-up ones, any method's body and type; anything but a valid one-click POST changes nothing.
  const key = unsubscribeKey(TEST_NEXTAUTH_SECRET);
  const valid = [unsubscribeToken(key, "sub-alice", "request.approved"), unsubscribeToken(key, "sub-dave", "grant.ending"), unsubscribeToken(key, "sub-bob", "chain.broken")];
  const token = fc.oneof(
    fc.constantFrom(...valid),
    fc.tuple(fc.constantFrom(...valid), fc.nat(), hostileString).map(([t, at, s]) => t.slice(0, at % t.length) + s + t.slice((at % t.length) + 1)),
    hostileString,
  );
  const query = fc.oneof(token.map((t) => `?t=${encodeURIComponent(t)}`), fc.tuple(token, token).map(([a, b]) => `?t=${encodeURIComponent(a)}&t=${encodeURIComponent(b)}`), hostileString.map((s) => `?${encodeURIComponent(s)}`), fc.constant(""));
  const body = fc.oneof(fc.constant("List-Unsubscribe=One-Click"), hostileString, fc.constant(`List-Unsubscribe=One-Click&x=${"y".repeat(5000)}`), fc.constant(null));
  const type = fc.constantFrom("application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=x", "text/plain", "application/json", null);

  it(`answers ${RUNS} calls with 200, 400 or 413, never an error, and writes only for a valid one-click POST`, async () => {
    const { GET, POST } = await import("../../app/api/notify/unsubscribe/route");
    const seen = { oneClick: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("GET", "POST"), query, body, type, fc.constantFrom("text/html", "*/*", null), async (method, q, b, t, accept) => {
        const before = await rows();
        const url = `http://localhost:3000/api/notify/unsubscribe${q}`;
        const headers: Record<string, string> = { ...(t ? { "content-type": t } : {}), ...(accept ? { accept } : {}) };
        const res = method === "GET" ? await GET(new Request(url, { headers })) : await POST(new Request(url, { method, headers, body: b }));
        expect([200, 400, 413]).toContain(res.status);
        expect((await res.text()).length).toBeGreaterThan(0);
        const oneClick = method === "POST" && res.status === 200;
        seen[oneClick ? "oneClick" : "refused"]++;
        if (!oneClick) expect(await rows()).toEqual(before);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    expect(seen.oneClick).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(RUNS / 2);
    // the valid one-click POSTs muted only optional kinds
    const muted = (await database.pool.query<{ personId: string; muted: string[] }>(`SELECT "personId", muted FROM "NotifyPreference" WHERE "personId" IN ('sub-alice', 'sub-dave', 'sub-bob') ORDER BY "personId"`)).rows;
    expect(muted.flatMap((r) => r.muted)).not.toContain("chain.broken");
  }, 300_000);
});
