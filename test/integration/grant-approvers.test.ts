import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activateGrant, createProject, createRequest, erin } from "./audit-fixtures";
import { prepared } from "@/lib/sql";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { principalOf } from "../helpers/principals";
import { projectDetail } from "@/lib/governance/queries";

// A grant keeps the approvers of its request, as the exports write them (ADR 025): filled by the database when the
// grant is inserted, whatever the insert says, and never changed afterwards.

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

const carol = { id: "u-carol", name: "Carol \"C\" O'Neil" };

describe("Grant.approvers", () => {
  it("holds the request's approvals in approval order, with UTC millisecond times, and leaves out rejections", async () => {
    const project = await createProject(db.prisma, "approvers-a");
    const at = new Date("2026-03-04T05:06:07.089Z");
    const { grant, request } = await activateGrant(db.prisma, { project, subjectType: "GROUP", subjectName: "team-a", roleId: 2, at, approvers: [erin, carol] });
    const approvals = await db.prisma.approval.findMany({ where: { requestId: request.id }, orderBy: { createdAt: "asc" } });
    const text = (await db.pool.query<{ t: string }>(`SELECT approvers::text AS t FROM "Grant" WHERE id = $1`, [grant.id])).rows[0]!.t;
    expect(JSON.parse(text)).toEqual(approvals.map((a) => ({ id: a.approverId, name: a.approverName, at: a.createdAt.toISOString() })));
    expect(JSON.parse(text).map((a: { name: string }) => a.name)).toEqual(["Erin", carol.name]);

    // a rejection on another request is not an approver of its grant
    const other = await createRequest(db.prisma, { projectName: project.name, subjectKey: "group:team-b", approvers: [erin], at });
    await db.prisma.approval.create({ data: { requestId: other.id, approverId: carol.id, approverName: carol.name, decision: "REJECT" } });
    const second = await db.prisma.grant.create({ data: { projectId: project.id, projectName: project.name, subjectType: "GROUP", subjectName: "team-b", roleId: 3, requestId: other.id } });
    expect((second.approvers as { id: string }[]).map((a) => a.id)).toEqual([erin.id]);
  });

  it("ignores what an insert says and refuses a change, even from the runtime role", async () => {
    const project = await createProject(db.prisma, "approvers-b");
    const request = await createRequest(db.prisma, { projectName: project.name, subjectKey: "group:team-c", approvers: [erin], at: new Date() });
    const forged = [{ id: "u-mallory", name: "Mallory", at: "2026-01-01T00:00:00.000Z" }];
    const grant = await db.prisma.grant.create({ data: { projectId: project.id, projectName: project.name, subjectType: "GROUP", subjectName: "team-c", roleId: 2, requestId: request.id, approvers: forged } });
    expect((grant.approvers as { id: string }[]).map((a) => a.id)).toEqual([erin.id]);

    await expect(db.pool.query(`UPDATE "Grant" SET approvers = $2::json WHERE id = $1`, [grant.id, JSON.stringify(forged)])).rejects.toThrow(/fixed when it is made/);
    const another = await createRequest(db.prisma, { projectName: project.name, subjectKey: "group:team-c", approvers: [carol], at: new Date() });
    await expect(db.pool.query(`UPDATE "Grant" SET "requestId" = $2 WHERE id = $1`, [grant.id, another.id])).rejects.toThrow(/fixed when it is made/);
    // the grant's other columns still change as the workflow changes them
    await db.pool.query(`UPDATE "Grant" SET state = 'ACTIVE', "startsAt" = now() WHERE id = $1`, [grant.id]);
    const after = (await db.pool.query<{ state: string; ids: string[] }>(`SELECT state::text, (SELECT array_agg(x->>'id') FROM json_array_elements(approvers) x) AS ids FROM "Grant" WHERE id = $1`, [grant.id])).rows[0]!;
    expect(after).toEqual({ state: "ACTIVE", ids: [erin.id] });
  });

  it("is what the project page lists as a grant's approvers", async () => {
    const project = await createProject(db.prisma, "approvers-c");
    await activateGrant(db.prisma, { project, subjectType: "GROUP", subjectName: "team-d", roleId: 2, at: new Date("2026-04-01T00:00:00Z"), approvers: [carol, erin] });
    const detail = await projectDetail(prepared(db.pool), principalOf("bob"), project.name);
    expect(detail.grants.map((g) => g.request.approvals.map((a) => a.approverName))).toEqual([[carol.name, "Erin"]]);
  });
});
