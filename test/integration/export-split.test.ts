import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportGrants, exportQuery, toReadableStream, type ExportFormat, type ExportSpec } from "@/lib/audit/export";
import { activateGrant, bob, createProject, erin } from "./audit-fixtures";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { testKeyring } from "../helpers/audit-keys";

// A large export renders the later half of its rows on a second connection in the same snapshot (ADR 024). The file
// must be the one a single connection writes, byte for byte, whatever the order, the ties at the cut and the NULLs.

const K = { keyring: testKeyring };

async function rows(source: AsyncIterable<string>) {
  let text = "";
  for await (const chunk of source) text += chunk;
  // the first line carries the export's time: the rest must match exactly
  return text.slice(text.indexOf("\n") + 1);
}

/** A pool that counts the connections the export takes. */
function countingPool(url: string, max: number) {
  const pool = new pg.Pool({ connectionString: url, max });
  let taken = 0;
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  (pool as { connect: () => Promise<pg.PoolClient> }).connect = () => {
    taken++;
    return connect();
  };
  return { pool, taken: () => taken, reset: () => (taken = 0) };
}

// keys with ties across the middle, NULLs, and text a CSV or JSON writer must escape
const VALUES = Array.from({ length: 240 }, (_, i) => {
  const key = i % 9 === 0 ? "NULL" : `'k${String(i % 7).padStart(2, "0")}'`;
  const text = [`'plain ${i}'`, `'=cmd|'' /C calc''!A0 ${i}'`, `E'two\\nlines, "quoted" \\\\ ${i}'`, `'ünïcode ⚓ ${i}'`, "NULL"][i % 5];
  return `(${key}, ${i}, ${text}, '{"n": ${i}, "s": "a\\"b"}'::jsonb)`;
}).join(", ");

const spec = (dir: "ASC" | "DESC"): ExportSpec => ({
  kind: "review",
  rowType: "thing",
  filters: {},
  columns: [
    { name: "key", sql: "v.k" },
    { name: "n", sql: "v.n", safe: true, raw: true },
    { name: "text", sql: "v.t" },
    { name: "doc", sql: "v.d", raw: true },
  ],
  from: `FROM (VALUES ${VALUES}) v(k, n, t, d)`,
  splitFrom: `FROM (VALUES ${VALUES}) v(k, n, t, d)`,
  where: ["v.n >= $1::int"],
  values: [3],
  orderBy: [
    { expr: "v.k", dir },
    { expr: "v.n", dir: "ASC" },
  ],
});

describe("an export cut in two halves on two connections", () => {
  let db: TestDatabase;
  let counting: ReturnType<typeof countingPool>;

  beforeAll(async () => {
    db = await createTestDatabase();
    counting = countingPool(db.url, 4);
    const people = [bob, erin];
    for (let p = 0; p < 6; p++) {
      const project = await createProject(db.prisma, `proj-${p}`);
      for (let g = 0; g < 5; g++) {
        await activateGrant(db.prisma, { project, subjectType: g % 2 ? "ROBOT" : "GROUP", subjectName: g % 2 ? `@robot-${g}` : `team-${g}`, ...(g % 2 ? { permissions: [{ resource: "repository", action: g % 3 ? "pull" : "push" }] } : { roleId: (g % 4) + 1 }), at: new Date(Date.UTC(2026, 0, 1 + ((p * 5 + g) % 11))), endsAt: g % 3 ? new Date(Date.UTC(2026, 6, 1 + g)) : null, approvers: people.slice(0, (g % 2) + 1) });
      }
    }
  });
  afterAll(async () => {
    await counting?.pool.end();
    await db?.drop();
  });

  for (const format of ["csv", "jsonl"] as ExportFormat[]) {
    for (const dir of ["ASC", "DESC"] as const) {
      it(`writes the same ${format} as one connection, ${dir}, with ties at the cut and NULL keys where the order puts them`, async () => {
        counting.reset();
        const split = await rows(exportQuery(counting.pool, spec(dir), format, K));
        expect(counting.taken()).toBe(2);
        const single = await rows(exportQuery(counting.pool, spec(dir), format, { ...K, parallel: false }));
        expect(split).toBe(single);
        if (format === "jsonl") {
          const keys = split.trimEnd().split("\n").map((l) => (JSON.parse(l) as { key: string | null }).key);
          expect(keys).toHaveLength(237);
          // NULLs last ascending, first descending (PostgreSQL's default); the rest in order
          expect(keys.indexOf(null)).toBe(dir === "ASC" ? 237 - 26 : 0);
          const named = keys.filter((k): k is string => k !== null);
          expect(named).toEqual([...named].sort((a, b) => (dir === "ASC" ? a.localeCompare(b) : b.localeCompare(a))));
        } else {
          expect(split.startsWith("key,n,text,doc\n")).toBe(true);
        }
      });
    }
  }

  it("streams the grant history on one connection, in every sort (its rows cost little since ADR 025)", async () => {
    for (const format of ["csv", "jsonl"] as ExportFormat[]) {
      for (const sort of ["startsAt", "endsAt", "project", "subject"] as const) {
        for (const dir of ["asc", "desc"] as const) {
          counting.reset();
          const text = await rows(exportGrants(counting.pool, { sort, dir }, format, K));
          expect(counting.taken(), `${format} ${sort} ${dir}`).toBe(1);
          expect(text.trimEnd().split("\n")).toHaveLength((format === "csv" ? 1 : 0) + 30);
        }
      }
    }
  });

  it("the second half reads the snapshot of the first: a row written after the start is in neither", async () => {
    // a report over the grants, cut at the median project name
    const overGrants: ExportSpec = {
      kind: "review",
      rowType: "grant",
      filters: {},
      columns: [{ name: "projectName", sql: `g."projectName"` }],
      from: `FROM "Grant" g`,
      splitFrom: `FROM "Grant" g`,
      where: [],
      values: [],
      orderBy: [
        { expr: `g."projectName"`, dir: "ASC" },
        { expr: "g.id", dir: "ASC" },
      ],
    };
    counting.reset();
    const iterator = exportQuery(counting.pool, overGrants, "jsonl", { ...K, highWaterMark: 1 })[Symbol.asyncIterator]();
    await iterator.next(); // the meta line: the snapshot is taken
    const before = (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Grant"`)).rows[0]!.n;
    // sorts last, so it would fall in the second half
    const late = await createProject(db.prisma, "zz-late");
    await activateGrant(db.prisma, { project: late, subjectType: "GROUP", subjectName: "late-team", at: new Date("2026-03-01T00:00:00Z") });
    let text = "";
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) text += r.value;
    expect(counting.taken()).toBe(2);
    const names = text.trimEnd().split("\n").map((l) => (JSON.parse(l) as { projectName: string }).projectName);
    expect(names).toHaveLength(before);
    expect(names).not.toContain("zz-late");
    expect(names).toEqual([...names].sort());
    // and a new export sees it
    expect(await rows(exportQuery(counting.pool, overGrants, "jsonl", K))).toContain("zz-late");
  });

  it("keeps to one connection when the pool has none to spare, and writes the same file", async () => {
    const small = countingPool(db.url, 1);
    try {
      const text = await rows(exportQuery(small.pool, spec("ASC"), "csv", K));
      expect(small.taken()).toBe(1);
      expect(text).toBe(await rows(exportQuery(counting.pool, spec("ASC"), "csv", K)));
    } finally {
      await small.pool.end();
    }
  });

  it("a reader that stops early leaves neither connection in its transaction or COPY", async () => {
    const pool = countingPool(db.url, 4);
    try {
      const reader = toReadableStream(exportQuery(pool.pool, spec("ASC"), "csv", { ...K, highWaterMark: 1 })).getReader();
      // the meta line, the header, then the first rows: both COPYs are running
      for (let i = 0; i < 3; i++) await reader.read();
      expect(pool.taken()).toBe(2);
      await reader.cancel();
      await expect.poll(() => pool.pool.idleCount).toBe(pool.pool.totalCount);
      const stillOpen = async () =>
        (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND (state LIKE 'idle in transaction%' OR query LIKE 'COPY%')`)).rows[0]!.n;
      await expect.poll(stillOpen).toBe(0);
    } finally {
      await pool.pool.end();
    }
  });
});
