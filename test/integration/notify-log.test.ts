import { randomUUID } from "node:crypto";
import { isValidElement, type ReactElement, type ReactNode } from "react";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Principal } from "../../lib/authz/principal";
import { ATTEMPTS_SHOWN, deliveryLog, maskEmail, parseDeliveryLogQuery, scrubError, type DeliveryLogRow } from "../../lib/notify/queries";
import { RetryDeliveryButton } from "../../components/notify/retry-delivery-button";
import { useTestAppEnv } from "../helpers/app-env";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { principalOf } from "../helpers/principals";

// The delivery log (issue 13): its query (newest first, filters, keyset pages both ways, attempts, nothing secret) and
// its page as each role calls it, with the session's principal stubbed (the cookie layer is covered end to end).
const session = vi.hoisted(() => ({ principal: null as Principal | null }));
vi.mock("../../lib/authz/principal", async (importOriginal) => ({ ...(await importOriginal<object>()), getPrincipal: async () => session.principal }));

let db: TestDatabase;
const T0 = Date.parse("2026-03-01T10:00:00.000Z");
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const ids = { bobMail: "", ciDead: "", ciSent: "", adminsChat: "", goneMail: "", leaky: "", tie1: "", tie2: "", many: "" };

async function message(kind: string, title: string, createdAt: Date): Promise<string> {
  const id = randomUUID();
  await db.pool.query(`INSERT INTO "NotifyMessage" (id, key, kind, data, "createdAt", "expandedAt") VALUES ($1, $2, $3, $4, $5, $5)`, [
    id,
    `test:${id}`,
    kind,
    JSON.stringify({ title, lines: [], link: "/requests/r1", linkLabel: "Open", facts: {}, projectName: "p", requestKind: null, requesterId: null, ownerGroup: null }),
    createdAt,
  ]);
  return id;
}

async function delivery(messageId: string, d: { sink: string; target: string; address?: string; state: string; createdAt: Date; lastStatus?: number | null; lastError?: string | null; id?: string }, attempts: { status: number | null; error: string | null; durationMs: number }[] = []): Promise<string> {
  const id = d.id ?? randomUUID();
  await db.pool.query(
    `INSERT INTO "NotifyDelivery" (id, key, "messageId", sink, target, address, state, attempts, "giveUpAt", "lastStatus", "lastError", "createdAt", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7::"DeliveryState", $8, $9, $10, $11, $12, $12)`,
    [id, `test:${id}`, messageId, d.sink, d.target, d.address ?? null, d.state, attempts.length, at(24 * 60), d.lastStatus ?? null, d.lastError ?? null, d.createdAt],
  );
  for (const [i, a] of attempts.entries()) {
    await db.pool.query(`INSERT INTO "NotifyAttempt" ("deliveryId", attempt, at, status, error, "durationMs") VALUES ($1, $2, $3, $4, $5, $6)`, [id, i + 1, new Date(d.createdAt.getTime() + (i + 1) * 1000), a.status, a.error, a.durationMs]);
  }
  return id;
}

beforeAll(async () => {
  db = await createTestDatabase();
  useTestAppEnv({ databaseUrl: db.url, harborUrl: "http://127.0.0.1:9" });
  await db.pool.query(`INSERT INTO "Person" (id, username, name, email, groups, "firstSeenAt", "lastSeenAt") VALUES ('sub-bob', 'bob', 'Bob Baker', 'bob@example.com', '{registry-admins}', now(), now())`);

  const submitted = await message("request.submitted", "Request #7 waits for approval", at(0));
  ids.bobMail = await delivery(submitted, { sink: "email", target: "person:sub-bob", address: "bob@example.com", state: "SENT", createdAt: at(1), lastStatus: 250 }, [{ status: 250, error: null, durationMs: 40 }]);
  ids.ciDead = await delivery(submitted, { sink: "webhook", target: "ci-bot", state: "DEAD", createdAt: at(2), lastStatus: 410, lastError: "HTTP 410" }, [
    { status: 503, error: "HTTP 503", durationMs: 1200 },
    { status: null, error: "network error ECONNREFUSED", durationMs: 3 },
    { status: 410, error: "HTTP 410", durationMs: 15 },
  ]);
  ids.adminsChat = await delivery(submitted, { sink: "chat", target: "admins", state: "PENDING", createdAt: at(3), lastStatus: null, lastError: "timeout" }, [{ status: null, error: "timeout", durationMs: 2000 }]);

  const drift = await message("drift.found", "Harbor differs in finance-api", at(10));
  ids.ciSent = await delivery(drift, { sink: "webhook", target: "ci-bot", state: "SENT", createdAt: at(11), lastStatus: 200 }, [{ status: 200, error: null, durationMs: 25 }]);
  // someone Berth no longer knows, and an error that should never have held an address
  ids.goneMail = await delivery(drift, { sink: "email", target: "person:sub-gone", address: "gone@example.com", state: "HELD", createdAt: at(12) });
  ids.leaky = await delivery(drift, { sink: "chat", target: "admins", state: "DEAD", createdAt: at(13), lastStatus: null, lastError: "could not post to https://hooks.slack.com/services/T0/B0/s3cr3t for ops@example.com" }, [
    { status: null, error: "could not post to https://hooks.slack.com/services/T0/B0/s3cr3t", durationMs: 9 },
  ]);
  // two created in the same millisecond: the id decides their order, and paging loses neither
  ids.tie1 = await delivery(drift, { sink: "webhook", target: "audit-bot", state: "SENT", createdAt: at(20), id: "00000000-0000-4000-8000-000000000001" });
  ids.tie2 = await delivery(drift, { sink: "webhook", target: "audit-bot", state: "SENT", createdAt: at(20), id: "00000000-0000-4000-8000-000000000002" });
  // a receiver down for a long time
  const ending = await message("grant.ending", "Access of ext-acme ends in 3 days", at(30));
  ids.many = await delivery(ending, { sink: "webhook", target: "ci-bot", state: "PENDING", createdAt: at(31), lastStatus: 503, lastError: "HTTP 503" }, Array.from({ length: ATTEMPTS_SHOWN + 5 }, () => ({ status: 503, error: "HTTP 503", durationMs: 10 })));
});

afterAll(async () => {
  const { database } = await import("../../lib/db");
  await database().close();
  await db?.drop();
});

const idsOf = (rows: DeliveryLogRow[]) => rows.map((r) => r.id);
const NEWEST_FIRST = () => [ids.many, ids.tie2, ids.tie1, ids.leaky, ids.goneMail, ids.ciSent, ids.adminsChat, ids.ciDead, ids.bobMail];

describe("deliveryLog", () => {
  it("lists every delivery newest first, with its message, recipient, state and last answer", async () => {
    const { rows, nextCursor, prevCursor } = await deliveryLog(db.pool);
    expect(idsOf(rows)).toEqual(NEWEST_FIRST());
    expect([nextCursor, prevCursor]).toEqual([null, null]);
    const dead = rows.find((r) => r.id === ids.ciDead)!;
    expect(dead).toMatchObject({ kind: "request.submitted", kindLabel: "A request waits for approval", title: "Request #7 waits for approval", link: "/requests/r1", sink: "webhook", recipient: "ci-bot", address: null, state: "DEAD", attempts: 3, lastStatus: 410, lastError: "HTTP 410", attemptsRecorded: 3 });
    const mail = rows.find((r) => r.id === ids.bobMail)!;
    expect(mail).toMatchObject({ sink: "email", recipient: "Bob Baker", address: "b…@example.com", state: "SENT", lastStatus: 250 });
    expect(rows.find((r) => r.id === ids.goneMail)).toMatchObject({ recipient: "a person Berth no longer knows", address: "g…@example.com", state: "HELD", attempts: 0, attemptLog: [] });
  });

  it("lists each delivery's attempts oldest first with status, error and duration, the latest ones after a long outage", async () => {
    const { rows } = await deliveryLog(db.pool);
    const dead = rows.find((r) => r.id === ids.ciDead)!;
    expect(dead.attemptLog.map(({ attempt, status, error, durationMs }) => ({ attempt, status, error, durationMs }))).toEqual([
      { attempt: 1, status: 503, error: "HTTP 503", durationMs: 1200 },
      { attempt: 2, status: null, error: "network error ECONNREFUSED", durationMs: 3 },
      { attempt: 3, status: 410, error: "HTTP 410", durationMs: 15 },
    ]);
    expect(dead.attemptLog[0]!.at).toEqual(new Date(at(2).getTime() + 1000));
    const many = rows.find((r) => r.id === ids.many)!;
    expect(many.attemptLog).toHaveLength(ATTEMPTS_SHOWN);
    expect(many.attemptsRecorded).toBe(ATTEMPTS_SHOWN + 5);
    expect(many.attemptLog[0]!.attempt).toBe(6);
    expect(many.attemptLog.at(-1)!.attempt).toBe(ATTEMPTS_SHOWN + 5);
  });

  it("never shows a URL or a whole address, even one an error should not have held", async () => {
    const { rows } = await deliveryLog(db.pool);
    const text = JSON.stringify(rows);
    expect(text).not.toContain("hooks.slack.com");
    expect(text).not.toContain("s3cr3t");
    expect(text).not.toContain("bob@example.com");
    expect(text).not.toContain("ops@example.com");
    const leaky = rows.find((r) => r.id === ids.leaky)!;
    expect(leaky.lastError).toBe("could not post to [address removed] for o…@example.com");
    expect(leaky.attemptLog[0]!.error).toBe("could not post to [address removed]");
  });

  it("filters by sink, state, message kind and recipient (a channel or subscription name, or a person's name)", async () => {
    const only = async (filters: Parameters<typeof deliveryLog>[1]) => idsOf((await deliveryLog(db.pool, filters)).rows);
    expect(await only({ sink: "webhook" })).toEqual([ids.many, ids.tie2, ids.tie1, ids.ciSent, ids.ciDead]);
    expect(await only({ state: "DEAD" })).toEqual([ids.leaky, ids.ciDead]);
    expect(await only({ kind: "request.submitted" })).toEqual([ids.adminsChat, ids.ciDead, ids.bobMail]);
    expect(await only({ target: "ci-bot" })).toEqual([ids.many, ids.ciSent, ids.ciDead]);
    expect(await only({ target: "Bob Baker" })).toEqual([ids.bobMail]);
    expect(await only({ target: "person:sub-bob" })).toEqual([ids.bobMail]);
    expect(await only({ sink: "webhook", state: "SENT", kind: "drift.found", target: "audit-bot" })).toEqual([ids.tie2, ids.tie1]);
    expect(await only({ target: "nobody" })).toEqual([]);
    expect(await only({ sink: "email", kind: "grant.ending" })).toEqual([]);
  });

  it("pages by keyset forward and back, the first page the same however it is reached, ties losing nothing", async () => {
    const all = NEWEST_FIRST();
    const p1 = await deliveryLog(db.pool, {}, { limit: 2 });
    expect(idsOf(p1.rows)).toEqual(all.slice(0, 2));
    expect(p1.prevCursor).toBeNull();
    const p2 = await deliveryLog(db.pool, {}, { limit: 2, cursor: p1.nextCursor! });
    // the page boundary falls between the two deliveries of the same millisecond
    expect(idsOf(p2.rows)).toEqual(all.slice(2, 4));
    const seen = [...p1.rows, ...p2.rows];
    let page = p2;
    while (page.nextCursor) {
      page = await deliveryLog(db.pool, {}, { limit: 2, cursor: page.nextCursor });
      seen.push(...page.rows);
    }
    expect(idsOf(seen)).toEqual(all);
    expect(page.rows).toHaveLength(1);

    const back = await deliveryLog(db.pool, {}, { limit: 2, cursor: p2.prevCursor! });
    expect(back).toEqual(p1);
    const backFrom3 = await deliveryLog(db.pool, {}, { limit: 2, cursor: (await deliveryLog(db.pool, {}, { limit: 2, cursor: p2.nextCursor! })).prevCursor! });
    expect(idsOf(backFrom3.rows)).toEqual(all.slice(2, 4));

    // filtered pages carry on within the filter
    const w1 = await deliveryLog(db.pool, { sink: "webhook" }, { limit: 3 });
    const w2 = await deliveryLog(db.pool, { sink: "webhook" }, { limit: 3, cursor: w1.nextCursor! });
    expect(idsOf([...w1.rows, ...w2.rows])).toEqual([ids.many, ids.tie2, ids.tie1, ids.ciSent, ids.ciDead]);
    expect(w2.nextCursor).toBeNull();
  });
});

describe("the log page's address", () => {
  it("drops a filter it does not understand with a message naming the field, and applies the rest", () => {
    const q = parseDeliveryLogQuery({ sink: "pigeon", state: "DEAD", kind: "request.exploded", target: "ci\u0000bot" });
    expect(q.filters).toEqual({ state: "DEAD" });
    expect(q.errors).toEqual({
      sink: ["Sink must be email, chat or webhook."],
      kind: ["Message names no kind of notification Berth sends."],
      target: [expect.stringContaining("Target cannot contain invisible or control characters")],
    });
    expect(parseDeliveryLogQuery({ sink: "", state: "", kind: "", target: " " })).toMatchObject({ filters: {}, errors: {}, cursorIgnored: false });
  });

  it("starts over at the first page for a page link it cannot read, and says so", async () => {
    const forged = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    for (const cursor of ["garbage", forged({ t: "2026-03-01T10:00:00.000Z", i: "'; DROP TABLE x; --" }), forged({ t: "0000-01-01T00:00:00.000Z", i: ids.bobMail }), forged({ t: "2026-13-45T99:00:00.000Z", i: ids.bobMail }), "x".repeat(5000)]) {
      const q = parseDeliveryLogQuery({ cursor });
      expect(q, cursor).toMatchObject({ cursor: undefined, cursorIgnored: true });
      // the query itself reads the first page from such a cursor too
      expect(idsOf((await deliveryLog(db.pool, {}, { cursor })).rows), cursor).toEqual(NEWEST_FIRST());
    }
    const good = (await deliveryLog(db.pool, {}, { limit: 2 })).nextCursor!;
    expect(parseDeliveryLogQuery({ cursor: good })).toMatchObject({ cursor: good, cursorIgnored: false });
  });

  it("masks addresses and cuts URLs out of errors", () => {
    expect(maskEmail("bob@example.com")).toBe("b…@example.com");
    expect(maskEmail("nonsense")).toBe("…");
    expect(scrubError("HTTP 503")).toBe("HTTP 503");
    expect(scrubError("failed at HTTPS://user:pw@host/x?token=1 now")).toBe("failed at [address removed] now");
    expect(scrubError(null)).toBeNull();
  });
});

/** Every element type in a server page's answer (its own JSX; components it uses are not rendered). */
function elementsOf(node: ReactNode): ReactElement[] {
  if (Array.isArray(node)) return node.flatMap(elementsOf);
  if (!isValidElement(node)) return [];
  const props = node.props as { children?: ReactNode; action?: ReactNode };
  return [node, ...elementsOf(props.children), ...elementsOf(props.action)];
}

async function openPage(who: Principal, query: Record<string, string> = {}) {
  session.principal = who;
  const { default: Page } = await import("../../app/(portal)/notifications/page");
  return Page({ searchParams: Promise.resolve(query) });
}

describe("the Notification deliveries page", () => {
  it("sends a requester, and someone without a role, back home without reading anything", async () => {
    for (const who of [principalOf("alice"), principalOf("dave")]) {
      const refused = await openPage(who).then(
        () => null,
        (e: unknown) => e as { digest?: string },
      );
      expect(refused?.digest, who.username).toMatch(/^NEXT_REDIRECT;replace;\/;307;/);
      // the layout checks too, above the loading skeleton, so the browser gets a real redirect rather than a streamed 200
      const { default: Layout } = await import("../../app/(portal)/notifications/layout");
      await expect(Layout({ children: null })).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT;replace;\/;307;/) });
    }
    session.principal = principalOf("carol");
    const { default: Layout } = await import("../../app/(portal)/notifications/layout");
    expect(await Layout({ children: "log" })).toBe("log");
  });

  it("shows approvers the log with Send again on undelivered ones, and auditors the same log without it", async () => {
    const bob = elementsOf(await openPage(principalOf("bob")));
    const retries = bob.filter((e) => e.type === RetryDeliveryButton).map((e) => (e.props as { deliveryId: string }).deliveryId);
    expect(retries.sort()).toEqual([ids.ciDead, ids.leaky].sort());
    expect(bob.filter((e) => (e.props as { "data-testid"?: string })["data-testid"] === "delivery-row")).toHaveLength(NEWEST_FIRST().length);

    const carol = elementsOf(await openPage(principalOf("carol")));
    expect(carol.filter((e) => e.type === RetryDeliveryButton)).toEqual([]);
    expect(carol.filter((e) => (e.props as { "data-testid"?: string })["data-testid"] === "delivery-row")).toHaveLength(NEWEST_FIRST().length);
  });

  it("answers a hostile address with the page and a message naming what it ignored", async () => {
    const page = elementsOf(await openPage(principalOf("carol"), { state: "EXPLODED", sink: "webhook", cursor: "%%%" }));
    const text = JSON.stringify(page.map((e) => (e.props as { children?: unknown }).children).filter((c) => typeof c === "string"));
    expect(text).toContain("State must be one of PENDING, SENDING, SENT, DEAD, HELD, DIGESTED.");
    expect(text).toContain("The page link was not understood, so this is the first page.");
    const rows = page.filter((e) => (e.props as { "data-testid"?: string })["data-testid"] === "delivery-row");
    expect(rows.map((e) => (e.props as { "data-sink": string })["data-sink"])).toEqual(["webhook", "webhook", "webhook", "webhook", "webhook"]);
  });
});
