import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessAt, type AccessAtRow } from "@/lib/audit/queries";
import { activateGrant, createProject, endGrant, erin, extendGrant, bob } from "./audit-fixtures";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

// The fixed scenario: in project "finance", group finance-devs gets Developer at t1 and is changed to
// Maintainer at t3 (A superseded, B activated); group ext-acme has Guest from t2 until revoked at t4;
// robot ci has pull from t2 until it expires at t5. B is extended at t4. Elsewhere, finance-devs also
// has Guest in project "payments" from t2 on.
const t0 = new Date("2026-01-01T00:00:00.000Z");
const t1 = new Date("2026-01-10T09:00:00.000Z");
const t2 = new Date("2026-02-01T09:00:00.000Z");
const t3 = new Date("2026-03-01T09:00:00.000Z");
const t4 = new Date("2026-04-01T09:00:00.000Z");
const t5 = new Date("2026-05-01T09:00:00.000Z");
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);

describe("access at a point in time", () => {
  let db: TestDatabase;
  const ids: Record<"A" | "B" | "C" | "D" | "P", string> = { A: "", B: "", C: "", D: "", P: "" };
  const requests: Record<string, number> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    const finance = await createProject(db.prisma, "finance");
    const payments = await createProject(db.prisma, "payments");
    const a = await activateGrant(db.prisma, { project: finance, subjectType: "GROUP", subjectName: "finance-devs", roleId: 2, at: t1, endsAt: null });
    const c = await activateGrant(db.prisma, { project: finance, subjectType: "GROUP", subjectName: "ext-acme", roleId: 3, at: t2, endsAt: ms(t5, 86_400_000), approvers: [bob, erin] });
    const d = await activateGrant(db.prisma, { project: finance, subjectType: "ROBOT", subjectName: "ci", permissions: [{ resource: "repository", action: "pull" }], at: t2, endsAt: t5 });
    const p = await activateGrant(db.prisma, { project: payments, subjectType: "GROUP", subjectName: "finance-devs", roleId: 3, at: t2 });
    const b = await activateGrant(db.prisma, { project: finance, subjectType: "GROUP", subjectName: "finance-devs", roleId: 4, at: t3, endsAt: t4, supersedes: a.grant });
    await endGrant(db.prisma, c.grant, "grant.revoked", t4);
    await extendGrant(db.prisma, b.grant, t4, ms(t5, 30 * 86_400_000));
    await endGrant(db.prisma, d.grant, "grant.expired", t5);
    Object.assign(ids, { A: a.grant.id, B: b.grant.id, C: c.grant.id, D: d.grant.id, P: p.grant.id });
    for (const [k, r] of Object.entries({ A: a, B: b, C: c, D: d, P: p })) requests[k] = r.request.number;
  });
  afterAll(async () => {
    await db.drop();
  });

  const names = (rows: AccessAtRow[]) => rows.map((r) => Object.entries(ids).find(([, id]) => id === r.grantId)?.[0]);
  const finance = async (at: Date) => names(await accessAt(db.pool, { project: "finance", at }));

  it("before anything was granted: nobody", async () => {
    expect(await finance(t0)).toEqual([]);
  });

  it("at t1 exactly (start is inclusive): A", async () => {
    expect(await finance(t1)).toEqual(["A"]);
    expect(await finance(ms(t1, -1))).toEqual([]);
  });

  it("between t1 and t2: still only A", async () => {
    expect(await finance(ms(t1, 86_400_000))).toEqual(["A"]);
  });

  it("at t2: A, the external group C and the robot D", async () => {
    expect(await finance(t2)).toEqual(["C", "A", "D"]);
  });

  it("at t3 the role change takes effect (end is exclusive): B replaces A", async () => {
    expect(await finance(ms(t3, -1))).toEqual(["C", "A", "D"]);
    expect(await finance(t3)).toEqual(["C", "B", "D"]);
  });

  it("at t4 the revocation of C takes effect", async () => {
    expect(await finance(ms(t4, -1))).toEqual(["C", "B", "D"]);
    expect(await finance(t4)).toEqual(["B", "D"]);
  });

  it("at t5 the robot has expired; only B remains, afterwards too", async () => {
    expect(await finance(t5)).toEqual(["B"]);
    expect(await finance(ms(t5, 365 * 86_400_000))).toEqual(["B"]);
  });

  it("each row carries the role, the request and the approvals behind it", async () => {
    const rows = await accessAt(db.pool, { project: "finance", at: t2 });
    const c = rows.find((r) => r.grantId === ids.C)!;
    expect(c).toMatchObject({
      projectName: "finance",
      subjectType: "GROUP",
      subjectName: "ext-acme",
      roleId: 3,
      roleName: "Guest",
      permissions: null,
      startsAt: t2,
      endsAt: ms(t5, 86_400_000),
      requestNumber: requests.C,
      requester: { id: "u-alice", name: "Alice" },
    });
    expect(c.approvers.map((a) => a.name)).toEqual(["Bob", "Erin"]);
    expect(c.approvers[0]!.at).toBeInstanceOf(Date);
    const robot = rows.find((r) => r.grantId === ids.D)!;
    expect(robot).toMatchObject({ subjectType: "ROBOT", subjectName: "ci", roleId: null, permissions: [{ resource: "repository", action: "pull" }], endsAt: t5 });
  });

  it("shows the end date as it was known at the instant (extensions apply from when they were recorded)", async () => {
    const before = (await accessAt(db.pool, { project: "finance", at: ms(t4, -1) })).find((r) => r.grantId === ids.B)!;
    const after = (await accessAt(db.pool, { project: "finance", at: t4 })).find((r) => r.grantId === ids.B)!;
    expect(before.endsAt).toEqual(t4);
    expect(after.endsAt).toEqual(ms(t5, 30 * 86_400_000));
    expect(before.roleName).toBe("Maintainer");
  });

  it("answers for a group across projects", async () => {
    const rows = await accessAt(db.pool, { group: "finance-devs", at: t3 });
    expect(rows.map((r) => [r.projectName, r.roleName])).toEqual([
      ["finance", "Maintainer"],
      ["payments", "Guest"],
    ]);
    expect(names(await accessAt(db.pool, { group: "finance-devs", project: "payments", at: t1 }))).toEqual([]);
  });

  it("is answered from the trail, not from today's grant state", async () => {
    // today's table says C is active again; the trail says it was revoked at t4
    await db.pool.query(`UPDATE "Grant" SET state = 'ACTIVE', "endedAt" = NULL WHERE id = $1`, [ids.C]);
    expect(await finance(t5)).toEqual(["B"]);
  });
});
