import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAuditEvents } from "@/lib/audit/append";
import { encodeCursor, eventLog, grantDetail, grantHistory, type GrantHistoryFiltersInput } from "@/lib/audit/queries";
import type { Grant } from "@/lib/generated/prisma/client";
import { activateGrant, alice, bob, createProject, createRequest, endGrant, erin } from "./audit-fixtures";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { prepared } from "@/lib/sql";

const DAY = 86_400_000;
const base = new Date("2025-06-01T08:00:00.000Z");
const carl = { id: "u-carl", name: "Carl" };

describe("grant history, grant detail and the event log", () => {
  let db: TestDatabase;
  let grants: (Grant & { requesterId: string; approverIds: string[] })[] = [];
  let pendingId = "";

  beforeAll(async () => {
    db = await createTestDatabase();
    const projects = [await createProject(db.prisma, "finance"), await createProject(db.prisma, "payments"), await createProject(db.prisma, "ops")];
    const active = new Map<string, Grant>();
    for (let i = 0; i < 24; i++) {
      const project = projects[i % 3]!;
      const robot = i % 5 === 4;
      const subjectName = robot ? `ci-${"abc"[i % 3]}` : `team-${"abcd"[i % 4]}`;
      const key = `${project.name}/${robot}/${subjectName}`;
      // two grants start at the same instant, so the id breaks the tie
      const at = new Date(base.getTime() + (i === 13 ? 12 : i) * DAY);
      const previous = active.get(key);
      if (previous) await endGrant(db.prisma, previous, i % 2 ? "grant.expired" : "grant.revoked", new Date(at.getTime() - 1000));
      const { grant } = await activateGrant(db.prisma, {
        project,
        subjectType: robot ? "ROBOT" : "GROUP",
        subjectName,
        roleId: robot ? undefined : (i % 5) + 1,
        permissions: robot ? [{ resource: "repository", action: "pull" }] : undefined,
        at,
        endsAt: i % 3 === 0 ? null : new Date(at.getTime() + (40 - i) * DAY),
        approvers: i % 3 === 0 ? [bob, erin] : i % 3 === 1 ? [bob] : [erin],
        requester: i % 2 ? carl : undefined,
      });
      active.set(key, grant);
    }
    // a grant still waiting for provisioning: no start yet, so it sorts by when it was created
    const finance = projects[0]!;
    const request = await createRequest(db.prisma, { projectName: "finance", subjectKey: "group:team-z", approvers: [bob], at: new Date(base.getTime() + 5.5 * DAY) });
    const pending = await db.prisma.grant.create({
      data: { projectId: finance.id, projectName: "finance", subjectType: "GROUP", subjectName: "team-z", roleId: 3, state: "PENDING", requestId: request.id, createdAt: new Date(base.getTime() + 5.5 * DAY) },
    });
    pendingId = pending.id;
    const job = await db.prisma.provisioningJob.create({ data: { kind: "PROVISION", state: "FAILED", requestId: request.id, grantId: pending.id, attempts: 3, lastError: "Harbor said 503" } });
    await db.prisma.provisioningStep.createMany({
      data: [
        { jobId: job.id, ordinal: 1, key: "member", label: "Add the group to the project", state: "FAILED", attempts: 3, harborRequestId: "hr-1", error: "503" },
        { jobId: job.id, ordinal: 0, key: "check", label: "Check the project", state: "SUCCEEDED", attempts: 1, harborRequestId: "hr-0", startedAt: base, finishedAt: base },
      ],
    });
    await db.prisma.$transaction((tx) =>
      appendAuditEvents(tx, alice, [
        { action: "request.created", objectType: "request", objectId: request.id, requestId: request.id, projectName: "finance" },
        { action: "job.failed", objectType: "job", objectId: job.id, requestId: request.id, projectName: "finance", harborRequestId: "hr-1" },
      ]),
    );
    const all = await db.prisma.grant.findMany({ include: { request: { include: { approvals: true } } } });
    grants = all.map(({ request, ...g }) => ({ ...g, requesterId: request.requesterId, approverIds: request.approvals.map((a) => a.approverId) }));
  });
  afterAll(async () => {
    await db.drop();
  });

  const start = (g: Grant) => (g.startsAt ?? g.createdAt).getTime();
  const end = (g: Grant) => (g.endsAt ? g.endsAt.getTime() : Number.POSITIVE_INFINITY);
  const cmp = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0);
  const keys: Record<string, (g: Grant) => (number | string)[]> = {
    startsAt: (g) => [start(g), g.id],
    endsAt: (g) => [end(g), g.id],
    project: (g) => [g.projectName, start(g), g.id],
    subject: (g) => [g.subjectName, start(g), g.id],
  };
  const expected = (list: typeof grants, sort: string, dir: "asc" | "desc") =>
    [...list]
      .sort((a, b) => {
        const ka = keys[sort]!(a);
        const kb = keys[sort]!(b);
        for (let i = 0; i < ka.length; i++) {
          const c = cmp(ka[i]!, kb[i]!);
          if (c) return dir === "asc" ? c : -c;
        }
        return 0;
      })
      .map((g) => g.id);

  async function allPages(filters: GrantHistoryFiltersInput, limit: number) {
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const page = await grantHistory(db.pool, filters, { cursor, limit });
      expect(page.rows.length).toBeLessThanOrEqual(limit);
      ids.push(...page.rows.map((r) => r.grantId));
      if (!page.nextCursor) return ids;
      cursor = page.nextCursor;
    }
    throw new Error("pagination did not end");
  }

  it("pages through every grant in every sort order without skipping or repeating", async () => {
    expect(grants).toHaveLength(25);
    for (const sort of ["startsAt", "endsAt", "project", "subject"] as const) {
      for (const dir of ["asc", "desc"] as const) {
        expect(await allPages({ sort, dir }, 4), `${sort} ${dir}`).toEqual(expected(grants, sort, dir));
      }
    }
  });

  it("pages back from the last page to the first through prevCursor, the same pages in every sort order", async () => {
    for (const sort of ["startsAt", "endsAt", "project", "subject"] as const) {
      for (const dir of ["asc", "desc"] as const) {
        const forward: { ids: string[]; prev: string | null }[] = [];
        let cursor: string | undefined;
        let last = await grantHistory(db.pool, { sort, dir }, { limit: 4 });
        forward.push({ ids: last.rows.map((r) => r.grantId), prev: last.prevCursor });
        while (last.nextCursor) {
          cursor = last.nextCursor;
          last = await grantHistory(db.pool, { sort, dir }, { cursor, limit: 4 });
          forward.push({ ids: last.rows.map((r) => r.grantId), prev: last.prevCursor });
        }
        expect(forward[0]!.prev, `${sort} ${dir}: the first page has none before it`).toBeNull();
        // 25 grants in pages of 4: the last page is short, and every page before it is whole
        expect(forward.map((p) => p.ids.length)).toEqual([4, 4, 4, 4, 4, 4, 1]);
        const backward: string[][] = [];
        let prev = forward[forward.length - 1]!.prev;
        while (prev) {
          const page = await grantHistory(db.pool, { sort, dir }, { cursor: prev, limit: 4 });
          backward.unshift(page.rows.map((r) => r.grantId));
          expect(page.nextCursor, `${sort} ${dir}: a page reached backward leads on`).not.toBeNull();
          prev = page.prevCursor;
        }
        expect(backward, `${sort} ${dir}`).toEqual(forward.slice(0, -1).map((p) => p.ids));
      }
    }
  });

  it("reads the first page whole when a backward cursor is near the start", async () => {
    const first = await grantHistory(db.pool, {}, { limit: 4 });
    const second = await grantHistory(db.pool, {}, { limit: 4, cursor: first.nextCursor! });
    // back from the second page with a page of 6: only 4 rows lie before it, so the first page of 6 comes back
    const back = await grantHistory(db.pool, {}, { limit: 6, cursor: second.prevCursor! });
    expect(back.rows.map((r) => r.grantId)).toEqual([...first.rows, ...second.rows].slice(0, 6).map((r) => r.grantId));
    expect(back.prevCursor).toBeNull();
  });

  it("returns rows with role names, request and approvers", async () => {
    const { rows } = await grantHistory(db.pool, { sort: "startsAt", dir: "asc" }, { limit: 1 });
    const first = grants.find((g) => g.id === rows[0]!.grantId)!;
    expect(rows[0]).toMatchObject({ projectName: "finance", subjectType: "GROUP", subjectName: "team-a", roleId: 1, roleName: "Project Admin", requesterId: "u-alice", requesterName: "Alice", requestId: first.requestId });
    expect(rows[0]!.approvers.map((a) => a.name)).toEqual(["Bob", "Erin"]);
    expect(typeof rows[0]!.requestNumber).toBe("number");
  });

  it("filters by project, subject, type, role, state, approver, requester and period", async () => {
    const check = async (filters: GrantHistoryFiltersInput, predicate: (g: (typeof grants)[number]) => boolean) => {
      const want = expected(grants.filter(predicate), "startsAt", "desc");
      expect(want.length, JSON.stringify(filters)).toBeGreaterThan(0);
      expect(await allPages(filters, 3), JSON.stringify(filters)).toEqual(want);
    };
    await check({ project: "payments" }, (g) => g.projectName === "payments");
    await check({ subject: "team-b" }, (g) => g.subjectName === "team-b");
    await check({ subjectType: "ROBOT" }, (g) => g.subjectType === "ROBOT");
    await check({ roleId: "2" }, (g) => g.roleId === 2);
    await check({ state: "EXPIRED" }, (g) => g.state === "EXPIRED");
    await check({ state: "PENDING" }, (g) => g.state === "PENDING");
    await check({ approver: "u-erin" }, (g) => g.approverIds.includes("u-erin"));
    await check({ approver: "Erin", project: "ops" }, (g) => g.approverIds.includes("u-erin") && g.projectName === "ops");
    await check({ requester: "Carl" }, (g) => g.requesterId === "u-carl");
    const from = new Date(base.getTime() + 10 * DAY);
    const to = new Date(base.getTime() + 15 * DAY);
    await check({ from, to }, (g) => start(g) < to.getTime() && (g.endedAt === null || g.endedAt.getTime() >= from.getTime()));
  });

  it("starts again at the first page when a cursor belongs to another sort order", async () => {
    const first = await grantHistory(db.pool, { sort: "project" }, { limit: 2 });
    const foreign = encodeCursor({ s: "startsAt", d: "desc", k: ["2025-06-10 08:00:00+00", grants[0]!.id] });
    expect((await grantHistory(db.pool, { sort: "project" }, { limit: 2, cursor: foreign })).rows).toEqual(first.rows);
    expect((await grantHistory(db.pool, { sort: "project" }, { limit: 2, cursor: "garbage" })).rows).toEqual(first.rows);
    // keys of the right shape that are not dates or ids: PostgreSQL cannot cast them, and the first page comes back,
    // also through the named statements the audit pages use (the statement stays prepared; only its values fail)
    for (const via of [db.pool, prepared(db.pool)]) {
      for (const k of [["x", "not-a-date", "not-a-uuid"], ["finance", "2026-13-45 99:00:00+00", grants[0]!.id], ["finance", "2025-06-10 08:00:00+00", "zzzz"]]) {
        for (const b of [undefined, 1 as const]) {
          const page = await grantHistory(via, { sort: "project" }, { limit: 2, cursor: encodeCursor({ s: "project", d: "desc", k, b }) });
          expect(page.rows, JSON.stringify(k)).toEqual(first.rows);
          expect(page.prevCursor).toBeNull();
        }
      }
      expect((await grantHistory(via, { sort: "project" }, { limit: 2 })).rows).toEqual(first.rows);
    }
  });

  it("rejects invalid filters", async () => {
    await expect(grantHistory(db.pool, { state: "NOPE" as "ACTIVE" })).rejects.toThrow();
  });

  it("shows one grant with its request, approvals, provisioning steps and events", async () => {
    const detail = await grantDetail(db.pool, pendingId.toUpperCase());
    expect(detail).not.toBeNull();
    expect(detail!.grant).toMatchObject({ grantId: pendingId, state: "PENDING", startsAt: null, subjectName: "team-z" });
    expect(detail!.request).toMatchObject({ projectName: "finance", kind: "GROUP_ACCESS", requesterName: "Alice" });
    expect(detail!.approvals.map((a) => [a.approverName, a.decision])).toEqual([["Bob", "APPROVE"]]);
    expect(detail!.jobs).toHaveLength(1);
    expect(detail!.jobs[0]!.steps.map((s) => [s.ordinal, s.key, s.state, s.harborRequestId])).toEqual([
      [0, "check", "SUCCEEDED", "hr-0"],
      [1, "member", "FAILED", "hr-1"],
    ]);
    expect(detail!.jobs[0]!.steps[0]!.startedAt).toEqual(base);
    expect(detail!.events.map((e) => e.action)).toEqual(["request.created", "job.failed"]);
  });

  it("links an expired or superseded grant to its ending event and its successor", async () => {
    const ended = grants.find((g) => g.state === "REVOKED")!;
    const detail = (await grantDetail(db.pool, ended.id))!;
    expect(detail.events.map((e) => e.action)).toEqual(["grant.activated", "grant.revoked"]);
    expect(detail.events[1]!.after).toMatchObject({ endedBy: "u-bob", reason: "no longer needed" });
    expect(detail.supersededById).toBeNull();
    expect(await grantDetail(db.pool, "00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await grantDetail(db.pool, "not-a-uuid")).toBeNull();
  });

  it("lists events newest first, keyset-paginated on seq", async () => {
    const total = Number((await db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM "AuditEvent"`)).rows[0]!.n);
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await eventLog(db.pool, {}, { cursor, limit: 7 });
      seen.push(...page.rows.map((r) => Number(r.seq)));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => total - i));
  });

  it("pages the event log back to the newest events through prevCursor", async () => {
    const pages: { seqs: string[]; prev: string | null }[] = [];
    let page = await eventLog(db.pool, {}, { limit: 7 });
    pages.push({ seqs: page.rows.map((r) => r.seq), prev: page.prevCursor });
    while (page.nextCursor) {
      page = await eventLog(db.pool, {}, { cursor: page.nextCursor, limit: 7 });
      pages.push({ seqs: page.rows.map((r) => r.seq), prev: page.prevCursor });
    }
    expect(pages.length).toBeGreaterThan(2);
    expect(pages[0]!.prev).toBeNull();
    const back: string[][] = [];
    let prev = pages[pages.length - 1]!.prev;
    while (prev) {
      expect(prev).toMatch(/^n\d+$/);
      const p = await eventLog(db.pool, {}, { cursor: prev, limit: 7 });
      back.unshift(p.rows.map((r) => r.seq));
      prev = p.prevCursor;
    }
    expect(back).toEqual(pages.slice(0, -1).map((p) => p.seqs));
    const newest = await eventLog(db.pool, {}, { limit: 7 });
    for (const cursor of ["x12", "9999999999999999999", "n9999999999999999999"]) expect(await eventLog(db.pool, {}, { cursor, limit: 7 }), cursor).toEqual(newest);
  });

  it("filters the event log", async () => {
    const actions = async (filters: Parameters<typeof eventLog>[1]) => (await eventLog(db.pool, filters, { limit: 500 })).rows;
    const grantEvents = await actions({ action: "grant" });
    expect(grantEvents.length).toBeGreaterThan(24);
    expect(new Set(grantEvents.map((e) => e.action))).toEqual(new Set(["grant.activated", "grant.expired", "grant.revoked"]));
    expect((await actions({ action: "grant.revoked" })).every((e) => e.action === "grant.revoked")).toBe(true);
    expect(await actions({ action: "gran" })).toEqual([]);
    const job = await actions({ objectType: "job" });
    expect(job.map((e) => e.action)).toEqual(["job.failed"]);
    expect((await actions({ objectId: job[0]!.objectId })).map((e) => e.seq)).toEqual([job[0]!.seq]);
    expect((await actions({ project: "ops" })).every((e) => e.projectName === "ops")).toBe(true);
    expect((await actions({ actor: "Alice" })).map((e) => e.action)).toEqual(["job.failed", "request.created"]);
    expect((await actions({ actor: "u-bob" })).every((e) => e.action === "grant.revoked")).toBe(true);
    expect((await actions({ requestId: job[0]!.requestId! })).map((e) => e.action)).toEqual(["job.failed", "request.created"]);
    const from = new Date(base.getTime() + 3 * DAY);
    const to = new Date(base.getTime() + 4 * DAY);
    const window = await actions({ action: "grant.activated", from, to });
    expect(window).toHaveLength(1);
    expect(window[0]!.at).toEqual(from);
  });
});
