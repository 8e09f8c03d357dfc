import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approvalQueue, myRequests } from "@/lib/governance/queries";
import { prepared } from "@/lib/sql";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { principalOf } from "../helpers/principals";

// The request lists of the home, approvals and requests pages, read in one statement each: filters, order, and each
// request's approvals.

let db: TestDatabase;
const alice = principalOf("alice");
const bob = principalOf("bob");
const HOUR = 3_600_000;
const base = new Date("2026-06-01T08:00:00Z").getTime();

async function request(o: { project: string; requester?: { id: string; name: string }; state?: "PENDING" | "APPROVED" | "REJECTED"; required?: number; hour: number; kind?: "GROUP_ACCESS" | "NEW_PROJECT"; approvals?: { id: string; name: string; decision: "APPROVE" | "REJECT" }[] }) {
  const requester = o.requester ?? { id: alice.id, name: alice.name };
  const kind = o.kind ?? "GROUP_ACCESS";
  const r = await db.prisma.request.create({
    data: {
      kind,
      payload: kind === "GROUP_ACCESS" ? { projectName: o.project, groupName: "team-x", roleId: 2 } : { projectName: o.project, template: "standard", quotaGiB: 10, ownerGroup: "team-x" },
      justification: "list test",
      requesterId: requester.id,
      requesterName: requester.name,
      requesterGroups: ["team-leads"],
      projectName: o.project,
      state: o.state ?? "PENDING",
      policyChecks: [{ id: "p", label: "Policy", pass: true, reason: "ok" }],
      requiredApprovals: o.required ?? 1,
      createdAt: new Date(base + o.hour * HOUR),
    },
  });
  for (const [i, a] of (o.approvals ?? []).entries()) {
    await db.prisma.approval.create({ data: { requestId: r.id, approverId: a.id, approverName: a.name, decision: a.decision, createdAt: new Date(base + (o.hour + 0.1 * (i + 1)) * HOUR) } });
  }
  return r;
}

beforeAll(async () => {
  db = await createTestDatabase();
  await request({ project: "pay_100%", hour: 1 });
  await request({ project: "payX100Y", hour: 2 });
  await request({ project: "Payments", hour: 3, required: 2, approvals: [{ id: bob.id, name: bob.name, decision: "APPROVE" }] });
  await request({ project: "payments", hour: 4, requester: { id: "sub-erin", name: "Erin O'Hara" }, required: 2, approvals: [{ id: "sub-dave", name: "Dave", decision: "APPROVE" }] });
  await request({ project: "payments", hour: 5, state: "REJECTED", approvals: [{ id: bob.id, name: bob.name, decision: "REJECT" }] });
  await request({ project: "platform", hour: 6, kind: "NEW_PROJECT", state: "APPROVED", approvals: [{ id: "sub-dave", name: "Dave", decision: "APPROVE" }, { id: bob.id, name: bob.name, decision: "APPROVE" }] });
});
afterAll(async () => {
  await db?.drop();
});

describe("approvalQueue", () => {
  const queue = (filters: Parameters<typeof approvalQueue>[2]) => approvalQueue(prepared(db.pool), bob, { show: "all", ...filters });

  it("lists pending requests oldest first with their approvals, and says which this approver cannot act on", async () => {
    const all = await queue({});
    expect(all.map((r) => r.projectName)).toEqual(["pay_100%", "payX100Y", "Payments", "payments"]);
    const decided = all.find((r) => r.projectName === "Payments")!;
    expect(decided).toMatchObject({ approvals: 1, requiredApprovals: 2, approvers: [bob.name], blockedFor: "already-approved" });
    expect(decided.policyChecks).toEqual([{ id: "p", label: "Policy", pass: true, reason: "ok" }]);
    expect(all.find((r) => r.projectName === "payments")).toMatchObject({ approvers: ["Dave"], blockedFor: null });
    expect((await approvalQueue(db.pool, bob, {})).map((r) => r.projectName)).toEqual(["pay_100%", "payX100Y", "payments"]);
  });

  it("matches project and requester anywhere, whatever the case, with % and _ taken literally", async () => {
    expect((await queue({ project: "PAYMENTS" })).map((r) => r.projectName)).toEqual(["Payments", "payments"]);
    expect((await queue({ project: "_100%" })).map((r) => r.projectName)).toEqual(["pay_100%"]);
    expect((await queue({ project: "%" })).map((r) => r.projectName)).toEqual(["pay_100%"]);
    expect((await queue({ requester: "o'hara" })).map((r) => r.requesterName)).toEqual(["Erin O'Hara"]);
    expect(await queue({ project: "\\" })).toEqual([]);
  });

  it("filters by kind and by the approvals required", async () => {
    expect((await queue({ approvals: "2" })).map((r) => r.projectName)).toEqual(["Payments", "payments"]);
    expect(await queue({ kind: "NEW_PROJECT" })).toEqual([]);
    expect(await queue({ kind: "GROUP_ACCESS", approvals: "1" })).toHaveLength(2);
  });
});

describe("myRequests", () => {
  it("lists the person's own requests newest first, filtered by state, kind and exact project", async () => {
    const mine = await myRequests(db.pool, alice, {});
    expect(mine.map((r) => r.projectName)).toEqual(["platform", "payments", "Payments", "payX100Y", "pay_100%"]);
    expect(mine[0]).toMatchObject({ kind: "NEW_PROJECT", state: "APPROVED", approvals: 2, approvers: ["Dave", bob.name] });
    expect(mine[0]!.createdAt).toEqual(new Date(base + 6 * HOUR));
    expect(mine[1]).toMatchObject({ state: "REJECTED", approvals: 0, approvers: [] });
    expect((await myRequests(db.pool, alice, { state: "PENDING" })).map((r) => r.projectName)).toEqual(["Payments", "payX100Y", "pay_100%"]);
    expect((await myRequests(db.pool, alice, { kind: "NEW_PROJECT" })).map((r) => r.projectName)).toEqual(["platform"]);
    expect((await myRequests(db.pool, alice, { project: "payments" })).map((r) => r.state)).toEqual(["REJECTED"]);
    expect(await myRequests(db.pool, bob, {})).toEqual([]);
    expect(await myRequests(db.pool, alice, {}, 2)).toHaveLength(2);
  });
});
