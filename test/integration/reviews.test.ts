import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineReview, startDueCampaigns, startReviewNow, type ReviewDeps } from "../../lib/reviews/campaigns";
import { decideItems } from "../../lib/reviews/decisions";
import { reviewDefinitionInput, decideItemsInput } from "../../lib/reviews/inputs";
import { createDatabase } from "../../lib/db";
import { DomainError } from "../../lib/core/errors";
import { ctxOf, paymentsProject, person, reviewConfig, type PaymentsGrants } from "./fixtures/reviews";
import { approve, provisioningEnv, runDue, untilJob, type ProvisioningEnv } from "./fixtures/provisioning";

// Campaigns and decisions against a real PostgreSQL and the Harbor emulator: the snapshot, separation of duties,
// bulk decisions that are all or nothing, and decisions that reach Harbor through provisioning.
let env: ProvisioningEnv;
let g: PaymentsGrants;
const config = reviewConfig();
const alice = person("alice");
const bob = person("bob");
const erin = person("erin");
const deps = (now = new Date()): ReviewDeps => ({ db: env.db.prisma, config, now });
const define = (input: Record<string, unknown>, who = bob, now = new Date()) => defineReview(deps(now), who, reviewDefinitionInput.parse(input), ctxOf(who));
const decide = (who: ReturnType<typeof person>, input: Record<string, unknown>, now = new Date()) => decideItems(deps(now), who, decideItemsInput.parse(input), ctxOf(who));
const itemsOf = (campaignId: string) => env.db.prisma.reviewItem.findMany({ where: { campaignId }, include: { decision: true }, orderBy: { subjectName: "asc" } });
const itemFor = async (campaignId: string, grantId: string) => (await env.db.prisma.reviewItem.findUniqueOrThrow({ where: { campaignId_grantId: { campaignId, grantId } } })).id;

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

const counts = async () => ({
  decisions: await env.db.prisma.reviewDecision.count(),
  jobs: await env.db.prisma.provisioningJob.count(),
  requests: await env.db.prisma.request.count(),
  events: await env.db.prisma.auditEvent.count(),
});

beforeAll(async () => {
  env = await provisioningEnv({ pollIntervalMs: 60_000 });
  g = await paymentsProject(env);
});
afterAll(async () => {
  await env?.close();
});

describe("a campaign's snapshot", () => {
  it("takes every active grant of the project but the owner group's own, with request, approvers and reviewers", async () => {
    const { campaign } = await define({ name: "Payments access", scope: "PROJECT", scopeValue: "payments" });
    expect(campaign).toMatchObject({ items: 4, routed: 1 });
    const items = await itemsOf(campaign!.id);
    expect(items.map((i) => i.subjectName)).toEqual(["deploy", "ext-acme", "ops-viewers", "qa-team"]);
    expect(items.map((i) => i.grantId)).not.toContain(g.owner);
    for (const i of items) expect(i).toMatchObject({ reviewerGroup: "finance-devs", ownerGroup: "finance-devs", requesterName: "Alice Andersen", approvers: [{ id: "sub-bob", name: "Bob Brenner" }] });
    const robot = items.find((i) => i.subjectType === "ROBOT")!;
    expect(robot.excludedIds).toEqual(["sub-alice"]);
    expect(robot.harborRobotName).toBe("robot$payments+deploy");
    expect(robot.routedAt).not.toBeNull();
    expect(robot.routedReason).toBe("Alice Andersen asked for this robot and is a team lead of finance-devs; nobody certifies a robot they requested, so the approvers review it.");
    for (const i of items.filter((x) => x.subjectType === "GROUP")) expect([i.routedAt, i.excludedIds]).toEqual([null, []]);
    const started = await env.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "review.campaign.started", objectId: campaign!.id } });
    expect(started).toMatchObject({ actorId: "sub-bob", objectType: "review", projectName: "payments" });
    expect(started.after).toMatchObject({ items: 4, routed: 1, scope: "PROJECT", deadlineOutcome: "REMOVE" });
    // the usage check is asked to read the project's audit log at once
    expect(await env.db.prisma.usageCheck.findUniqueOrThrow({ where: { projectId: g.projectId } })).toMatchObject({ wantedAt: expect.any(Date) });
  });

  it("leaves out grants made after the start, even one whose transaction began before it", async () => {
    // a grant turns ACTIVE in a transaction that is still open while the campaign starts
    const late = await approve(env, "GROUP_ACCESS", { projectName: "payments", groupName: "late-team", roleId: 3, replacesGrantId: null, previousRoleId: null });
    const pending = await env.db.prisma.grant.findFirstOrThrow({ where: { requestId: late.requestId } });
    await env.db.prisma.provisioningJob.update({ where: { id: late.jobId }, data: { state: "SUCCEEDED", finishedAt: new Date() } });
    const other = createDatabase(env.db.url, { max: 1 });
    const client = await other.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query(`UPDATE "Grant" SET state = 'ACTIVE', "startsAt" = now(), "harborMemberId" = 999 WHERE id = $1`, [pending.id]);
      const { campaign } = await define({ name: "Payments again", scope: "PROJECT", scopeValue: "payments", recurrence: "once" });
      await client.query("COMMIT");
      const names = (await itemsOf(campaign!.id)).map((i) => i.subjectName);
      expect(names).not.toContain("late-team");
      expect(names).toHaveLength(4);
    } finally {
      client.release();
      await other.close();
    }
    // the next campaign sees it
    const { campaign: next } = await define({ name: "Payments later", scope: "PROJECT", scopeValue: "payments", recurrence: "once" });
    expect((await itemsOf(next!.id)).map((i) => i.subjectName)).toContain("late-team");
    await env.db.prisma.grant.update({ where: { id: pending.id }, data: { state: "REVOKED", endedAt: new Date() } });
  });

  it("takes only robots, only groups, or projects matching a pattern, as defined", async () => {
    await paymentsProject(env, "payments-eu");
    const robots = await define({ name: "Robots everywhere", scope: "ALL", subjects: "ROBOTS", recurrence: "once" });
    expect((await itemsOf(robots.campaign!.id)).map((i) => `${i.projectName}/${i.subjectName}`).sort()).toEqual(["payments-eu/deploy", "payments/deploy"]);
    const eu = await define({ name: "EU groups", scope: "PATTERN", scopeValue: "*-eu", subjects: "GROUPS", recurrence: "once" });
    expect((await itemsOf(eu.campaign!.id)).map((i) => `${i.projectName}/${i.subjectName}`).sort()).toEqual(["payments-eu/ext-acme", "payments-eu/ops-viewers", "payments-eu/qa-team"]);
    const admins = await define({ name: "By the approvers", scope: "PROJECT", scopeValue: "payments-eu", reviewers: "APPROVERS", recurrence: "once" });
    for (const i of await itemsOf(admins.campaign!.id)) expect(i.reviewerGroup).toBeNull();
  });

  it("refuses a project Berth does not manage, a repeat shorter than the campaign, and a second run of a running review", async () => {
    expect((await refusal(define({ name: "Nope", scope: "PROJECT", scopeValue: "no-such-project" }))).fieldErrors).toEqual({ scopeValue: ["Berth manages no active project no-such-project."] });
    expect((await refusal(define({ name: "Too often", scope: "ALL", durationDays: 30, recurrenceDays: 7 }))).fieldErrors?.recurrenceDays).toBeDefined();
    const { definitionId } = await define({ name: "Once more", scope: "PROJECT", scopeValue: "payments-eu", recurrence: "once" });
    expect((await refusal(startReviewNow(deps(), bob, definitionId, ctxOf(bob)))).code).toBe("CONFLICT");
    expect((await refusal(define({ name: "Not mine", scope: "ALL" }, alice))).code).toBe("FORBIDDEN");
  });
});

describe("deciding", () => {
  let campaignId: string;
  beforeAll(async () => {
    campaignId = (await define({ name: "Payments decisions", scope: "PROJECT", scopeValue: "payments", recurrence: "once" })).campaign!.id;
  });

  it("refuses a whole selection when one item is not the reviewer's to decide, and changes nothing", async () => {
    const before = await counts();
    const items = [await itemFor(campaignId, g.extAcme), await itemFor(campaignId, g.robot)];
    const e = await refusal(decide(alice, { itemIds: items, decision: "KEEP", reason: "still needed by the team" }));
    expect(e.code).toBe("FORBIDDEN");
    expect(e.message).toContain("You asked for this robot");
    expect(await counts()).toEqual(before);
  });

  it("lets nobody else decide the owner team's items, not even an approver, until they are routed or escalated", async () => {
    const before = await counts();
    const item = await itemFor(campaignId, g.extAcme);
    expect((await refusal(decide(bob, { itemIds: [item], decision: "REMOVE", reason: "bob is not the reviewer" }))).code).toBe("NOT_FOUND");
    const outsider = { ...person("alice", ["team-leads", "other-devs"]), id: "sub-outsider" };
    expect((await refusal(decide(outsider, { itemIds: [item], decision: "KEEP", reason: "not my project" }))).code).toBe("NOT_FOUND");
    expect(await counts()).toEqual(before);
  });

  it("never lets a member of the reviewed group certify it; the database refuses it too", async () => {
    const member = person("alice", ["team-leads", "finance-devs", "qa-team"]);
    const item = await itemFor(campaignId, g.qaTeam);
    const e = await refusal(decide(member, { itemIds: [item], decision: "KEEP", reason: "we still need it" }));
    expect([e.code, e.message]).toEqual(["FORBIDDEN", "qa-team in payments: You belong to qa-team, so someone else certifies its access; the approvers can decide it."]);
    await expect(
      env.db.pool.query(
        `INSERT INTO "ReviewDecision" ("itemId", "campaignId", kind, reason, "byPolicy", "deciderId", "deciderName", "deciderGroups", "decidedAt", evidence)
         VALUES ($1, $2, 'KEEP', 'bypassing the app', false, 'sub-alice', 'Alice', ARRAY['qa-team'], now(), '{}')`,
        [item, campaignId],
      ),
    ).rejects.toThrow(/review_decision_not_member|cannot certify access of a group they belong to/);
    await expect(
      env.db.pool.query(
        `INSERT INTO "ReviewDecision" ("itemId", "campaignId", kind, reason, "byPolicy", "deciderId", "deciderName", "deciderGroups", "decidedAt", evidence)
         VALUES ($1, $2, 'KEEP', 'bypassing the app', false, 'sub-alice', 'Alice', ARRAY[]::text[], now(), '{}')`,
        [await itemFor(campaignId, g.robot), campaignId],
      ),
    ).rejects.toThrow(/excluded/);
  });

  it("keeps with a reason, as a grant.reviewed event on the grant with the evidence shown", async () => {
    const item = await itemFor(campaignId, g.extAcme);
    expect(await decide(alice, { itemIds: [item], decision: "KEEP", reason: "Acme still runs the migration" })).toMatchObject({ decided: 1, removals: 0, changes: [] });
    const decision = await env.db.prisma.reviewDecision.findUniqueOrThrow({ where: { itemId: item } });
    expect(decision).toMatchObject({ kind: "KEEP", byPolicy: false, deciderId: "sub-alice", deciderName: "Alice Andersen", reason: "Acme still runs the migration", jobId: null });
    expect((decision.evidence as { usage: { verdict: string } }).usage.verdict).toBe("unknown");
    const event = await env.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "grant.reviewed", objectId: g.extAcme } });
    expect(event).toMatchObject({ objectType: "grant", actorId: "sub-alice", subject: "group:ext-acme", projectName: "payments" });
    expect(event.after).toMatchObject({ decision: "KEEP", reason: "Acme still runs the migration", byPolicy: false, campaignId });
    expect((await refusal(decide(alice, { itemIds: [item], decision: "REMOVE", reason: "changed my mind" }))).code).toBe("CONFLICT");
    await expect(env.db.pool.query(`UPDATE "ReviewDecision" SET reason = 'rewritten' WHERE "itemId" = $1`, [item])).rejects.toThrow(/append-only/);
  });

  it("removes through provisioning: a REVOKE job with the reviewer as actor, and Harbor loses the member", async () => {
    const item = await itemFor(campaignId, g.qaTeam);
    expect(await decide(alice, { itemIds: [item], decision: "REMOVE", reason: "QA moved to another registry" })).toMatchObject({ removals: 1 });
    const decision = await env.db.prisma.reviewDecision.findUniqueOrThrow({ where: { itemId: item } });
    const job = await env.db.prisma.provisioningJob.findUniqueOrThrow({ where: { id: decision.jobId! } });
    expect(job).toMatchObject({ kind: "REVOKE", grantId: g.qaTeam });
    await runDue(env);
    await untilJob(env, job.id, "SUCCEEDED");
    expect(await env.db.prisma.grant.findUniqueOrThrow({ where: { id: g.qaTeam } })).toMatchObject({ state: "REVOKED", endedBy: "sub-alice", endReason: expect.stringContaining("Access review #") });
    expect((await env.inspect.listMembers("payments", "qa-team")).members).toEqual([]);
  });

  it("lowers a role through an approved GROUP_ACCESS request that replaces the grant, and Harbor gets the lower role", async () => {
    const item = await itemFor(campaignId, g.opsViewers);
    expect((await refusal(decide(alice, { itemIds: [item], decision: "LOWER_ROLE", newRoleId: 2, reason: "more than it has" }))).fieldErrors).toEqual({ newRoleId: ["Choose a role below Guest."] });
    const outcome = await decide(alice, { itemIds: [item], decision: "LOWER_ROLE", newRoleId: 5, reason: "viewers only need to pull" });
    const [change] = outcome.changes;
    const request = await env.db.prisma.request.findUniqueOrThrow({ where: { id: change!.requestId }, include: { approvals: true } });
    expect(request).toMatchObject({ kind: "GROUP_ACCESS", state: "APPROVED", requesterName: expect.stringMatching(/^Access review #\d+$/), requiredApprovals: 1 });
    expect(request.payload).toMatchObject({ groupName: "ops-viewers", roleId: 5, replacesGrantId: g.opsViewers, previousRoleId: 3 });
    expect(request.approvals.map((a) => [a.approverId, a.comment])).toEqual([["sub-alice", "viewers only need to pull"]]);
    const decision = await env.db.prisma.reviewDecision.findUniqueOrThrow({ where: { itemId: item } });
    expect(decision).toMatchObject({ kind: "LOWER_ROLE", newRoleId: 5, requestId: change!.requestId });
    await runDue(env);
    await untilJob(env, decision.jobId!, "SUCCEEDED");
    expect((await env.inspect.listMembers("payments", "ops-viewers")).members.map((m) => m.roleId)).toEqual([5]);
    expect(await env.db.prisma.grant.findUniqueOrThrow({ where: { id: g.opsViewers } })).toMatchObject({ state: "SUPERSEDED" });
  });

  it("gives the robot to the approvers, who may give it an earlier end: Harbor's robot expires sooner", async () => {
    const item = await itemFor(campaignId, g.robot);
    const robotBefore = await env.db.prisma.grant.findUniqueOrThrow({ where: { id: g.robot } });
    const newEnd = new Date(Date.now() + 10 * 86400_000);
    expect((await refusal(decide(erin, { itemIds: [item], decision: "LOWER_ROLE", newRoleId: 5, reason: "robots have no role" }))).code).toBe("INVALID");
    const outcome = await decide(erin, { itemIds: [item], decision: "SHORTEN", newEndsAt: newEnd.toISOString(), reason: "the cluster moves in ten days" });
    const decision = await env.db.prisma.reviewDecision.findUniqueOrThrow({ where: { itemId: item } });
    expect(decision).toMatchObject({ kind: "SHORTEN", deciderId: "sub-erin", requestId: outcome.changes[0]!.requestId });
    await runDue(env);
    await untilJob(env, decision.jobId!, "SUCCEEDED");
    const robotAfter = await env.db.prisma.grant.findUniqueOrThrow({ where: { id: g.robot } });
    expect(robotAfter.endsAt!.getTime()).toBe(newEnd.getTime());
    expect(robotAfter.endsAt!.getTime()).toBeLessThan(robotBefore.endsAt!.getTime());
    const live = await env.inspect.getRobot(robotAfter.harborRobotId!);
    expect(Math.abs(live!.expiresAt * 1000 - newEnd.getTime())).toBeLessThan(86400_000);
  });
});

describe("scheduled starts", () => {
  it("starts one campaign for a due schedule instant, with two schedulers at it at once", async () => {
    const at = new Date(Date.now() + 3600_000);
    const { definitionId } = await define({ name: "Scheduled payments", scope: "PROJECT", scopeValue: "payments", start: "at", startAt: at.toISOString() });
    expect(await startDueCampaigns(env.db.prisma, new Date())).toEqual([]);
    const second = createDatabase(env.db.url, { max: 4 });
    try {
      const later = new Date(at.getTime() + 1000);
      const [a, b] = await Promise.all([startDueCampaigns(env.db.prisma, later), startDueCampaigns(second.prisma, later)]);
      expect(a.length + b.length).toBe(1);
    } finally {
      await second.close();
    }
    const campaigns = await env.db.prisma.reviewCampaign.findMany({ where: { definitionId } });
    expect(campaigns).toHaveLength(1);
    expect(campaigns[0]).toMatchObject({ scheduledFor: at, startedBy: "system:scheduler" });
    const def = await env.db.prisma.reviewDefinition.findUniqueOrThrow({ where: { id: definitionId } });
    expect(def.nextStartAt!.getTime()).toBe(at.getTime() + 180 * 86400_000);
    await expect(
      env.db.prisma.reviewCampaign.create({ data: { ...campaigns[0]!, id: undefined, number: undefined } as never }),
    ).rejects.toThrow(/Unique constraint|unique/i);
  });
});

