import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepared } from "../../lib/sql";
import { keyring } from "../../lib/audit/signing";
import { defineReview, type ReviewDeps } from "../../lib/reviews/campaigns";
import { decideItems } from "../../lib/reviews/decisions";
import { decideItemsInput, reviewDefinitionInput } from "../../lib/reviews/inputs";
import { reviewerInbox, routeMembershipConflicts } from "../../lib/reviews/queries";
import { reviewerHome } from "../../lib/reviews/home";
import { homeReviews } from "../../lib/reviews/pages";
import { closeDatabase } from "../../lib/db";
import { useTestAppEnv } from "../helpers/app-env";
import { reviewerStanding } from "../../lib/reviews/reviewers";
import { exportReport, reportRows } from "../../lib/reviews/report";
import { unusedAccess } from "../../lib/reviews/unused";
import { runUsageChecks } from "../../lib/reviews/usage-check";
import { DAY_MS } from "../../lib/reviews/timing";
import { ctxOf, paymentsProject, person, reviewConfig, type PaymentsGrants } from "./fixtures/reviews";
import { provisioningEnv, type ProvisioningEnv } from "./fixtures/provisioning";

// The evidence behind decisions: the background usage check reads Harbor's audit log per project and stores it; the
// reviewer's page and the approvers' unused-access list read only what was stored; "Harbor could not tell" is never
// "unused". Then the reviewer list's SQL against the reviewer rule, and the campaign report and its export.
let env: ProvisioningEnv;
let pay: PaymentsGrants;
let eu: PaymentsGrants;
let campaignId: string;
const config = reviewConfig();
const now = () => new Date();
const ago = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();
const check = (overrides: Partial<typeof config> = {}, clock = now) => runUsageChecks({ db: env.db.prisma, harbor: env.harbor, config: { ...config, ...overrides }, clock });
const stored = (projectId: string) => env.db.prisma.usageCheck.findUniqueOrThrow({ where: { projectId } });
const deps = (): ReviewDeps => ({ db: env.db.prisma, config, now: new Date() });
const inbox = (who: ReturnType<typeof person>, status: "open" | "all" = "open") => reviewerInbox(env.db.pool, who, { status }, config);

beforeAll(async () => {
  env = await provisioningEnv({ pollIntervalMs: 60_000 });
  pay = await paymentsProject(env);
  eu = await paymentsProject(env, "payments-eu");
  env.emulator.recordActivity("payments", { username: "alice", operation: "push", repository: "app", tag: "v1", at: ago(5) });
  env.emulator.recordActivity("payments", { username: "robot$payments+deploy", operation: "pull", repository: "app", tag: "v1", at: ago(10), count: 3 });
  env.emulator.recordActivity("payments", { username: "carl", operation: "pull", repository: "app", tag: "v1", at: ago(2) });
  // every grant has been in force for 200 days
  await env.db.pool.query(`UPDATE "Grant" SET "startsAt" = now() - interval '200 days' WHERE state = 'ACTIVE'`);
});
afterAll(async () => {
  await env?.close();
});

describe("the usage check", () => {
  it("reads each project's audit log in one call and stores robots one by one and people together", async () => {
    const pass = await check();
    expect(pass.outcomes).toEqual({ payments: "ok", "payments-eu": "ok" });
    expect(pass.calls).toEqual({ payments: 1, "payments-eu": 1 });
    const row = await stored(pay.projectId);
    expect(row).toMatchObject({ status: "ok", pullsLogged: true, calls: 1, events: 5 });
    expect(row.robots).toEqual({ "robot$payments+deploy": { pulls: 3, pushes: 0, lastPull: expect.any(String), lastPush: null } });
    expect(row.users).toMatchObject({ pulls: 1, pushes: 1, people: 2 });
    expect(row.windowTo!.getTime() - row.windowFrom!.getTime()).toBe(90 * DAY_MS);
  });

  it("does not read a project again before its interval, unless a campaign asks for fresh figures", async () => {
    expect((await check()).claimed).toBe(0);
    campaignId = (await defineReview(deps(), person("bob"), reviewDefinitionInput.parse({ name: "Payments", scope: "PROJECT", scopeValue: "payments", recurrence: "once" }), ctxOf(person("bob")))).campaign!.id;
    expect(Object.keys((await check()).outcomes)).toEqual(["payments"]);
  });

  it("keeps the last figures but says Harbor could not be read when it fails, and never reads when logging is off", async () => {
    const before = await stored(eu.projectId);
    env.emulator.faults({ errorRate: 1, errorStatus: 503 });
    try {
      const later = new Date(Date.now() + 7200_000);
      expect((await check({}, () => later)).outcomes).toEqual({ payments: "unavailable", "payments-eu": "unavailable" });
    } finally {
      env.emulator.faults({ errorRate: 0 });
    }
    const after = await stored(eu.projectId);
    expect(after).toMatchObject({ status: "unavailable", checkedAt: before.checkedAt, robots: before.robots });
    const unreadable = (await unusedAccess(env.db.pool, config)).unreadable;
    expect(unreadable.count).toBe(2);
    expect(unreadable.projects.map((p) => [p.projectName, p.status]).sort()).toEqual([["payments", "unavailable"], ["payments-eu", "unavailable"]]);
    expect(unreadable.projects.every((p) => p.attemptedAt instanceof Date)).toBe(true);
    const off = await check({ auditLogging: "off" }, () => new Date(Date.now() + 4 * 3600_000));
    expect(off.calls).toEqual({ payments: 0, "payments-eu": 0 });
    expect(off.outcomes).toEqual({ payments: "logging-off", "payments-eu": "logging-off" });
    // and back to a good read for what follows
    expect((await check({}, () => new Date(Date.now() + 6 * 3600_000))).outcomes).toEqual({ payments: "ok", "payments-eu": "ok" });
  });
});

describe("unused access between campaigns", () => {
  it("lists robots and group grants without a pull or push for 90 days, with the evidence as the revocation's reason", async () => {
    const overview = await unusedAccess(env.db.pool, config);
    expect(overview.grants.map((g) => `${g.projectName}/${g.subjectName}`).sort()).toEqual(["payments-eu/deploy", "payments-eu/ext-acme", "payments-eu/ops-viewers", "payments-eu/qa-team"]);
    const robot = overview.grants.find((g) => g.subjectType === "ROBOT")!;
    expect(robot.evidence).toMatch(/^Unused for 90 days: Harbor's audit log shows no pull or push by robot\$payments-eu\+deploy in the last 90 days \(none since \d{4}-\d{2}-\d{2}; read \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\)\.$/);
    expect(overview.grants.find((g) => g.subjectName === "qa-team")!.evidence).toContain("anyone in payments-eu (Harbor logs people, not groups)");
    expect(overview).toMatchObject({ read: 2, notReadYet: 0, unreadable: { count: 0, projects: [] } });
  });

  it("calls nothing unused when this Harbor does not log pulls or does not log at all", async () => {
    expect((await unusedAccess(env.db.pool, { ...config, auditLogging: "pulls-off" })).grants).toEqual([]);
    expect((await unusedAccess(env.db.pool, { ...config, auditLogging: "off" })).grants).toEqual([]);
  });

  it("does not count a grant younger than the threshold, whatever Harbor shows", async () => {
    await env.db.pool.query(`UPDATE "Grant" SET "startsAt" = now() - interval '10 days' WHERE id = $1`, [eu.robot]);
    expect((await unusedAccess(env.db.pool, config)).grants.map((g) => g.subjectName)).not.toContain("deploy");
    await env.db.pool.query(`UPDATE "Grant" SET "startsAt" = now() - interval '200 days' WHERE id = $1`, [eu.robot]);
  });
});

describe("the reviewer's page", () => {
  it("shows each item with the stored evidence, and what Harbor cannot attribute to a group", async () => {
    const { items } = await inbox(person("alice"), "all");
    const byName = new Map(items.map((i) => [i.subjectName, i]));
    expect([...byName.keys()].sort()).toEqual(["deploy", "ext-acme", "ops-viewers", "qa-team"]);
    expect(byName.get("qa-team")!.evidence.usage).toMatchObject({ verdict: "unattributable", attribution: "project-users", pulls: 1, pushes: 1, people: 2 });
    expect(byName.get("qa-team")!.evidence.usage.note).toContain("Harbor logs people, not groups");
    expect(byName.get("deploy")!.standing).toMatchObject({ may: false, why: "excluded" });
    expect(byName.get("deploy")!.blocked).toBe(true);
    const erin = (await inbox(person("erin"))).items;
    expect(erin.map((i) => i.subjectName)).toEqual(["deploy"]);
    expect(erin[0]!.evidence.usage).toMatchObject({ verdict: "used", pulls: 3, pushes: 0 });
    expect(erin[0]!.evidence.suggestion).toMatchObject({ action: "keep" });
  });

  it("pages through the items by project and subject, and ignores a cursor that was tampered with", async () => {
    const alice = person("alice");
    const first = await reviewerInbox(env.db.pool, alice, { status: "all" }, config, new Date(), 3);
    expect(first.items.map((i) => i.subjectName)).toEqual(["deploy", "ext-acme", "ops-viewers"]);
    const second = await reviewerInbox(env.db.pool, alice, { status: "all", cursor: first.nextCursor! }, config, new Date(), 3);
    expect([second.items.map((i) => i.subjectName), second.nextCursor]).toEqual([["qa-team"], null]);
    expect((await reviewerInbox(env.db.pool, alice, { status: "all", cursor: "not-a-cursor" }, config, new Date(), 3)).items).toHaveLength(3);
  });

  it("lists exactly what the reviewer rule allows, for every kind of person", async () => {
    const people = [person("alice"), person("bob"), person("erin"), person("carol"), person("dave"), person("alice", ["team-leads", "finance-devs", "qa-team"]), person("bob", ["registry-admins", "finance-devs"])];
    const all = await env.db.prisma.reviewItem.findMany({ where: { campaignId } });
    for (const who of people) {
      const listed = new Map((await inbox(who, "all")).items.map((i) => [i.id, i]));
      for (const item of all) {
        const standing = reviewerStanding(who, item);
        const row = listed.get(item.id);
        expect({ who: who.groups, item: item.subjectName, listed: !!row }).toEqual({ who: who.groups, item: item.subjectName, listed: standing.may || standing.why !== "not-reviewer" });
        if (row) expect(row.blocked).toBe(!standing.may);
      }
    }
  });

  it("sends a group's item to the approvers when a team lead turns out to belong to it, once, saying why", async () => {
    const member = person("alice", ["team-leads", "finance-devs", "qa-team"]);
    // the pages route only when the reviewer's campaigns, which they read anyway, count an item due
    const due = async () => (await reviewerHome(prepared(env.db.pool), member)).reduce((n, c) => n + c.routeDue, 0);
    expect(await due()).toBe(1);
    // a team lead who does not belong to the group has nothing due
    expect((await reviewerHome(prepared(env.db.pool), person("alice"))).reduce((n, c) => n + c.routeDue, 0)).toBe(0);
    // the home page's visit routes it (through the process-wide database, as the pages read)
    useTestAppEnv({ databaseUrl: env.db.url, harborUrl: env.emulator.url });
    try {
      const home = await homeReviews(member, ctxOf(member));
      expect(home.reviewer?.reduce((n, c) => n + c.blocked, 0)).toBeGreaterThan(0);
      expect(await due()).toBe(0);
      await homeReviews(member, ctxOf(member));
    } finally {
      await closeDatabase();
    }
    expect(await routeMembershipConflicts(env.db.prisma, member, ctxOf(member))).toBe(0);
    const item = await env.db.prisma.reviewItem.findUniqueOrThrow({ where: { campaignId_grantId: { campaignId, grantId: pay.qaTeam } } });
    expect(item.routedReason).toBe("Alice Andersen, a team lead of finance-devs, belongs to qa-team; nobody certifies access of a group they belong to, so the approvers review it.");
    expect((await inbox(person("bob"))).items.map((i) => i.subjectName).sort()).toEqual(["deploy", "qa-team"]);
    expect(await env.db.prisma.auditEvent.count({ where: { action: "review.item.routed", objectId: item.id } })).toBe(1);
  });
});

describe("the report", () => {
  it("has one row per item with who decided, why, the evidence and what Harbor confirmed; its export carries the chain head", async () => {
    const alice = person("alice");
    const ext = (await env.db.prisma.reviewItem.findUniqueOrThrow({ where: { campaignId_grantId: { campaignId, grantId: pay.extAcme } } })).id;
    await decideItems(deps(), alice, decideItemsInput.parse({ itemIds: [ext], decision: "KEEP", reason: "Acme still runs the migration" }), ctxOf(alice));
    const rows = await reportRows(env.db.pool, campaignId);
    expect(rows.map((r) => r.subjectName)).toEqual(["ext-acme", "ops-viewers", "qa-team", "deploy"]);
    expect(rows[0]).toMatchObject({ decision: "KEEP", decidedBy: "Alice Andersen", reason: "Acme still runs the migration", reviewers: "team leads of finance-devs", requesterName: "Alice Andersen", approvers: [{ id: "sub-bob", name: "Bob Brenner" }] });
    expect(rows[0]!.evidence?.usage?.note).toContain("Harbor logs people, not groups");
    expect(rows[2]).toMatchObject({ reviewers: "approvers", decision: null });

    const head = (await env.db.pool.query<{ seq: string; hash: string }>(`SELECT seq::text AS seq, hash FROM "AuditHead"`)).rows[0]!;
    let csv = "";
    for await (const chunk of exportReport(env.db.pool, { id: campaignId, number: rows[0]!.campaignNumber }, "csv", { keyring: keyring({}) })) csv += chunk;
    const lines = csv.trimEnd().split("\n");
    expect(lines[0]).toMatch(new RegExp(`^# berth-export chain-head-seq=${head.seq} chain-head-hash=${head.hash} generated-at=\\S+Z filters=campaign=\\d+ kind=review version=2 signing-key-id=\\S* public-key=\\S* checkpoint-seq=`));
    expect(lines[1]!.startsWith("campaignNumber,itemId,projectName,subjectType,subjectName,")).toBe(true);
    expect(lines).toHaveLength(6);
    expect(lines[2]).toContain("Acme still runs the migration");
    let jsonl = "";
    for await (const chunk of exportReport(env.db.pool, { id: campaignId, number: rows[0]!.campaignNumber }, "jsonl", { keyring: keyring({}) })) jsonl += chunk;
    const objects = jsonl.trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(objects[0]).toMatchObject({ type: "meta", kind: "review", chainHeadSeq: head.seq });
    expect(objects[1]).toMatchObject({ type: "review-item", subjectName: "ext-acme", decision: "KEEP", decidedBy: "Alice Andersen" });
    expect((objects[1]!.evidence as { usage: { verdict: string } }).usage.verdict).toBe("unattributable");
  });
});
