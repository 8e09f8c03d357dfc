import { describe, expect, it } from "vitest";
import { typedRequest } from "../core/payloads";
import { ConfigError } from "../env";
import { fromFile, globMatch, parseNotifyFile } from "./config";
import { deliveryBackoffMs } from "./deliver";
import type { MessageData } from "./kinds";
import { resolveRecipients, type Person } from "./recipients";
import { renderCloudEvent, renderEmail, renderMattermost, renderSlack } from "./render";
import { endingThreshold } from "./scheduled";
import { syslogLine, type SiemRecord } from "./siem";
import { retryAfterMs } from "./sinks/http";
import { messagesFor, type Lookups, type TrailEvent } from "./triggers";

const person = (id: string, groups: string[], extra: Partial<Person> = {}): Person => ({ id, name: id, email: `${id}@example.com`, groups, lastSeenAt: new Date(), muted: [], digest: false, ...extra });
const roleGroups = { approver: ["registry-admins", "finance-admins"], auditor: ["auditors"], requester: ["team-leads"] };
const data = (extra: Partial<MessageData> = {}): MessageData => ({ title: "T <b>", lines: ["a & b"], link: "/requests/r1", linkLabel: "Open", facts: { requestNumber: 7, requestId: "r1" }, projectName: "finance-api", requestKind: "GROUP_ACCESS", requesterId: "alice", ownerGroup: "finance-devs", ...extra });
const base = { routes: [], chat: [], webhooks: [], roleGroups, activeDays: 90 };

describe("recipients", () => {
  const directory = [
    person("alice", ["team-leads", "finance-devs"]),
    person("tom", ["team-leads", "finance-devs"]),
    person("dev", ["finance-devs"]),
    person("bob", ["registry-admins"]),
    person("fay", ["finance-admins"]),
    person("carol", ["auditors"]),
    person("old", ["registry-admins"], { lastSeenAt: new Date(Date.now() - 200 * 86_400_000) }),
    person("noaddress", ["registry-admins"], { email: null }),
  ];
  const ids = (r: ReturnType<typeof resolveRecipients>) => r.people.map((p) => p.person.id).sort();

  it("sends a new request to approvers seen lately, not to its requester, and narrows them by route", () => {
    expect(ids(resolveRecipients("request.submitted", data(), directory, base, new Date()))).toEqual(["bob", "fay"]);
    const routed = { ...base, routes: [{ projects: ["finance-*"], kinds: ["GROUP_ACCESS"], approverGroups: ["finance-admins"] }] };
    expect(ids(resolveRecipients("request.submitted", data(), directory, routed, new Date()))).toEqual(["fay"]);
    expect(ids(resolveRecipients("request.submitted", data({ projectName: "payments" }), directory, routed, new Date()))).toEqual(["bob", "fay"]);
    expect(ids(resolveRecipients("request.submitted", data({ excludePersonIds: ["bob"] }), directory, base, new Date()))).toEqual(["fay"]);
  });

  it("finds an owner group's team leads: in the group and holding the requester role", () => {
    expect(ids(resolveRecipients("grant.ending", data({ requesterId: null }), directory, base, new Date()))).toEqual(["alice", "tom"]);
  });

  it("tells an access review's reminder only to the audience it names: one owner group's team leads, or the approvers", () => {
    const review = (audience: string, kind = "start") => {
      const [m] = messagesFor([{ seq: "4", at: new Date(), action: "review.reminder.sent", objectType: "review", objectId: "c1", projectName: null, subject: null, requestId: null, actorId: "scheduler", actorName: null, after: { campaignNumber: 2, campaignName: "Payments", kind, audience, openItems: 3, dueAt: "2026-12-20T10:00:00.000Z" } }], {} as Lookups).messages;
      return m!.message;
    };
    const owners = review("group:finance-devs");
    expect([owners.kind, owners.data.title, owners.data.link]).toEqual(["review.started", "Access review #2 has started: 3 items for finance-devs to decide", "/reviews?campaign=c1&status=open"]);
    expect(ids(resolveRecipients(owners.kind, owners.data, directory, base, new Date()))).toEqual(["alice", "tom"]);
    const approvers = review("approvers", "halfway");
    expect(approvers.kind).toBe("review.reminder");
    expect(ids(resolveRecipients(approvers.kind, approvers.data, directory, base, new Date()))).toEqual(["bob", "fay"]);
    const escalated = review("approvers", "escalation");
    const muted = directory.map((p) => ({ ...p, muted: ["review.escalated", "review.started"] }));
    expect([escalated.kind, ids(resolveRecipients(escalated.kind, escalated.data, muted, base, new Date()))]).toEqual(["review.escalated", ["bob", "fay"]]);
    expect(ids(resolveRecipients(owners.kind, owners.data, muted, base, new Date()))).toEqual([]);
  });

  it("keeps muted optional messages back but never mandatory ones, and holds approvers' copies for the digest", () => {
    const muted = directory.map((p) => ({ ...p, muted: ["request.failed", "request.submitted"], digest: true }));
    expect(ids(resolveRecipients("request.failed", data(), muted, base, new Date()))).toEqual(["bob", "fay"]);
    const failed = resolveRecipients("request.failed", data(), directory, base, new Date());
    expect(failed.people.map((p) => [p.person.id, p.optional]).sort()).toEqual([["alice", true], ["bob", false], ["fay", false]]);
    const digest = resolveRecipients("request.submitted", data(), directory.map((p) => ({ ...p, digest: p.id === "bob" })), base, new Date());
    expect(digest.people.map((p) => [p.person.id, p.held]).sort()).toEqual([["bob", true], ["fay", false]]);
    expect(ids(resolveRecipients("chain.broken", data(), muted, base, new Date()))).toEqual(["bob", "carol", "fay"]);
  });

  it("picks chat channels by role, project and kind, and webhooks by event filter", () => {
    const config = fromFile(
      parseNotifyFile(
        JSON.stringify({
          chat: [
            { name: "admins", format: "slack", url: "http://x/a", roles: ["approver"] },
            { name: "finance", format: "teams", url: "http://x/f", roles: ["requester", "owner"], projects: ["finance-*"] },
            { name: "drift-only", format: "mattermost", url: "http://x/d", kinds: ["drift.*"] },
          ],
          webhooks: [{ name: "ci", url: "http://x/ci", secret: "k", events: ["request.*"] }],
        }),
      ),
    );
    const names = (kind: string, d = data()) => {
      const r = resolveRecipients(kind, d, [], { ...base, ...config }, new Date());
      return [...r.channels.map((c) => c.name), ...r.webhooks.map((w) => `hook:${w.name}`)];
    };
    expect(names("request.submitted")).toEqual(["admins", "hook:ci"]);
    expect(names("request.approved")).toEqual(["finance", "hook:ci"]);
    expect(names("request.approved", data({ projectName: "payments" }))).toEqual(["hook:ci"]);
    expect(names("drift.found")).toEqual(["admins", "drift-only"]);
    expect(names("chain.broken", data({ projectName: null }))).toEqual(["admins"]);
  });
});

describe("the notification file", () => {
  it("names the bad entry and never the value", () => {
    const error = (() => {
      try {
        parseNotifyFile(JSON.stringify({ chat: [{ name: "Bad Name", format: "irc", url: "https://hooks.example/T0KEN" }] }));
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.message).toMatch(/chat\.0\.name/);
    expect(error!.message).toMatch(/chat\.0\.format/);
    expect(error!.message).not.toContain("T0KEN");
    expect(() => parseNotifyFile("{not json")).toThrow(/not valid JSON/);
    expect(() => parseNotifyFile(JSON.stringify({ chat: [{ name: "a", format: "slack", url: "u" }], webhooks: [{ name: "a", url: "u", secret: "s" }] }))).toThrow(/name a is used twice/);
  });

  it("reads secrets only from BERTH_NOTIFY_SECRET_ variables", () => {
    expect(() => fromFile(parseNotifyFile(JSON.stringify({ webhooks: [{ name: "a", url: "http://x", secret: { env: "DATABASE_URL" } }] })))).toThrow(/BERTH_NOTIFY_SECRET_/);
    expect(() => fromFile(parseNotifyFile(JSON.stringify({ webhooks: [{ name: "a", url: "http://x", secret: { env: "BERTH_NOTIFY_SECRET_UNSET_IN_TESTS" } }] })))).toThrow(/is required/);
  });

  it("matches globs on whole names", () => {
    expect(globMatch("finance-*", "finance-api")).toBe(true);
    expect(globMatch("finance-*", "xfinance-api")).toBe(false);
    expect(globMatch("request.*", "request.submitted")).toBe(true);
    expect(globMatch("a.b", "axb")).toBe(false);
  });
});

describe("rendering", () => {
  const message = { id: "m1", key: "k", kind: "request.rejected", data: data(), createdAt: new Date("2026-04-01T09:00:00.000Z") };

  it("escapes HTML in email and keeps the deep link in both parts", () => {
    const mail = renderEmail(message, "https://berth.example.com", true);
    expect(mail.subject).toBe("T <b>");
    expect(mail.html).toContain("T &lt;b&gt;");
    expect(mail.html).toContain("a &amp; b");
    expect(mail.html).toContain('href="https://berth.example.com/requests/r1"');
    expect(mail.text).toContain("Open: https://berth.example.com/requests/r1");
    expect(mail.text).toContain("switch this kind of message off");
    expect(renderEmail(message, "https://berth.example.com", false).text).toContain("cannot be switched off");
  });

  it("ends an optional email with its unsubscribe link and the profile's, a mandatory one with neither", () => {
    const link = "https://berth.example.com/api/notify/unsubscribe?t=u1.a.b.c&x=<y>";
    const mail = renderEmail(message, "https://berth.example.com", true, link);
    expect(mail.text.split("\n").slice(-2)).toEqual([`Berth. Unsubscribe from this kind of message: ${link}`, "Or choose what you get on your profile: https://berth.example.com/profile#notifications"]);
    expect(mail.html).toContain('<a href="https://berth.example.com/api/notify/unsubscribe?t=u1.a.b.c&amp;x=&lt;y&gt;">Unsubscribe from this kind of message</a>');
    expect(mail.html).toContain('<a href="https://berth.example.com/profile#notifications">your profile</a>');
    const mandatory = renderEmail(message, "https://berth.example.com", false, link);
    expect(mandatory.text).not.toContain("unsubscribe");
    expect(mandatory.html).not.toContain("unsubscribe");
  });

  it("speaks each chat's format", () => {
    const slack = renderSlack(message, "https://b");
    expect(slack.blocks[0]).toEqual({ type: "section", text: { type: "mrkdwn", text: "*<https://b/requests/r1|T &lt;b&gt;>*\na &amp; b" } });
    expect(renderMattermost(message, "https://b").text).toBe("#### T \\<b\\>\na & b\nrequest number: 7\n[Open](https://b/requests/r1)");
  });

  it("makes a CloudEvent whose id is the message's", () => {
    expect(renderCloudEvent(message, "https://b")).toEqual({
      specversion: "1.0",
      id: "m1",
      source: "https://b",
      type: "berth.request.rejected",
      subject: "/requests/r1",
      time: "2026-04-01T09:00:00.000Z",
      datacontenttype: "application/json",
      data: { title: "T <b>", link: "https://b/requests/r1", requestNumber: 7, requestId: "r1" },
    });
  });

  it("writes RFC 5424 syslog with seq and hashes in structured data", () => {
    const record = { seq: "42", at: "2026-04-01T09:00:00.123Z", action: "audit.chain.broken", hash: "a".repeat(64), prevHash: "b".repeat(64) } as SiemRecord;
    const line = syslogLine(record, { hostname: "berth 1", enterpriseId: 32473 });
    expect(line.startsWith(`<106>1 2026-04-01T09:00:00.123Z berth_1 berth - audit.chain.broken [berth@32473 seq="42" hash="${"a".repeat(64)}" prevHash="${"b".repeat(64)}"] \u{feff}{`)).toBe(true);
    expect(JSON.parse(line.slice(line.indexOf("\u{feff}") + 1))).toMatchObject({ seq: "42" });
    expect(syslogLine({ ...record, action: "grant.revoked" }, { hostname: "h", enterpriseId: 1 })).toMatch(/^<110>1 /);
  });
});

describe("timing", () => {
  it("warns at 14 days, then at 3, never after the end", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    const at = (days: number) => new Date(now.getTime() + days * 86_400_000);
    expect([20, 14, 10, 3, 0.5, 0, -1].map((d) => endingThreshold(at(d), now))).toEqual([null, 14, 14, 3, 3, null, null]);
  });

  it("backs off exponentially with jitter up to the cap, and honours Retry-After", () => {
    expect(deliveryBackoffMs(1, 2000, 600_000, () => 0)).toBe(1000);
    expect(deliveryBackoffMs(3, 2000, 600_000, () => 1)).toBe(8000);
    expect(deliveryBackoffMs(30, 2000, 600_000, () => 1)).toBe(600_000);
    expect(retryAfterMs("7")).toBe(7000);
    expect(retryAfterMs("nonsense")).toBeUndefined();
  });
});

describe("triggers", () => {
  const event = (seq: string, action: string, extra: Partial<TrailEvent> = {}): TrailEvent => ({ seq, at: new Date(), action, objectType: "request", objectId: "r", projectName: "p", subject: null, requestId: null, actorId: "u-bob", actorName: "Bob", after: null, ...extra });
  const request = (id: string, payload: unknown) => ({ id, number: 3, kind: "GROUP_ACCESS" as const, payload, requesterId: "u-alice", requesterName: "Alice", justification: "why", requiredApprovals: 2, projectName: "p" });
  // a stand-in for governance's describer that, like the real one, reads only a payload of the kind's shape
  const summary = (r: ReturnType<typeof request>) => {
    const typed = typedRequest(r.kind, r.payload);
    return typed.kind === "GROUP_ACCESS" ? `group ${typed.payload.groupName}` : typed.kind;
  };
  const look = (rows: ReturnType<typeof request>[]): Lookups => ({ request: (id) => rows.find((r) => r.id === id) ?? null, summary, ownerGroup: () => "p-devs", secretExpiresAt: () => null });

  it("passes over an event it cannot read instead of holding up the ones after it", () => {
    const good = request("r-good", { projectName: "p", groupName: "qa", roleId: 3, replacesGrantId: null, previousRoleId: null });
    const bad = request("r-bad", { nonsense: true });
    const out = messagesFor([event("5", "request.created", { requestId: "r-bad" }), event("6", "request.created", { requestId: "r-good" }), event("7", "job.step.succeeded")], look([good, bad]));
    expect(out.failed).toEqual([{ seq: "5", action: "request.created" }]);
    expect(out.messages.map((m) => [m.key, m.message.data.title])).toEqual([["audit:6:request.submitted", "Request #3 waits for approval: group qa"]]);
    expect(out.messages[0]!.message.data.excludePersonIds).toEqual(["u-alice"]);
  });

  it("announces a first approval of two, but not a rejection's record or the last approval", () => {
    const r = request("r1", { projectName: "p", groupName: "qa", roleId: 1, replacesGrantId: null, previousRoleId: null });
    const approval = (after: Record<string, unknown>) => event("9", "approval.recorded", { requestId: "r1", after });
    expect(messagesFor([approval({ decision: "APPROVE", approvals: 1, requiredApprovals: 2 })], look([r])).messages.map((m) => m.message.kind)).toEqual(["request.second-approval"]);
    expect(messagesFor([approval({ decision: "APPROVE", approvals: 2, requiredApprovals: 2 })], look([r])).messages).toEqual([]);
    expect(messagesFor([approval({ decision: "REJECT" })], look([r])).messages).toEqual([]);
  });
});
