import { describe, expect, it } from "vitest";
import { canonicalEvent, canonicalJson, ChainWalker, chainEvents, findSecretKey, GENESIS_HASH, hashEvent, toJsonValue, verifyEvents, type StoredAuditEvent, type UnhashedAuditEvent } from "./chain";

const base = (i: number): Omit<UnhashedAuditEvent, "seq" | "prevHash"> => ({
  at: new Date(Date.UTC(2026, 0, 1, 12, 0, 0, i)),
  actorType: "user",
  actorId: "u-alice",
  actorName: "Alice",
  actorGroups: ["team-leads"],
  sourceIp: "10.0.0.1",
  userAgent: "test",
  action: i % 2 ? "grant.activated" : "request.created",
  objectType: i % 2 ? "grant" : "request",
  objectId: `obj-${i}`,
  projectName: "finance",
  subject: "group:finance-devs",
  requestId: null,
  before: null,
  after: { n: i, nested: { z: 1, a: [true, null, "x"] } },
  harborRequestId: null,
  portalRequestId: `p-${i}`,
  clientRequestId: null,
});

const chain = (n: number): StoredAuditEvent[] => chainEvents({ seq: 0n, hash: GENESIS_HASH }, Array.from({ length: n }, (_, i) => base(i + 1)));

describe("canonical form", () => {
  it("sorts keys at every depth and ignores insertion order", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: "s" } })).toBe('{"a":{"c":"s","d":[2,{"x":0,"y":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it("writes times as UTC ISO with milliseconds and bigints as decimal strings", () => {
    expect(canonicalJson({ at: new Date("2026-05-01T02:03:04+02:00"), seq: 12345678901234567890n })).toBe('{"at":"2026-05-01T00:03:04.000Z","seq":"12345678901234567890"}');
  });

  it("drops undefined members but keeps nulls", () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });

  it("covers every stored field except the hash, including seq and prevHash", () => {
    const [e] = chain(1);
    const text = canonicalEvent(e!);
    for (const key of ["seq", "at", "actorType", "actorId", "actorName", "actorGroups", "sourceIp", "userAgent", "action", "objectType", "objectId", "projectName", "subject", "requestId", "before", "after", "harborRequestId", "portalRequestId", "prevHash"]) {
      expect(text).toContain(`"${key}":`);
    }
    expect(text).not.toContain(`"hash":`);
    expect(text).toContain(`"seq":"1"`);
  });

  it("leaves a field added later out while it is null, so events written before it keep their hash", () => {
    const [e] = chain(1);
    const text = canonicalEvent(e!);
    expect(text).not.toContain("clientRequestId");
    // the text from before the column existed: every field of the first version, keys sorted
    const { clientRequestId: _absent, hash: _hash, ...first } = e!;
    expect(text).toBe(canonicalJson(first));
    const claimed = { ...e!, clientRequestId: "abc-123" };
    expect(canonicalEvent(claimed)).toContain(`,"clientRequestId":"abc-123",`);
    expect(hashEvent(claimed)).not.toBe(hashEvent(e!));
    expect(verifyEvents(chainEvents({ seq: 0n, hash: GENESIS_HASH }, [{ ...base(1), clientRequestId: "x" }, base(2)]))).toMatchObject({ ok: true, checked: 2 });
  });

  it("toJsonValue turns Dates into ISO strings and refuses what JSON cannot hold", () => {
    expect(toJsonValue({ when: new Date("2026-01-01T00:00:00Z"), skip: undefined, list: [undefined, 1n] })).toEqual({ when: "2026-01-01T00:00:00.000Z", list: [null, "1"] });
    expect(() => toJsonValue({ x: Number.NaN })).toThrow(/finite/);
    expect(() => toJsonValue({ f: () => 1 })).toThrow(/cannot be stored/);
  });
});

describe("secret detection", () => {
  it("finds secret-like keys at any depth, in any case", () => {
    expect(findSecretKey({ robot: { name: "ci", credentials: { x: 1 } } })).toBe("$.robot.credentials");
    expect(findSecretKey({ list: [{ ok: 1 }, { ApiToken: "t" }] })).toBe("$.list[1].ApiToken");
    expect(findSecretKey({ harborPassword: "x" })).toBe("$.harborPassword");
    expect(findSecretKey({ clientSecret: null })).toBe("$.clientSecret");
  });

  it("lets ordinary keys and secret-looking values through", () => {
    expect(findSecretKey({ robotName: "robot$ci", note: "password rotated", permissions: [{ resource: "repository", action: "pull" }] })).toBeNull();
  });
});

describe("hash chain", () => {
  it("links each event to the previous hash, starting from 64 zeros", () => {
    const events = chain(3);
    expect(events.map((e) => e.seq)).toEqual([1n, 2n, 3n]);
    expect(events[0]!.prevHash).toBe(GENESIS_HASH);
    expect(events[1]!.prevHash).toBe(events[0]!.hash);
    expect(events[2]!.prevHash).toBe(events[1]!.hash);
    for (const e of events) expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is deterministic and sensitive to every field", () => {
    const [e] = chain(1);
    expect(hashEvent(e!)).toBe(e!.hash);
    expect(hashEvent({ ...e!, actorGroups: ["team-leads", "x"] })).not.toBe(e!.hash);
    expect(hashEvent({ ...e!, at: new Date(e!.at.getTime() + 1) })).not.toBe(e!.hash);
    expect(hashEvent({ ...e!, seq: 2n })).not.toBe(e!.hash);
    expect(hashEvent({ ...e!, userAgent: null })).not.toBe(e!.hash);
  });

  it("continues from a head", () => {
    const first = chain(2);
    const more = chainEvents({ seq: 2n, hash: first[1]!.hash }, [base(3)]);
    expect(verifyEvents([...first, ...more], { seq: 3n, hash: more[0]!.hash })).toEqual({ ok: true, checked: 3 });
  });
});

describe("verification walk", () => {
  const events = chain(10);
  const head = { seq: 10n, hash: events[9]!.hash };

  it("accepts an intact chain whose head names the last event", () => {
    expect(verifyEvents(events, head)).toEqual({ ok: true, checked: 10 });
    expect(verifyEvents([], { seq: 0n, hash: GENESIS_HASH })).toEqual({ ok: true, checked: 0 });
  });

  it("detects a changed event at its own seq", () => {
    const tampered = events.map((e) => (e.seq === 4n ? { ...e, after: { n: 999 } } : e));
    expect(verifyEvents(tampered, head)).toMatchObject({ ok: false, brokenAt: 4n, reason: "hash-mismatch", checked: 3 });
  });

  it("detects a changed event whose hash was recomputed at the next link", () => {
    const tampered = events.map((e) => {
      if (e.seq !== 4n) return e;
      const changed = { ...e, actorName: "Mallory" };
      return { ...changed, hash: hashEvent(changed) };
    });
    expect(verifyEvents(tampered, head)).toMatchObject({ ok: false, brokenAt: 5n, reason: "prev-link" });
  });

  it("detects a removed event at the missing seq", () => {
    expect(verifyEvents(events.filter((e) => e.seq !== 6n), head)).toMatchObject({ ok: false, brokenAt: 6n, reason: "gap" });
  });

  it("detects removed trailing events through the head", () => {
    expect(verifyEvents(events.slice(0, 8), head)).toMatchObject({ ok: false, brokenAt: 9n, reason: "head-mismatch" });
  });

  it("detects events beyond the head and a head with a foreign hash", () => {
    expect(verifyEvents(events, { seq: 7n, hash: events[6]!.hash })).toMatchObject({ ok: false, brokenAt: 8n, reason: "head-mismatch" });
    expect(verifyEvents(events, { seq: 10n, hash: "f".repeat(64) })).toMatchObject({ ok: false, brokenAt: 10n, reason: "head-mismatch" });
  });

  it("detects a re-ordered chain and a rewritten first link", () => {
    const swapped = [events[0]!, events[2]!, events[1]!, ...events.slice(3)];
    expect(verifyEvents(swapped, head)).toMatchObject({ ok: false, brokenAt: 2n, reason: "gap" });
    const first = { ...events[0]!, prevHash: "1".repeat(64) };
    const rehashed = { ...first, hash: hashEvent(first) };
    expect(verifyEvents([rehashed, ...events.slice(1)], head)).toMatchObject({ ok: false, brokenAt: 1n, reason: "prev-link" });
  });

  it("walks one event at a time and keeps reporting the first break", () => {
    const walker = new ChainWalker();
    expect(walker.push(events[0]!)).toBeNull();
    const broken = walker.push(events[2]!);
    expect(broken).toMatchObject({ brokenAt: 2n, reason: "gap" });
    expect(walker.push(events[1]!)).toBe(broken);
    expect(walker.checked).toBe(1);
  });
});

describe("canonical event text", () => {
  it("is canonicalJson of the event without its hash (and without a later field while it is null)", () => {
    const [e] = chainEvents({ seq: 41n, hash: GENESIS_HASH }, [{ ...base(7), before: { z: [1, { b: 2, a: 1 }], a: "é\n\"" }, requestId: "7b0e5f51-55a4-4b7e-9a57-2f7e1f7f1a01" }]);
    const { hash: _hash, clientRequestId: _absent, ...unhashed } = e!;
    expect(canonicalEvent(e!)).toBe(canonicalJson(unhashed));
    const [claimed] = chainEvents({ seq: 41n, hash: GENESIS_HASH }, [{ ...base(7), clientRequestId: "from-client" }]);
    const { hash: _h, ...all } = claimed!;
    expect(canonicalEvent(claimed!)).toBe(canonicalJson(all));
  });
});
