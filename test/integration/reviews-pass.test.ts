import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startScheduler } from "../../lib/background/scheduler";
import { createDatabase } from "../../lib/db";
import { DomainError } from "../../lib/core/errors";
import { defineReview, type ReviewDeps } from "../../lib/reviews/campaigns";
import { decideItems } from "../../lib/reviews/decisions";
import { decideItemsInput, reviewDefinitionInput } from "../../lib/reviews/inputs";
import { runReviewPass } from "../../lib/reviews/pass";
import { recordSignIn } from "../../lib/auth/people";
import { describeRequest } from "../../lib/governance/kinds";
import { dispatchOnce } from "../../lib/notify/dispatch";
import { expandOnce } from "../../lib/notify/expand";
import { testNotifyConfig } from "../helpers/notify-config";
import { DAY_MS } from "../../lib/reviews/timing";
import { ctxOf, paymentsProject, person, reviewConfig, type PaymentsGrants } from "./fixtures/reviews";
import { provisioningEnv, runDue, untilJob, type ProvisioningEnv } from "./fixtures/provisioning";

// The scheduler's review pass against a real PostgreSQL and the emulator, with the pass's clock moved by the test:
// reminders once per campaign, kind and audience; escalation to the approvers; the deadline outcome as decisions by
// policy; scheduled starts with two schedulers running.
let env: ProvisioningEnv;
let pay: PaymentsGrants;
let eu: PaymentsGrants;
const config = reviewConfig();
const alice = person("alice");
const bob = person("bob");
const t0 = new Date();
const at = (days: number) => new Date(t0.getTime() + days * DAY_MS);
const deps = (now: Date): ReviewDeps => ({ db: env.db.prisma, config, now });
const pass = (now: Date) => runReviewPass({ db: env.db.prisma, config, clock: () => now });
const itemFor = async (campaignId: string, grantId: string) => (await env.db.prisma.reviewItem.findUniqueOrThrow({ where: { campaignId_grantId: { campaignId, grantId } } })).id;
const reminders = (campaignId: string) => env.db.prisma.reviewReminder.findMany({ where: { campaignId }, orderBy: [{ createdAt: "asc" }, { audience: "asc" }], select: { kind: true, audience: true, openItems: true } });

async function start(name: string, project: string, outcome: "REMOVE" | "KEEP_AND_ESCALATE") {
  const { campaign } = await defineReview(deps(t0), bob, reviewDefinitionInput.parse({ name, scope: "PROJECT", scopeValue: project, recurrence: "once", deadlineOutcome: outcome }), ctxOf(bob));
  return campaign!.id;
}

beforeAll(async () => {
  env = await provisioningEnv({ pollIntervalMs: 60_000 });
  pay = await paymentsProject(env);
  eu = await paymentsProject(env, "payments-eu");
});
afterAll(async () => {
  await env?.close();
});

describe("reminders, escalation and the deadline", () => {
  let campaignId: string;
  beforeAll(async () => {
    campaignId = await start("Payments, removing at the deadline", "payments", "REMOVE");
  });

  it("reminds each owner group's team leads and the approvers at the start, once however often the pass runs", async () => {
    const first = await pass(at(0.01));
    expect(first.reminders).toBe(2);
    expect((await pass(at(0.02))).reminders).toBe(0);
    expect(await reminders(campaignId)).toEqual([
      { kind: "start", audience: "approvers", openItems: 1 },
      { kind: "start", audience: "group:finance-devs", openItems: 4 },
    ]);
    const events = await env.db.prisma.auditEvent.findMany({ where: { action: "review.reminder.sent", objectId: campaignId } });
    expect(events.map((e) => [e.actorId, (e.after as { audience: string }).audience]).sort()).toEqual([["scheduler", "approvers"], ["scheduler", "group:finance-devs"]]);
  });

  it("reminds halfway and two days before the deadline only those with items still open", async () => {
    await decideItems(deps(at(1)), alice, decideItemsInput.parse({ itemIds: [await itemFor(campaignId, pay.extAcme)], decision: "KEEP", reason: "Acme still runs the migration" }), ctxOf(alice));
    expect((await pass(at(7.5))).reminders).toBe(2);
    // before the last call a team's item is the team's alone
    const qa = await itemFor(campaignId, pay.qaTeam);
    await expect(decideItems(deps(at(12)), bob, decideItemsInput.parse({ itemIds: [qa], decision: "KEEP", reason: "not yet escalated" }), ctxOf(bob))).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await pass(at(12.5))).reminders).toBe(2);
    const kinds = (await reminders(campaignId)).filter((r) => r.audience === "group:finance-devs");
    expect(kinds).toEqual([
      { kind: "start", audience: "group:finance-devs", openItems: 4 },
      { kind: "halfway", audience: "group:finance-devs", openItems: 3 },
      { kind: "two-days", audience: "group:finance-devs", openItems: 3 },
    ]);
  });

  it("escalates what is undecided at the last call to the approvers, who may then decide a team's item", async () => {
    const qa = await itemFor(campaignId, pay.qaTeam);
    // the two-days pass above escalated too (the escalation instant is the last call)
    const items = await env.db.prisma.reviewItem.findMany({ where: { campaignId }, include: { decision: true } });
    expect(items.filter((i) => i.escalatedAt !== null).map((i) => i.subjectName).sort()).toEqual(["deploy", "ops-viewers", "qa-team"]);
    expect(items.find((i) => i.subjectName === "ext-acme")!.escalatedAt).toBeNull();
    expect(await env.db.prisma.reviewReminder.findFirst({ where: { campaignId, kind: "escalation" } })).toMatchObject({ audience: "approvers", openItems: 3 });
    const outcome = await decideItems(deps(at(12.6)), bob, decideItemsInput.parse({ itemIds: [qa], decision: "REMOVE", reason: "QA left the project" }), ctxOf(bob));
    expect(outcome.removals).toBe(1);
  });

  it("at the deadline removes every undecided item by policy through provisioning, then closes the campaign", async () => {
    const result = await pass(at(14.01));
    expect(result.decidedByPolicy).toBe(2);
    expect(result.closed).toEqual([campaignId]);
    const decisions = await env.db.prisma.reviewDecision.findMany({ where: { campaignId }, include: { item: true } });
    const byPolicy = decisions.filter((d) => d.byPolicy);
    expect(byPolicy.map((d) => [d.item.subjectName, d.kind, d.deciderId]).sort()).toEqual([["deploy", "REMOVE", null], ["ops-viewers", "REMOVE", null]]);
    for (const d of byPolicy) expect(d.reason).toMatch(/^Undecided at the deadline of access review #\d+: removed by the review's policy\.$/);
    await runDue(env);
    for (const d of decisions.filter((x) => x.kind === "REMOVE")) await untilJob(env, d.jobId!, "SUCCEEDED");
    expect((await env.inspect.listMembers("payments", "ops-viewers")).members).toEqual([]);
    expect(await env.db.prisma.grant.findUniqueOrThrow({ where: { id: pay.robot } })).toMatchObject({ state: "REVOKED", endedBy: "system:scheduler" });
    const closed = await env.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "review.campaign.closed", objectId: campaignId } });
    expect(closed.after).toMatchObject({ deadlineOutcome: "REMOVE" });
    const events = await env.db.prisma.auditEvent.findMany({ where: { action: "grant.reviewed", objectId: { in: [pay.robot, pay.opsViewers] } } });
    expect(events.map((e) => [e.actorType, e.actorId, (e.after as { byPolicy: boolean }).byPolicy])).toEqual([["system", "scheduler", true], ["system", "scheduler", true]]);
  });

  it("tells each reminder's audience by notification: the owner group's team leads theirs, the approvers theirs and the escalation", async () => {
    for (const p of [alice, bob]) await recordSignIn(env.db.pool, { id: p.id, username: p.username, name: p.name, email: p.email ?? `${p.username}@berth.test`, groups: p.groups });
    while ((await dispatchOnce(env.db.pool, describeRequest))?.events) {
      // until the trail is read
    }
    while ((await expandOnce(env.db.pool, testNotifyConfig({}, { smtp: { host: "127.0.0.1", port: 1, security: "none", user: null, password: null, from: "Berth <berth@berth.test>" } }))).messages) {
      // until every message has its deliveries
    }
    const { rows } = await env.db.pool.query<{ kind: string; title: string; link: string; target: string }>(
      `SELECT m.kind, m.data->>'title' AS title, m.data->>'link' AS link, d.target FROM "NotifyMessage" m JOIN "NotifyDelivery" d ON d."messageId" = m.id
       WHERE m.kind LIKE 'review.%' AND m.data->'facts'->>'campaignId' = $1 ORDER BY m.seq, d.target`,
      [campaignId],
    );
    const to = (id: string) => rows.filter((r) => r.target === `person:${id}`).map((r) => [r.kind, r.title.replace(/^Access review #\d+/, "#")]);
    expect(to(alice.id)).toEqual([
      ["review.started", "# has started: 4 items for finance-devs to decide"],
      ["review.reminder", "# is halfway: 3 items for finance-devs still open"],
      ["review.reminder", "# ends in 2 days: 3 items for finance-devs still open"],
    ]);
    expect(to(bob.id)).toEqual([
      ["review.started", "# has started: 1 item for the approvers to decide"],
      ["review.reminder", "# is halfway: 1 item for the approvers still open"],
      ["review.reminder", "# ends in 2 days: 1 item for the approvers still open"],
      ["review.escalated", "#: 3 items overdue, now the approvers' to decide"],
    ]);
    expect(new Set(rows.map((r) => r.link))).toEqual(new Set([`/reviews?campaign=${campaignId}&status=open`]));
  });

  it("refuses any decision once the campaign is closed, in the app and in the database", async () => {
    const kept = await itemFor(campaignId, pay.extAcme);
    await expect(env.db.pool.query(`DELETE FROM "ReviewDecision" WHERE "itemId" = $1`, [kept])).rejects.toThrow(/append-only/);
    const anyItem = await env.db.prisma.reviewItem.create({
      data: { ...(await env.db.prisma.reviewItem.findUniqueOrThrow({ where: { id: kept } })), id: undefined, grantId: pay.owner, approvers: [] } as never,
    });
    await expect(
      env.db.pool.query(`INSERT INTO "ReviewDecision" ("itemId", "campaignId", kind, reason, "byPolicy", "decidedAt", evidence) VALUES ($1, $2, 'KEEP', 'after the deadline', true, now(), '{}')`, [anyItem.id, campaignId]),
    ).rejects.toThrow(/campaign is closed/);
    const e = await decideItems(deps(at(15)), alice, decideItemsInput.parse({ itemIds: [anyItem.id], decision: "KEEP", reason: "too late now" }), ctxOf(alice)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe("CONFLICT");
  });
});

describe("keep and escalate", () => {
  it("keeps undecided items by policy, escalates them and tells the approvers, queueing nothing for Harbor", async () => {
    const campaignId = await start("EU, keeping at the deadline", "payments-eu", "KEEP_AND_ESCALATE");
    const jobs = await env.db.prisma.provisioningJob.count();
    const result = await pass(at(14.5));
    expect(result).toMatchObject({ decidedByPolicy: 4, closed: [campaignId] });
    const decisions = await env.db.prisma.reviewDecision.findMany({ where: { campaignId }, include: { item: true } });
    expect(decisions.map((d) => [d.kind, d.byPolicy, d.jobId])).toEqual(Array(4).fill(["KEEP", true, null]));
    for (const d of decisions) expect(d.item.escalatedAt).not.toBeNull();
    expect(await env.db.prisma.provisioningJob.count()).toBe(jobs);
    expect(await env.db.prisma.reviewReminder.findFirst({ where: { campaignId, kind: "kept-by-policy" } })).toMatchObject({ audience: "approvers", openItems: 4 });
    expect(await env.db.prisma.grant.count({ where: { id: { in: [eu.extAcme, eu.qaTeam, eu.opsViewers, eu.robot] }, state: "ACTIVE" } })).toBe(4);
  });
});

describe("scheduled starts with two schedulers", () => {
  it("starts exactly one campaign when two schedulers' review loops find the same due review", async () => {
    const due = new Date(Date.now() + 1000);
    const { definitionId } = await defineReview(deps(new Date()), bob, reviewDefinitionInput.parse({ name: "Every 30 days", scope: "PATTERN", scopeValue: "payments*", start: "at", startAt: due.toISOString(), durationDays: 7, recurrenceDays: 30 }), ctxOf(bob));
    const other = createDatabase(env.db.url, { max: 4 });
    const later = () => new Date(due.getTime() + 5000);
    const schedulers = [env.db.prisma, other.prisma].map((db) => startScheduler({ db, clock: later, config: { schedulerIntervalSeconds: 3600, driftCheckSeconds: 0 }, reviews: config }));
    try {
      await Promise.all(schedulers.map((s) => s.runReviewsNow!()));
      await Promise.all(schedulers.map((s) => s.runReviewsNow!()));
    } finally {
      await Promise.all(schedulers.map((s) => s.stop()));
      await other.close();
    }
    const campaigns = await env.db.prisma.reviewCampaign.findMany({ where: { definitionId } });
    expect(campaigns).toHaveLength(1);
    expect(campaigns[0]!.scheduledFor.getTime()).toBe(due.getTime());
    expect(await env.db.prisma.auditEvent.count({ where: { action: "review.campaign.started", objectId: campaigns[0]!.id } })).toBe(1);
  });
});
