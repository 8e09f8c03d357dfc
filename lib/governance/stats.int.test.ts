import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "@/lib/authz/principal";
import { permissionsOf } from "@/lib/authz/permissions";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/db";
import { requestStats } from "./stats";

const HOUR = 3_600_000;
const now = new Date("2026-03-30T15:00:00Z");
const approver: Principal = { id: "u-bob", name: "Bob", username: "bob", groups: ["registry-admins"], roles: ["approver"], via: { approver: ["registry-admins"], requester: [], auditor: [] }, permissions: permissionsOf(["approver"]) };
const requester: Principal = { ...approver, id: "u-alice", roles: ["requester"], permissions: permissionsOf(["requester"]) };

describe("requestStats against PostgreSQL", () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    const make = (createdAt: string, decidedAfterHours: number | null, state: "PENDING" | "APPROVED" | "REJECTED" = decidedAfterHours === null ? "PENDING" : "APPROVED") =>
      db.prisma.request.create({
        data: {
          kind: "GROUP_ACCESS",
          payload: {},
          justification: "statistics fixture",
          requesterId: "u-alice",
          requesterName: "Alice",
          requesterGroups: [],
          projectName: "finance",
          policyChecks: [],
          state,
          createdAt: new Date(createdAt),
          decidedAt: decidedAfterHours === null ? null : new Date(new Date(createdAt).getTime() + decidedAfterHours * HOUR),
        },
      });
    await make("2026-02-01T10:00:00Z", 1); // before the window
    await make("2026-03-01T00:30:00Z", 2); // first day of the window
    await make("2026-03-10T09:00:00Z", 4, "REJECTED");
    await make("2026-03-10T23:30:00Z", 10); // decided on 11 March
    await make("2026-03-30T08:00:00Z", null);
  });

  afterAll(async () => {
    await db?.drop();
  });

  it("counts requests per UTC day and the median time to decision over the window", async () => {
    const stats = await requestStats(db.pool, approver, now);
    expect(stats.days).toHaveLength(30);
    expect(stats.days[0]!.day).toBe("2026-03-01");
    expect(stats.days.at(-1)!.day).toBe("2026-03-30");
    const byDay = Object.fromEntries(stats.days.map((d) => [d.day, d]));
    expect(byDay["2026-03-01"]).toMatchObject({ requests: 1, decided: 1, medianDecisionMs: 2 * HOUR });
    expect(byDay["2026-03-10"]).toMatchObject({ requests: 2, decided: 1, medianDecisionMs: 4 * HOUR });
    expect(byDay["2026-03-11"]).toMatchObject({ requests: 0, decided: 1, medianDecisionMs: 10 * HOUR });
    expect(byDay["2026-03-30"]).toMatchObject({ requests: 1, decided: 0, medianDecisionMs: null });
    expect(stats.totalRequests).toBe(4);
    expect(stats.totalDecided).toBe(3);
    expect(stats.medianDecisionMs).toBe(4 * HOUR);
  });

  it("is refused to a role that may not read every request", async () => {
    await expect(requestStats(db.pool, requester, now)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
