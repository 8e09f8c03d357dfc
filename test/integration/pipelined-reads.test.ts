import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PIPELINE_MAX, pipelinedPool, prepared } from "@/lib/sql";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

// Each statement returns the backend that ran it and its own argument back, so a test sees both where it ran and
// whether its answer reached the right caller.
const WHO = "SELECT pg_backend_pid() AS pid, $1::int AS n";
type Who = { pid: number; n: number };

describe("reads asked for together (pipelinedPool)", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it("runs a burst on one connection, in order, each answer to its own caller", async () => {
    const reads = pipelinedPool(db.readPool);
    const results = await Promise.all(Array.from({ length: 12 }, (_, n) => reads.query<Who>(WHO, [n])));
    expect(results.map((r) => r.rows[0]!.n)).toEqual(Array.from({ length: 12 }, (_, n) => n));
    expect(new Set(results.map((r) => r.rows[0]!.pid)).size).toBe(1);

    // the same burst through the plain pool spreads over connections: what the pipeline saves
    const spread = await Promise.all(Array.from({ length: 12 }, (_, n) => prepared(db.readPool).query<Who>(`${WHO} FROM pg_sleep(0.01)`, [n])));
    expect(new Set(spread.map((r) => r.rows[0]!.pid)).size).toBeGreaterThan(1);
  });

  it("fails a statement PostgreSQL refuses on its own, and keeps the connection for the next burst", async () => {
    const reads = pipelinedPool(db.readPool);
    const [before, divided, malformed, after, twice] = await Promise.allSettled([
      reads.query<Who>(WHO, [1]),
      reads.query("SELECT 1 / $1::int AS q", [0]),
      reads.query<Who>(WHO, ["not a number"]),
      reads.query<Who>(WHO, [4]),
      reads.query<Who>(WHO, [5]),
    ]);
    expect(before.status === "fulfilled" && before.value.rows[0]!.n).toBe(1);
    expect(after.status === "fulfilled" && after.value.rows[0]!.n).toBe(4);
    expect(twice.status === "fulfilled" && twice.value.rows[0]!.n).toBe(5);
    expect(divided.status === "rejected" && divided.reason instanceof pg.DatabaseError && divided.reason.code).toBe("22012");
    expect(malformed.status === "rejected" && malformed.reason instanceof pg.DatabaseError && malformed.reason.code).toBe("22P02");
    const pid = before.status === "fulfilled" ? before.value.rows[0]!.pid : -1;

    // the refused statements left the connection usable, and it went back to the pool: the next burst runs on it
    const next = await Promise.all([reads.query<Who>(WHO, [6]), reads.query<Who>(WHO, [7])]);
    expect(next.map((r) => r.rows[0]!.pid)).toEqual([pid, pid]);
    expect(next.map((r) => r.rows[0]!.n)).toEqual([6, 7]);
  });

  it("fails the whole burst when its connection is lost, and does not hand that connection out again", async () => {
    const reads = pipelinedPool(db.readPool);
    const burst = Promise.allSettled([reads.query("SELECT pg_sleep(5) AS slept", []), reads.query<Who>(WHO, [2])]);
    let victim: number | undefined;
    for (let i = 0; i < 100 && victim === undefined; i++) {
      await new Promise((r) => setTimeout(r, 20));
      victim = (await db.admin.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'SELECT pg_sleep(5)%'`)).rows[0]?.pid;
    }
    expect(victim).toBeDefined();
    await db.admin.query("SELECT pg_terminate_backend($1)", [victim]);
    const [slept, second] = await burst;
    // the running statement hears why (57P01, terminated by an administrator), the one behind it that the connection is gone
    expect(slept.status === "rejected" && slept.reason instanceof pg.DatabaseError && slept.reason.code).toBe("57P01");
    expect(second.status === "rejected" && second.reason instanceof Error && !(second.reason instanceof pg.DatabaseError)).toBe(true);

    const again = await Promise.all([reads.query<Who>(WHO, [8]), reads.query<Who>(WHO, [9])]);
    expect(again.map((r) => r.rows[0]!.n)).toEqual([8, 9]);
    expect(again[0]!.rows[0]!.pid).not.toBe(victim);
  });

  it(`spreads a burst larger than ${PIPELINE_MAX} over more than one connection, every answer still its own`, async () => {
    const reads = pipelinedPool(db.readPool);
    const count = 2 * PIPELINE_MAX + 3;
    const results = await Promise.all(Array.from({ length: count }, (_, n) => reads.query<Who>(WHO, [n])));
    expect(results.map((r) => r.rows[0]!.n)).toEqual(Array.from({ length: count }, (_, n) => n));
    const pids = results.map((r) => r.rows[0]!.pid);
    expect(new Set(pids).size).toBe(3);
    // each slice of PIPELINE_MAX on one connection
    for (let start = 0; start < count; start += PIPELINE_MAX) expect(new Set(pids.slice(start, start + PIPELINE_MAX)).size).toBe(1);
  });

  it("sends a statement asked for alone straight through the pool", async () => {
    const reads = pipelinedPool(db.readPool);
    const connects: number[] = [];
    const count = () => connects.push(1);
    db.readPool.on("acquire", count);
    try {
      const one = await reads.query<Who>(WHO, [3]);
      expect(one.rows[0]!.n).toBe(3);
      await Promise.all([reads.query<Who>(WHO, [1]), reads.query<Who>(WHO, [2])]);
    } finally {
      db.readPool.off("acquire", count);
    }
    // one acquisition for the single statement (pool.query) and one for the pair
    expect(connects.length).toBe(2);
  });
});
