import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPrincipal } from "../../dev/idp/users";
import { approvalsWaitingFor } from "../../lib/governance/queries";
import { createRequest } from "./audit-fixtures";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

// The approvers' navigation badge: pending requests this approver could still decide.

let db: TestDatabase;
const bob = demoPrincipal("bob");
const erin = demoPrincipal("erin");
const alice = demoPrincipal("alice");

beforeAll(async () => {
  db = await createTestDatabase();
  const at = new Date("2026-11-01T10:00:00Z");
  const pending = async (subject: string, requester: { id: string; name: string }, approvers: { id: string; name: string }[]) => {
    const r = await createRequest(db.prisma, { projectName: "payments", subjectKey: `group:${subject}`, requester, approvers, at });
    await db.prisma.request.update({ where: { id: r.id }, data: { state: "PENDING", requiredApprovals: 2 } });
  };
  await pending("plain", { id: alice.id, name: alice.name }, []);
  await pending("bobs-own", { id: bob.id, name: bob.name }, []);
  await pending("bob-approved", { id: alice.id, name: alice.name }, [{ id: bob.id, name: bob.name }]);
  // decided requests never count
  await createRequest(db.prisma, { projectName: "payments", subjectKey: "group:done", requester: { id: alice.id, name: alice.name }, approvers: [], at });
});
afterAll(async () => {
  await db?.drop();
});

describe("approvalsWaitingFor", () => {
  it("counts pending requests the approver neither made nor already approved", async () => {
    expect(await approvalsWaitingFor(db.pool, bob)).toBe(1);
    expect(await approvalsWaitingFor(db.pool, erin)).toBe(3);
  });

  it("is 0 for someone who may not decide", async () => {
    expect(await approvalsWaitingFor(db.pool, alice)).toBe(0);
  });
});
