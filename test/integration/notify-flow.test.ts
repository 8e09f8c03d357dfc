import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarborEmulator, type HarborEmulator } from "../../dev/harbor-emulator";
import type { AuditContext } from "../../lib/audit/types";
import { recordSignIn } from "../../lib/auth/people";
import type { Principal } from "../../lib/authz/principal";
import { requestInput } from "../../lib/core/payloads";
import type { Db } from "../../lib/db";
import { decideRequest } from "../../lib/governance/decisions";
import type { PolicyConfig } from "../../lib/governance/policy";
import { submitRequest, type GovernanceDeps } from "../../lib/governance/requests";
import { createHarborClient } from "../../lib/harbor";
import type { NotifyConfig } from "../../lib/notify/config";
import { describeRequest } from "../../lib/governance/kinds";
import { dispatchOnce } from "../../lib/notify/dispatch";
import { expandOnce } from "../../lib/notify/expand";
import { createSenders, startSender } from "../../lib/notify/deliver";
import { enqueueChainBroken, runScheduledNotifications } from "../../lib/notify/scheduled";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { useTestAppEnv } from "../helpers/app-env";
import { testNotifyConfig } from "../helpers/notify-config";
import { principalOf } from "../helpers/principals";
import { startHttpReceiver, startSmtpCatcher, type HttpReceiver, type SmtpCatcher } from "../helpers/receivers";

// From a state change to what people receive: the outbox is part of the change's transaction, recipients come from
// who signed in, and each sink gets its own format.

const policy: PolicyConfig = { selfServiceQuotaGiB: 100, maxQuotaGiB: 10240, externalGroupPattern: "ext-*", externalMaxRoleId: 2, externalMaxDays: 90, internalMaxDays: 365, robotMaxDays: 180 };
const ctx = (p: Principal): AuditContext => ({ actor: { type: "user", id: p.id, name: p.name, groups: p.groups }, sourceIp: "127.0.0.1", userAgent: "vitest" });
const log = { info() {}, warn() {}, error() {} };

let database: TestDatabase;
let emulator: HarborEmulator;
let smtp: SmtpCatcher;
let chat: HttpReceiver;
let config: NotifyConfig;
let deps: GovernanceDeps;
const alice = principalOf("alice");
const bob = principalOf("bob");
const erin = principalOf("erin");
const carol = principalOf("carol");

function flowConfig(): NotifyConfig {
  return testNotifyConfig(
    {
      chat: [
        { name: "admins-slack", format: "slack", url: `${chat.url}/slack`, roles: ["approver"] },
        { name: "finance-teams", format: "teams", url: `${chat.url}/teams`, roles: ["requester", "owner"], projects: ["finance-*"] },
        { name: "audit-mm", format: "mattermost", url: `${chat.url}/mattermost`, roles: ["auditor"] },
      ],
    },
    { smtp: { host: "127.0.0.1", port: smtp.port, security: "none", user: null, password: null, from: "Berth <berth@berth.test>" }, timeoutMs: 3000, backoffMaxMs: 200 },
  );
}

async function pumpAndSend() {
  while ((await dispatchOnce(database.pool, describeRequest))?.events) {
    // until caught up
  }
  while ((await expandOnce(database.pool, config)).messages) {
    // until every message has its deliveries
  }
  const sender = startSender({ pool: database.pool, config, workerId: "test-sender", log, senders: createSenders(config) });
  await sender.drain();
  await sender.stop();
}

const messages = async () => (await database.pool.query<{ kind: string; key: string }>(`SELECT kind, key FROM "NotifyMessage" ORDER BY "createdAt", key`)).rows;
type Mail = { headerLines: readonly { key: string; line: string }[] } | undefined;
const header = (mail: Mail, name: string) => mail?.headerLines.find((h) => h.key === name.toLowerCase())?.line.replace(/\r?\n[ \t]+/g, " ").slice(name.length + 1).trim() ?? null;
const unsubscribe = (mail: Mail) => header(mail, "List-Unsubscribe");
const UNSUBSCRIBE_LINK = /^<(http:\/\/berth\.test\/api\/notify\/unsubscribe\?t=u1\.[\w-]+\.[\w-]+\.[\w-]{43})>$/;
const mailsTo = (address: string) => smtp.mails.filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((t) => t?.text.includes(address)));

beforeAll(async () => {
  database = await createTestDatabase({ max: 20 });
  emulator = await startHarborEmulator({ port: 0 });
  smtp = await startSmtpCatcher();
  chat = await startHttpReceiver();
  config = flowConfig();
  // the unsubscribe route reads the app's configuration: the same NEXTAUTH_SECRET the test senders' key comes from
  useTestAppEnv({ databaseUrl: database.url, harborUrl: emulator.url });
  const harbor = createHarborClient({ baseUrl: emulator.url, username: "admin", password: "Harbor12345", timeoutMs: 3000 });
  deps = { db: database.prisma, policy, now: new Date(), harborProjectExists: async (name) => (await harbor.projectExists(name)).exists };
  for (const p of [alice, bob, erin, carol]) await recordSignIn(database.pool, { id: p.id, username: p.username, name: p.name, email: p.email ?? null, groups: p.groups });
  await database.prisma.project.create({ data: { name: "finance-api", ownerGroup: "finance-devs", template: "standard", quotaGiB: 20, state: "ACTIVE", harborId: 1 } });
});
afterAll(async () => {
  const { closeDatabase } = await import("../../lib/db");
  await closeDatabase();
  await chat?.close();
  await smtp?.close();
  await emulator?.close();
  await database?.drop();
});

describe("notifications from the workflow", () => {
  let requestId = "";

  it("tells the approvers (not the requester) of a new request, by email and in their chat channel", async () => {
    const { id, number } = await submitRequest(deps, alice, requestInput.parse({ kind: "GROUP_ACCESS", projectName: "finance-api", groupName: "finance-qa", roleId: 3, justification: "QA pulls the release images" }), ctx(alice));
    requestId = id;
    await pumpAndSend();
    expect(await messages()).toEqual([{ kind: "request.submitted", key: expect.stringMatching(/^audit:\d+:request\.submitted$/) }]);
    for (const address of ["bob@example.com", "erin@example.com"]) {
      const [mail, ...more] = mailsTo(address);
      expect(more).toEqual([]);
      expect(mail?.subject).toBe(`Request #${number} waits for approval: finance-qa as Guest in finance-api`);
      expect(mail?.text).toContain(`Review the request: http://berth.test/requests/${id}`);
      expect(mail?.html).toContain(`href="http://berth.test/requests/${id}"`);
      // RFC 8058: one https link for this person and this kind, and the header that says a POST to it unsubscribes
      expect(unsubscribe(mail)).toMatch(UNSUBSCRIBE_LINK);
      expect(header(mail, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
      expect(mail?.messageId).toMatch(/@berth\.test>$/);
    }
    expect(mailsTo("alice@example.com")).toEqual([]);
    expect(mailsTo("carol@example.com")).toEqual([]);
    const slack = chat.received.filter((r) => r.path === "/slack").map((r) => JSON.parse(r.body) as { text: string; blocks: { type: string }[] });
    expect(slack).toHaveLength(1);
    expect(slack[0]!.text).toContain(`http://berth.test/requests/${id}`);
    expect(slack[0]!.blocks.map((b) => b.type)).toEqual(["section", "context", "actions"]);
    expect(chat.received.filter((r) => r.path !== "/slack")).toEqual([]);
  });

  it("sends nothing for an approval whose transaction rolled back", async () => {
    const before = (await messages()).length;
    const eventsBefore = await database.prisma.auditEvent.count();
    // the approval runs completely, then its transaction is rolled back before commit
    const rollingBack = new Proxy(database.prisma, {
      get(target, prop, receiver) {
        if (prop === "$transaction") {
          return (fn: (tx: unknown) => Promise<unknown>) =>
            target.$transaction(async (tx) => {
              await fn(tx);
              throw new Error("rolled back on purpose");
            });
        }
        return Reflect.get(target, prop, receiver) as unknown;
      },
    }) as Db;
    await expect(decideRequest({ ...deps, db: rollingBack }, bob, { requestId, decision: "APPROVE" }, ctx(bob))).rejects.toThrow("rolled back on purpose");
    await pumpAndSend();
    expect(await database.prisma.auditEvent.count()).toBe(eventsBefore);
    expect((await messages()).length).toBe(before);
    expect(mailsTo("alice@example.com")).toEqual([]);
  });

  it("tells the requester of the approval once it commits; the project channel hears it in Teams' format", async () => {
    await decideRequest(deps, bob, { requestId, decision: "APPROVE" }, ctx(bob));
    await pumpAndSend();
    const kinds = (await messages()).map((m) => m.kind);
    expect(kinds).toEqual(["request.submitted", "request.approved"]);
    const mails = mailsTo("alice@example.com");
    expect(mails.map((m) => m.subject)).toEqual([expect.stringMatching(/^Request #\d+ was approved: finance-qa as Guest in finance-api$/)]);
    expect(mails[0]!.text).toContain("Bob Brenner approved your request");
    const teams = chat.received.filter((r) => r.path === "/teams").map((r) => JSON.parse(r.body) as { type: string; attachments: { contentType: string; content: { type: string; actions: { url: string }[] } }[] });
    expect(teams).toHaveLength(1);
    expect(teams[0]!.type).toBe("message");
    expect(teams[0]!.attachments[0]!.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(teams[0]!.attachments[0]!.content.actions[0]!.url).toBe(`http://berth.test/requests/${requestId}`);
  });

  it("unsubscribes with one click from the email's link, with no session: a POST mutes that kind, a GET or a forged token changes nothing", async () => {
    const { GET, POST } = await import("../../app/api/notify/unsubscribe/route");
    const preference = async () => (await database.pool.query<{ muted: string[]; digest: boolean }>(`SELECT muted, digest FROM "NotifyPreference" WHERE "personId" = $1`, [alice.id])).rows;
    const [approved] = mailsTo("alice@example.com").filter((m) => m.subject?.includes("was approved"));
    const url = UNSUBSCRIBE_LINK.exec(unsubscribe(approved) ?? "")?.[1];
    expect(url).toBeDefined();
    expect(header(approved, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    // the footer offers the same link, and another person's mail another one
    expect(approved!.text).toContain(`Unsubscribe from this kind of message: ${url}`);
    expect(approved!.html).toContain(`href="${url}"`);
    const [bobs] = mailsTo("bob@example.com");
    expect(UNSUBSCRIBE_LINK.exec(unsubscribe(bobs) ?? "")?.[1]).not.toBe(url);
    const oneClick = (target: string) => new Request(target, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" });

    // a link scanner's GET: a page with the button, nothing muted
    const page = await GET(new Request(url!, { headers: { accept: "text/html" } }));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Your request was approved");
    expect(html).toMatch(/<form method="post" action="\?t=u1\.[^"]+"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe<\/button><\/form>/);
    expect(await preference()).toEqual([]);

    // a forged signature, and alice's signature on bob's id: 400, nothing muted
    const token = new URL(url!).searchParams.get("t")!;
    const forged = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    const asBob = token.split(".").map((p, i) => (i === 1 ? Buffer.from(bob.id).toString("base64url") : p)).join(".");
    for (const t of [forged, asBob]) {
      const res = await POST(oneClick(`http://berth.test/api/notify/unsubscribe?t=${t}`));
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("not valid");
    }
    expect((await POST(oneClick("http://berth.test/api/notify/unsubscribe"))).status).toBe(400);
    expect(await preference()).toEqual([]);
    expect((await database.pool.query(`SELECT count(*)::int AS n FROM "NotifyPreference"`)).rows[0]).toEqual({ n: 0 });

    // the mail provider's POST: 200 and that kind muted for alice only, the digest choice kept; again, no change
    const res = await POST(oneClick(url!));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await res.text()).toContain("Your request was approved");
    expect(await preference()).toEqual([{ muted: ["request.approved"], digest: false }]);
    expect((await POST(oneClick(url!))).status).toBe(200);
    expect(await preference()).toEqual([{ muted: ["request.approved"], digest: false }]);
    expect((await database.pool.query(`SELECT count(*)::int AS n FROM "NotifyPreference"`)).rows[0]).toEqual({ n: 1 });
    // and the page says so now
    expect(await (await GET(new Request(url!, { headers: { accept: "text/html" } }))).text()).toContain("You are unsubscribed");
  });

  it("warns of ending access once per threshold, with the one-click extension link, to owners' team leads and the requester", async () => {
    const request = await database.prisma.request.findUniqueOrThrow({ where: { id: requestId } });
    const project = await database.prisma.project.findUniqueOrThrow({ where: { name: "finance-api" } });
    const now = new Date();
    const grant = await database.prisma.grant.create({
      data: { projectId: project.id, projectName: "finance-api", subjectType: "GROUP", subjectName: "finance-ops", roleId: 3, state: "ACTIVE", startsAt: now, endsAt: new Date(now.getTime() + 10 * 86_400_000), requestId: request.id },
    });
    const pass1 = await runScheduledNotifications(database.pool, { now, baseUrl: config.baseUrl, digestHourUtc: 24 });
    const pass2 = await runScheduledNotifications(database.pool, { now, baseUrl: config.baseUrl, digestHourUtc: 24 });
    expect([pass1.ending, pass2.ending]).toEqual([1, 0]);
    await pumpAndSend();
    // alice is the requester and a team lead of finance-devs: one mail, not two
    const ending = mailsTo("alice@example.com").filter((m) => m.subject?.startsWith("Access of group finance-ops"));
    expect(ending).toHaveLength(1);
    expect(ending[0]!.text).toContain(`http://berth.test/requests/new?kind=GRANT_EXTENSION&grant=${grant.id}`);
    // three days before: the second warning, once
    const later = new Date(grant.endsAt!.getTime() - 2 * 86_400_000);
    expect((await runScheduledNotifications(database.pool, { now: later, baseUrl: config.baseUrl, digestHourUtc: 24 })).ending).toBe(1);
    expect((await runScheduledNotifications(database.pool, { now: later, baseUrl: config.baseUrl, digestHourUtc: 24 })).ending).toBe(0);
    await pumpAndSend();
    expect(mailsTo("alice@example.com").filter((m) => m.subject?.startsWith("Access of group finance-ops")).map((m) => m.subject)).toEqual([
      expect.stringContaining("ends in less than 14 days"),
      expect.stringContaining("ends in 3 days"),
    ]);
  });

  it("warns 2 hours before an unrevealed secret is wiped, once; a chain break the trail could not record still goes out, once", async () => {
    const request = await database.prisma.request.findUniqueOrThrow({ where: { id: requestId } });
    const project = await database.prisma.project.findUniqueOrThrow({ where: { name: "finance-api" } });
    const grant = await database.prisma.grant.create({ data: { projectId: project.id, projectName: "finance-api", subjectType: "ROBOT", subjectName: "ci", permissions: [{ resource: "repository", action: "pull" }], state: "ACTIVE", startsAt: new Date(), requestId: request.id } });
    const now = new Date();
    const base = { requestId: request.id, grantId: grant.id, robotName: "robot$finance-api+ci", ciphertext: new Uint8Array([1, 2, 3]), iv: new Uint8Array(12), authTag: new Uint8Array(16) };
    await database.prisma.robotSecret.create({ data: { ...base, expiresAt: new Date(now.getTime() + 90 * 60_000) } });
    await database.prisma.robotSecret.create({ data: { ...base, expiresAt: new Date(now.getTime() + 5 * 3_600_000) } });
    const run = () => runScheduledNotifications(database.pool, { now, baseUrl: config.baseUrl, digestHourUtc: 24 });
    expect([(await run()).wiping, (await run()).wiping]).toEqual([1, 0]);
    expect(await enqueueChainBroken(database.pool, "9", "gap", "event 9 is missing")).toBe(true);
    expect(await enqueueChainBroken(database.pool, "9", "gap", "event 9 is missing")).toBe(false);
    await pumpAndSend();
    const wiping = mailsTo("alice@example.com").filter((m) => m.subject?.startsWith("The secret of robot robot$finance-api+ci is wiped"));
    expect(wiping).toHaveLength(1);
    expect(wiping[0]!.text).toContain(`Reveal the secret: http://berth.test/requests/${request.id}`);
    expect(mailsTo("carol@example.com").filter((m) => m.subject === "The audit trail's hash chain is broken at event 9")).toHaveLength(1);
  });

  it("keeps switched-off messages away, but not mandatory ones, and holds digest messages for the daily digest", async () => {
    await database.pool.query(`INSERT INTO "NotifyPreference" ("personId", muted, digest, "updatedAt") VALUES ($1, '{}', true, now()), ($2, ARRAY['request.submitted'], false, now())`, [bob.id, erin.id]);
    const sent = smtp.mails.length;
    await submitRequest(deps, alice, requestInput.parse({ kind: "GROUP_ACCESS", projectName: "finance-api", groupName: "finance-sre", roleId: 3, justification: "SRE pulls images during incidents" }), ctx(alice));
    await pumpAndSend();
    expect(smtp.mails.slice(sent).map((m) => [m.to, m.subject])).toEqual([]);
    const held = await database.pool.query<{ state: string; target: string }>(`SELECT d.state, d.target FROM "NotifyDelivery" d JOIN "NotifyMessage" m ON m.id = d."messageId" WHERE m.kind = 'request.submitted' AND d.sink = 'email' AND d.state = 'HELD'`);
    expect(held.rows).toEqual([{ state: "HELD", target: `person:${bob.id}` }]);
    const morning = new Date();
    morning.setUTCHours(8, 0, 0, 0);
    expect((await runScheduledNotifications(database.pool, { now: morning, baseUrl: config.baseUrl, digestHourUtc: 7 })).digests).toBe(1);
    expect((await runScheduledNotifications(database.pool, { now: morning, baseUrl: config.baseUrl, digestHourUtc: 7 })).digests).toBe(0);
    await pumpAndSend();
    const digest = mailsTo("bob@example.com").filter((m) => m.subject?.startsWith("Berth digest"));
    expect(digest).toHaveLength(1);
    expect(digest[0]!.text).toContain("finance-sre as Guest in finance-api");
    // mandatory: a broken chain reaches the auditor and both approvers whatever they chose
    await database.pool.query(`UPDATE "NotifyPreference" SET muted = ARRAY['chain.broken']`);
    await database.prisma.$transaction((tx) =>
      import("../../lib/audit/append").then(({ appendAuditEvents }) =>
        appendAuditEvents(tx, { actor: { type: "system", id: "scheduler" } }, [{ action: "audit.chain.broken", objectType: "chain", objectId: "3", after: { brokenAt: "3", reason: "hash-mismatch", detail: "event 3 changed" } }]),
      ),
    );
    await pumpAndSend();
    for (const address of ["carol@example.com", "bob@example.com", "erin@example.com"]) {
      const broken = mailsTo(address).filter((m) => m.subject === "The audit trail's hash chain is broken at event 3");
      expect(broken, address).toHaveLength(1);
      expect(unsubscribe(broken[0])).toBeNull();
      expect(header(broken[0], "List-Unsubscribe-Post")).toBeNull();
    }
    expect(chat.received.filter((r) => r.path === "/mattermost").map((r) => (JSON.parse(r.body) as { text: string }).text.split("\n")[0])).toEqual(["#### The audit trail's hash chain is broken at event 9", "#### The audit trail's hash chain is broken at event 3"]);
  });
});
