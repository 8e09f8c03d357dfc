import { describe, expect, it } from "vitest";
import { liveVersion, sharedRead, type HarborLive } from "./project-live";

const at = new Date("2026-12-05T00:00:00Z");
const ok = (tag: number): HarborLive => ({
  quota: { ok: true, value: { hardBytes: tag, usedBytes: 0 }, at },
  members: { ok: true, value: [], at },
  robots: { ok: true, value: [], at },
  owner: { ok: true, value: null, at },
});

/** A read that counts its calls and resolves when told. */
function reader(result: (n: number) => HarborLive | Promise<HarborLive>) {
  let calls = 0;
  return { read: () => Promise.resolve(result(++calls)), calls: () => calls };
}

describe("sharedRead", () => {
  it("serves one round of Harbor calls to every request for the same project and version within the time, in flight or done", async () => {
    const r = reader((n) => ok(n));
    const [a, b] = await Promise.all([sharedRead("1/p", "v1", r.read, 5_000, 1_000), sharedRead("1/p", "v1", r.read, 5_000, 1_500)]);
    expect(r.calls()).toBe(1);
    expect(a).toBe(b);
    expect(await sharedRead("1/p", "v1", r.read, 5_000, 5_999)).toBe(a);
    expect(r.calls()).toBe(1);
    // past the time: Harbor again
    await sharedRead("1/p", "v1", r.read, 5_000, 6_001);
    expect(r.calls()).toBe(2);
  });

  it("reads again as soon as Berth's version of the project changes, and keeps projects apart", async () => {
    const r = reader((n) => ok(n));
    await sharedRead("2/p", "v1", r.read, 5_000, 1_000);
    const changed = await sharedRead("2/p", "v2", r.read, 5_000, 1_001);
    expect(r.calls()).toBe(2);
    expect(changed.quota.ok && changed.quota.value?.hardBytes).toBe(2);
    await sharedRead("3/q", "v2", r.read, 5_000, 1_002);
    expect(r.calls()).toBe(3);
    // the older version is gone: a page still holding it reads again rather than mixing reads
    await sharedRead("2/p", "v1", r.read, 5_000, 1_003);
    expect(r.calls()).toBe(4);
  });

  it("does not keep a read with a failed part, nor one that threw; 0 turns sharing off", async () => {
    const failed = reader((): HarborLive => ({ ...ok(0), members: { ok: false, why: "Harbor answered 503" } }));
    await sharedRead("4/p", "v", failed.read, 5_000, 1_000);
    await Promise.resolve();
    await sharedRead("4/p", "v", failed.read, 5_000, 1_001);
    expect(failed.calls()).toBe(2);

    let calls = 0;
    const throwing = () => (++calls, Promise.reject(new Error("boom")));
    await expect(sharedRead("5/p", "v", throwing, 5_000, 1_000)).rejects.toThrow("boom");
    await expect(sharedRead("5/p", "v", throwing, 5_000, 1_001)).rejects.toThrow("boom");
    expect(calls).toBe(2);

    const r = reader((n) => ok(n));
    await sharedRead("6/p", "v", r.read, 0, 1_000);
    await sharedRead("6/p", "v", r.read, 0, 1_000);
    expect(r.calls()).toBe(2);
  });
});

describe("liveVersion", () => {
  it("moves with any change to the project or its grants, and with a grant added", () => {
    const project = { updatedAt: new Date(1_000) };
    const grants = [{ id: "a", updatedAt: new Date(2_000) }];
    const v = liveVersion(project, grants);
    expect(liveVersion(project, [{ id: "a", updatedAt: new Date(2_000) }])).toBe(v);
    expect(liveVersion({ updatedAt: new Date(3_000) }, grants)).not.toBe(v);
    expect(liveVersion(project, [{ id: "a", updatedAt: new Date(2_001) }])).not.toBe(v);
    expect(liveVersion(project, [...grants, { id: "b", updatedAt: new Date(500) }])).not.toBe(v);
  });
});
