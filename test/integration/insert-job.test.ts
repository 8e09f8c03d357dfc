import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertJob } from "../../lib/provisioning/enqueue";
import { JOBS_CHANNEL } from "../../lib/provisioning/queue";
import { isUniqueViolation } from "../../lib/sql";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

// insertJob writes a job, its steps and the workers' wake-up in one statement (it runs inside approval and removal
// transactions, where each round trip holds their locks longer).

let db: TestDatabase;
let grantId: string;

beforeAll(async () => {
  db = await createTestDatabase({ max: 3 });
  const p = db.prisma;
  const project = await p.project.create({ data: { name: "jobs-api", ownerGroup: "jobs-devs", template: "standard", quotaGiB: 5, state: "ACTIVE", harborId: 1 } });
  const request = await p.request.create({
    data: { kind: "GROUP_ACCESS", state: "ACTIVE", payload: { projectName: "jobs-api", groupName: "devs", roleId: 2, replacesGrantId: null, previousRoleId: null }, justification: "fixture", requesterId: "alice", requesterName: "Alice", requesterGroups: ["jobs-devs"], projectName: "jobs-api", subjectKey: "group:devs", policyChecks: [] },
  });
  grantId = (await p.grant.create({ data: { projectId: project.id, projectName: "jobs-api", subjectType: "GROUP", subjectName: "devs", roleId: 2, state: "ACTIVE", startsAt: new Date(), requestId: request.id } })).id;
});
afterAll(async () => {
  await db?.drop();
});

describe("insertJob", () => {
  it("writes the job QUEUED with its steps in order, and wakes listening workers only at commit", async () => {
    const listener = new pg.Client({ connectionString: db.url });
    await listener.connect();
    const woken: string[] = [];
    listener.on("notification", (n) => woken.push(n.payload ?? ""));
    await listener.query(`LISTEN ${JOBS_CHANNEL}`);
    try {
      let inside: string[] = [];
      const id = await db.prisma.$transaction(async (tx) => {
        const jobId = await insertJob(tx, { kind: "REVOKE", requestId: null, grantId, steps: [{ key: "member.remove", label: "Remove the member" }, { key: "robot.delete", label: "Delete the robot" }] });
        await new Promise((r) => setTimeout(r, 100));
        inside = [...woken];
        return jobId;
      });
      for (let i = 0; i < 250 && woken.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(inside).toEqual([]);
      expect(woken).toEqual([id]);
      const job = await db.prisma.provisioningJob.findUniqueOrThrow({ where: { id }, include: { steps: { orderBy: { ordinal: "asc" } } } });
      expect(job).toMatchObject({ kind: "REVOKE", state: "QUEUED", grantId, requestId: null, attempts: 0 });
      expect(job.steps.map((s) => [s.ordinal, s.key, s.label, s.state])).toEqual([
        [1, "member.remove", "Remove the member", "PENDING"],
        [2, "robot.delete", "Delete the robot", "PENDING"],
      ]);
      expect(new Set(job.steps.map((s) => s.id)).size).toBe(2);
    } finally {
      await listener.end();
    }
  });

  it("a second open job of the same kind for a grant is refused whole, as a unique violation the scheduler reads as a lost race", async () => {
    // Its own open job first, so the test does not lean on the one above.
    await db.prisma.$transaction((tx) => insertJob(tx, { kind: "EXPIRE", requestId: null, grantId, steps: [{ key: "member.remove", label: "Remove the member" }] }));
    const before = await db.prisma.provisioningStep.count();
    const jobsBefore = await db.prisma.provisioningJob.count({ where: { grantId } });
    const error = await db.prisma
      .$transaction((tx) => insertJob(tx, { kind: "EXPIRE", requestId: null, grantId, steps: [{ key: "member.remove", label: "Remove the member" }] }))
      .then(() => null, (e: unknown) => e);
    expect(error).not.toBeNull();
    expect(isUniqueViolation(error)).toBe(true);
    expect(await db.prisma.provisioningJob.count({ where: { grantId } })).toBe(jobsBefore);
    expect(await db.prisma.provisioningStep.count()).toBe(before);
  });

  it("isUniqueViolation says no to other failures", async () => {
    const error = await db.prisma.$executeRaw`SELECT 1 / 0`.then(() => null, (e: unknown) => e);
    expect(error).not.toBeNull();
    expect(isUniqueViolation(error)).toBe(false);
    expect(isUniqueViolation(new Error("duplicate"))).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
  });
});
