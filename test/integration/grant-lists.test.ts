import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activateGrant } from "./audit-fixtures";
import { expiringSoon, failedJobs, listGrants, projectDetail, secretsWaiting } from "@/lib/governance/queries";
import { DomainError } from "@/lib/core/errors";
import { pipelinedPool, prepared, type Queryable } from "@/lib/sql";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { principalOf } from "../helpers/principals";

// The grant, failed-job, secret and project reads of the home, grants and project pages, each in plain statements:
// who sees which grant (grantScope's rule), the filters taken literally, the order, and what each row carries.

let db: TestDatabase;
let reads: Queryable;
const alice = principalOf("alice"); // groups team-leads, finance-devs
const bob = principalOf("bob");
const now = new Date("2026-06-10T12:00:00Z");
const DAY = 86_400_000;
const ids: Record<string, string> = {};

async function project(name: string, ownerGroup: string) {
  return db.prisma.project.create({ data: { name, ownerGroup, template: "standard", quotaGiB: 10, state: "ACTIVE" } });
}

beforeAll(async () => {
  db = await createTestDatabase();
  reads = prepared(db.pool);
  const fin = await project("fin-api", "finance-devs");
  const ops = await project("ops-tools", "ops");
  const at = (days: number) => new Date(now.getTime() - days * DAY);
  const grant = async (key: string, o: Omit<Parameters<typeof activateGrant>[1], "at"> & { daysAgo: number }) => {
    const { grant } = await activateGrant(db.prisma, { ...o, at: at(o.daysAgo), requester: { id: "sub-alice", name: "Alice Andersen" } });
    ids[key] = grant.id;
    return grant;
  };
  await grant("old", { project: fin, subjectType: "GROUP", subjectName: "old-team", roleId: 2, daysAgo: 40 });
  await db.pool.query(`UPDATE "Grant" SET state = 'REVOKED', "endedAt" = $2 WHERE id = $1`, [ids.old, at(30)]);
  await grant("teamUnderscore", { project: fin, subjectType: "GROUP", subjectName: "team_a", roleId: 2, daysAgo: 10, endsAt: new Date(now.getTime() + 3 * DAY) });
  await grant("teamX", { project: fin, subjectType: "GROUP", subjectName: "teamXa", roleId: 3, daysAgo: 9, endsAt: new Date(now.getTime() + 20 * DAY) });
  await grant("robot", { project: fin, subjectType: "ROBOT", subjectName: "ci", permissions: [{ resource: "repository", action: "pull" }], daysAgo: 8 });
  await grant("held", { project: ops, subjectType: "GROUP", subjectName: "finance-devs", roleId: 3, daysAgo: 7, endsAt: new Date(now.getTime() + 1 * DAY) });
  await grant("foreign", { project: ops, subjectType: "GROUP", subjectName: "qa", roleId: 2, daysAgo: 6, endsAt: new Date(now.getTime() + 2 * DAY) });
});
afterAll(async () => {
  await db?.drop();
});

const names = (rows: { subjectName: string }[]) => rows.map((r) => r.subjectName);

describe("listGrants", () => {
  it("shows a requester the grants of projects their groups own and the grants their groups hold, newest first", async () => {
    const rows = await listGrants(reads, alice, {}, now);
    expect(names(rows)).toEqual(["finance-devs", "ci", "teamXa", "team_a", "old-team"]);
    const held = rows.find((r) => r.id === ids.held)!;
    // a grant alice's group holds in a project it does not own: visible, but not hers to manage
    expect(held).toMatchObject({ projectName: "ops-tools", project: { ownerGroup: "ops" }, canManage: false, roleLabel: "Guest", state: "ACTIVE", subjectType: "GROUP" });
    expect(rows.find((r) => r.id === ids.teamUnderscore)).toMatchObject({ canManage: true, project: { ownerGroup: "finance-devs" }, roleLabel: "Developer" });
    const request = await db.prisma.request.findFirstOrThrow({ where: { grants: { some: { id: ids.robot } } } });
    expect(rows.find((r) => r.id === ids.robot)).toMatchObject({ request: { id: request.id, number: request.number, requesterName: "Alice Andersen" }, permissions: [{ resource: "repository", action: "pull" }], roleId: null });
  });

  it("shows an approver every grant, and stops at the limit", async () => {
    expect(names(await listGrants(reads, bob, {}, now))).toEqual(["qa", "finance-devs", "ci", "teamXa", "team_a", "old-team"]);
    expect(names(await listGrants(reads, bob, {}, now, 2))).toEqual(["qa", "finance-devs"]);
  });

  it("filters by project and subject, case-insensitively and with LIKE's wildcards taken literally", async () => {
    expect(names(await listGrants(reads, bob, { subject: "TEAM_A" }, now))).toEqual(["team_a"]);
    expect(names(await listGrants(reads, bob, { subject: "%" }, now))).toEqual([]);
    expect(names(await listGrants(reads, bob, { project: "OPS" }, now))).toEqual(["qa", "finance-devs"]);
    // the filter narrows what the principal may see, never widens it
    expect(names(await listGrants(reads, alice, { project: "ops" }, now))).toEqual(["finance-devs"]);
  });

  it("filters by type, role and state", async () => {
    expect(names(await listGrants(reads, bob, { type: "ROBOT" }, now))).toEqual(["ci"]);
    expect(names(await listGrants(reads, bob, { role: 3 }, now))).toEqual(["finance-devs", "teamXa"]);
    expect(names(await listGrants(reads, bob, { state: "REVOKED" }, now))).toEqual(["old-team"]);
  });

  it("lists active grants ending within the days asked, soonest first", async () => {
    expect(names(await listGrants(reads, bob, { expiring: 7 }, now))).toEqual(["finance-devs", "qa", "team_a"]);
    expect(names(await expiringSoon(reads, alice, 7, now))).toEqual(["finance-devs", "team_a"]);
    expect(names(await expiringSoon(reads, alice, 30, now))).toEqual(["finance-devs", "team_a", "teamXa"]);
  });
});

describe("projectDetail", () => {
  it("reads a project its owner may see, with its grants in state order then newest first, and its open requests", async () => {
    const open = await db.prisma.request.create({
      data: { kind: "GROUP_ACCESS", payload: { projectName: "fin-api", groupName: "team-z", roleId: 2 }, justification: "open", requesterId: "sub-alice", requesterName: "Alice Andersen", requesterGroups: ["team-leads"], projectName: "fin-api", state: "PENDING", policyChecks: [], requiredApprovals: 1 },
    });
    const detail = await projectDetail(reads, alice, "fin-api");
    expect(detail.project).toMatchObject({ name: "fin-api", ownerGroup: "finance-devs", state: "ACTIVE", quotaGiB: 10 });
    expect(names(detail.grants)).toEqual(["ci", "teamXa", "team_a", "old-team"]);
    expect(detail.grants[0]).toMatchObject({ harborRobotName: null, roleLabel: expect.any(String), request: { requesterName: "Alice Andersen", approvals: [{ approverName: "Bob" }] } });
    expect(detail.grants[0]!.updatedAt).toBeInstanceOf(Date);
    expect(detail.openRequests.map((r) => r.id)).toEqual([open.id]);
    expect(detail.canManage).toBe(true);
  });

  it("asks for the project, its grants and its open requests at once, which reads() sends as one pipeline", async () => {
    const pipelined = pipelinedPool(db.readPool);
    const pending: number[] = [];
    let inFlight = 0;
    const watching = {
      query: (text: string, values?: unknown[]) => {
        pending.push(++inFlight);
        return pipelined.query(text, values).finally(() => (inFlight -= 1));
      },
    } as Queryable;
    const detail = await projectDetail(watching, alice, "fin-api");
    expect(names(detail.grants)).toEqual(["ci", "teamXa", "team_a", "old-team"]);
    // the third statement was asked for before the first had answered
    expect(pending).toEqual([1, 2, 3]);
    // and a project outside the principal's scope still answers not found, its grants read but never returned
    await expect(projectDetail(watching, alice, "ops-tools")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("answers not found for a project outside the principal's groups, and for an unknown one", async () => {
    await expect(projectDetail(reads, alice, "ops-tools")).rejects.toBeInstanceOf(DomainError);
    await expect(projectDetail(reads, alice, "nope")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await projectDetail(reads, bob, "ops-tools")).canManage).toBe(true);
  });
});

describe("failedJobs", () => {
  it("lists failed jobs latest first, with the request or only the grant they belong to", async () => {
    const request = await db.prisma.request.findFirstOrThrow({ where: { grants: { some: { id: ids.teamX } } } });
    const a = await db.prisma.provisioningJob.create({ data: { kind: "PROVISION", state: "FAILED", requestId: request.id, grantId: ids.teamX, lastError: "Harbor said 500" } });
    const b = await db.prisma.provisioningJob.create({ data: { kind: "REVOKE", state: "FAILED", grantId: ids.held, lastError: "timeout" } });
    await db.prisma.provisioningJob.create({ data: { kind: "REVOKE", state: "QUEUED", grantId: ids.foreign } });
    await db.pool.query(`UPDATE "ProvisioningJob" SET "updatedAt" = $2 WHERE id = $1`, [a.id, new Date(now.getTime() - 1000)]);
    await db.pool.query(`UPDATE "ProvisioningJob" SET "updatedAt" = $2 WHERE id = $1`, [b.id, now]);
    const failed = await failedJobs(reads);
    expect(failed).toEqual([
      { id: b.id, kind: "REVOKE", state: "FAILED", lastError: "timeout", updatedAt: now, request: null, grant: { subjectName: "finance-devs", projectName: "ops-tools" } },
      { id: a.id, kind: "PROVISION", state: "FAILED", lastError: "Harbor said 500", updatedAt: new Date(now.getTime() - 1000), request: { id: request.id, number: request.number, projectName: "fin-api", kind: "GROUP_ACCESS" }, grant: { subjectName: "teamXa", projectName: "fin-api" } },
    ]);
    expect(await failedJobs(reads, 1)).toHaveLength(1);
  });
});

describe("secretsWaiting", () => {
  it("lists the requester's unrevealed, unwiped, unexpired robot secrets, soonest expiry first", async () => {
    const request = await db.prisma.request.findFirstOrThrow({ where: { grants: { some: { id: ids.robot } } } });
    const secret = (o: { hours: number; revealed?: boolean; wiped?: boolean; requestId?: string }) =>
      db.prisma.robotSecret.create({ data: { requestId: o.requestId ?? request.id, grantId: ids.robot!, robotName: "robot$fin-api+ci", expiresAt: new Date(now.getTime() + o.hours * 3_600_000), revealedAt: o.revealed ? now : null, wipedAt: o.wiped ? now : null } });
    const later = await secret({ hours: 20 });
    const sooner = await secret({ hours: 2 });
    await secret({ hours: 5, revealed: true });
    await secret({ hours: 5, wiped: true });
    await secret({ hours: -1 });
    const other = await db.prisma.request.create({ data: { kind: "ROBOT_ACCOUNT", payload: {}, justification: "x", requesterId: "sub-erin", requesterName: "Erin", requesterGroups: [], projectName: "fin-api", state: "ACTIVE", policyChecks: [] } });
    await secret({ hours: 3, requestId: other.id });
    const waiting = await secretsWaiting(reads, alice, now);
    expect(waiting.map((s) => s.id)).toEqual([sooner.id, later.id]);
    expect(waiting[0]).toEqual({ id: sooner.id, robotName: "robot$fin-api+ci", expiresAt: sooner.expiresAt, requestId: request.id, request: { number: request.number, projectName: "fin-api" } });
    expect(await secretsWaiting(reads, bob, now)).toEqual([]);
  });
});
