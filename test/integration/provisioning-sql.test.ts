import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transaction } from "../../lib/sql";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase({ max: 2 });
  // the runtime role creates no tables: the owner makes one and lets the runtime role write it
  await db.admin.query(`CREATE TABLE scratch (id int PRIMARY KEY); GRANT SELECT, INSERT, UPDATE, DELETE ON scratch TO berth_runtime`);
});
afterAll(async () => {
  await db?.drop();
});

const ids = async () => (await db.pool.query<{ id: number }>(`SELECT id FROM scratch ORDER BY id`)).rows.map((r) => r.id);

describe("the worker's transaction()", () => {
  it("commits what it wrote and returns fn's result", async () => {
    expect(await transaction(db.pool, async (c) => (await c.query(`INSERT INTO scratch VALUES (1) RETURNING id`)).rows[0])).toEqual({ id: 1 });
    expect(await ids()).toEqual([1]);
  });

  it("rolls back and rethrows when fn throws", async () => {
    await expect(
      transaction(db.pool, async (c) => {
        await c.query(`INSERT INTO scratch VALUES (2)`);
        throw new Error("step failed");
      }),
    ).rejects.toThrow("step failed");
    expect(await ids()).toEqual([1]);
  });

  it("throws, not returns, when a statement failed and fn swallowed the error (COMMIT became ROLLBACK)", async () => {
    const outcome = transaction(db.pool, async (c) => {
      await c.query(`INSERT INTO scratch VALUES (3)`);
      await c.query(`INSERT INTO scratch VALUES (1)`).catch(() => undefined); // duplicate key, ignored
      return "looks fine";
    });
    await expect(outcome).rejects.toThrow(/rolled back \(ROLLBACK\)/);
    expect(await ids()).toEqual([1]);
    // the connection went back to the pool usable
    expect(await transaction(db.pool, async (c) => (await c.query(`SELECT count(*)::int AS n FROM scratch`)).rows[0])).toEqual({ n: 1 });
  });
});
