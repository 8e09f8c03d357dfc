import "server-only";
import { createHash } from "node:crypto";

// The pure half of the evidence trail: canonical form, hashing and the verification walk.
// No database here, so every rule is unit-tested on plain objects (docs/audit.md, ADR 004).

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export const GENESIS_HASH = "0".repeat(64);

/** One stored event, every column of "AuditEvent". */
export interface StoredAuditEvent {
  seq: bigint;
  at: Date;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  actorGroups: string[];
  sourceIp: string | null;
  userAgent: string | null;
  action: string;
  objectType: string;
  objectId: string;
  projectName: string | null;
  subject: string | null;
  requestId: string | null;
  before: JsonValue | null;
  after: JsonValue | null;
  harborRequestId: string | null;
  /** Berth's own id of the request that made the event */
  portalRequestId: string | null;
  /** the X-Request-Id the client sent, kept as its claim (hashed only when set: added after the chain began) */
  clientRequestId: string | null;
  prevHash: string;
  hash: string;
}

export type UnhashedAuditEvent = Omit<StoredAuditEvent, "hash">;

export class AuditInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AuditInputError";
  }
}

const SECRET_KEY = /secret|password|token|credential/i;

/** The path of the first key that looks like it holds a secret, or null. */
export function findSecretKey(value: unknown, path = "$"): string | null {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findSecretKey(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    for (const [key, child] of Object.entries(value)) {
      if (SECRET_KEY.test(key)) return `${path}.${key}`;
      const found = findSecretKey(child, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/**
 * The JSON value exactly as PostgreSQL's jsonb will give it back: Dates become ISO strings,
 * undefined object members disappear, so the hash computed before INSERT matches the one
 * recomputed from the stored row.
 */
export function toJsonValue(value: unknown, path = "$"): JsonValue {
  if (value === null) return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new AuditInputError(`${path} is an invalid date`);
    return value.toISOString();
  }
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      if (!Number.isFinite(value)) throw new AuditInputError(`${path} is not a finite number`);
      return value;
    case "bigint":
      return value.toString();
    case "object": {
      if (Array.isArray(value)) return value.map((v, i) => (v === undefined ? null : toJsonValue(v, `${path}[${i}]`)));
      const out: { [key: string]: JsonValue } = {};
      for (const [key, child] of Object.entries(value)) {
        if (child !== undefined) out[key] = toJsonValue(child, `${path}.${key}`);
      }
      return out;
    }
    default:
      throw new AuditInputError(`${path} cannot be stored as JSON (${typeof value})`);
  }
}

/** JSON with object keys sorted at every depth; Dates as ISO UTC with ms, bigints as decimal strings. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new AuditInputError("non-finite number in audit event");
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return JSON.stringify(value.toString());
    case "object": {
      if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(",")}]`;
      const keys = Object.keys(value)
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
    }
    default:
      throw new AuditInputError(`cannot canonicalize ${typeof value}`);
  }
}

const EVENT_FIELDS = [
  "seq",
  "at",
  "actorType",
  "actorId",
  "actorName",
  "actorGroups",
  "sourceIp",
  "userAgent",
  "action",
  "objectType",
  "objectId",
  "projectName",
  "subject",
  "requestId",
  "before",
  "after",
  "harborRequestId",
  "portalRequestId",
  "prevHash",
] as const satisfies readonly (keyof UnhashedAuditEvent)[];
// Columns added after the chain began: in the canonical form only when they hold a value, so every event written
// before them keeps its hash.
const LATER_FIELDS = ["clientRequestId"] as const satisfies readonly (keyof UnhashedAuditEvent)[];
/** Every column of "AuditEvent": what an INSERT lists and what an export reads. */
export const AUDIT_COLUMNS = [...EVENT_FIELDS.slice(0, -1), ...LATER_FIELDS, "prevHash", "hash"] as const;
/** The PostgreSQL type of each column that is not text, for the casts of statement parameters. */
export const AUDIT_COLUMN_TYPES: Partial<Record<(typeof AUDIT_COLUMNS)[number], string>> = { seq: "bigint", at: "timestamptz", actorGroups: "text[]", requestId: "uuid", before: "jsonb", after: "jsonb" };
/** The column list as SQL, e.g. for `INSERT INTO "AuditEvent" (…)`. */
export const AUDIT_COLUMN_LIST = AUDIT_COLUMNS.map((c) => `"${c}"`).join(", ");
// the top level's keys sorted once, with their JSON prefixes: the same text canonicalJson would write, faster ("action"
// always comes first, so every later key, present or not, starts with a comma)
const SORTED_FIELDS = [...EVENT_FIELDS, ...LATER_FIELDS].sort().map((key, i) => ({ key, prefix: `${i ? "," : "{"}${JSON.stringify(key)}:`, later: (LATER_FIELDS as readonly string[]).includes(key) }));

/**
 * The exact text that is hashed: every stored field except `hash`, as canonicalJson of that object — a field added
 * after the chain began (clientRequestId) only when it is not null.
 */
export function canonicalEvent(event: UnhashedAuditEvent): string {
  let out = "";
  for (const { key, prefix, later } of SORTED_FIELDS) {
    const value = event[key];
    if (later && (value === null || value === undefined)) continue;
    out += prefix + canonicalJson(value);
  }
  return `${out}}`;
}

export function hashEvent(event: UnhashedAuditEvent): string {
  return createHash("sha256").update(canonicalEvent(event), "utf8").digest("hex");
}

/** Gives each event its seq, prevHash and hash, continuing from `head`. */
export function chainEvents<T extends Omit<UnhashedAuditEvent, "seq" | "prevHash">>(
  head: { seq: bigint; hash: string },
  events: T[],
): (T & { seq: bigint; prevHash: string; hash: string })[] {
  let seq = head.seq;
  let prevHash = head.hash;
  return events.map((event) => {
    seq += 1n;
    const unhashed = { ...event, seq, prevHash };
    const hash = hashEvent(unhashed);
    prevHash = hash;
    return { ...unhashed, hash };
  });
}

export type BreakReason = "hash-mismatch" | "prev-link" | "gap" | "head-mismatch" | "checkpoint-signature";

export interface ChainBreak {
  brokenAt: bigint;
  reason: BreakReason;
  detail: string;
}

/**
 * Walks events in seq order, one at a time, keeping only the previous hash:
 * memory stays constant however long the chain is.
 */
export class ChainWalker {
  private expectedSeq: bigint;
  private prevHash: string;
  private count = 0;
  private broken: ChainBreak | null = null;

  constructor(start: { seq: bigint; hash: string } = { seq: 0n, hash: GENESIS_HASH }) {
    this.expectedSeq = start.seq + 1n;
    this.prevHash = start.hash;
  }

  get checked() {
    return this.count;
  }

  get lastSeq() {
    return this.expectedSeq - 1n;
  }

  get lastHash() {
    return this.prevHash;
  }

  get failure() {
    return this.broken;
  }

  /** Checks the next event; returns the first break (and keeps returning it). */
  push(event: StoredAuditEvent): ChainBreak | null {
    if (this.broken) return this.broken;
    if (event.seq !== this.expectedSeq) {
      const detail =
        event.seq > this.expectedSeq
          ? `expected event ${this.expectedSeq}, found ${event.seq}: ${event.seq - this.expectedSeq} missing`
          : `expected event ${this.expectedSeq}, found ${event.seq} out of order`;
      return (this.broken = { brokenAt: this.expectedSeq, reason: "gap", detail });
    }
    const recomputed = hashEvent(event);
    if (recomputed !== event.hash) {
      return (this.broken = { brokenAt: event.seq, reason: "hash-mismatch", detail: `stored hash ${event.hash} but content hashes to ${recomputed}` });
    }
    if (event.prevHash !== this.prevHash) {
      return (this.broken = { brokenAt: event.seq, reason: "prev-link", detail: `prevHash ${event.prevHash} does not match the previous event's hash ${this.prevHash}` });
    }
    this.count++;
    this.expectedSeq++;
    this.prevHash = event.hash;
    return null;
  }

  /** After the last event: the head row must name the last event and its hash. */
  finish(head: { seq: bigint; hash: string } | null): ChainBreak | null {
    if (this.broken) return this.broken;
    if (!head) return (this.broken = { brokenAt: this.lastSeq, reason: "head-mismatch", detail: "the chain head row is missing" });
    if (head.seq !== this.lastSeq) {
      const first = head.seq > this.lastSeq ? this.lastSeq : head.seq;
      return (this.broken = { brokenAt: first + 1n, reason: "head-mismatch", detail: `head says event ${head.seq} but the last event is ${this.lastSeq}` });
    }
    if (head.hash !== this.prevHash) {
      return (this.broken = { brokenAt: head.seq, reason: "head-mismatch", detail: `head hash ${head.hash} differs from event ${head.seq}'s hash ${this.prevHash}` });
    }
    return null;
  }
}

/** Verifies a whole chain held in memory (tests, small exports). */
export function verifyEvents(events: Iterable<StoredAuditEvent>, head?: { seq: bigint; hash: string } | null): { ok: true; checked: number } | ({ ok: false; checked: number } & ChainBreak) {
  const walker = new ChainWalker();
  for (const event of events) {
    if (walker.push(event)) break;
  }
  const failure = head === undefined ? walker.failure : walker.finish(head);
  return failure ? { ok: false, checked: walker.checked, ...failure } : { ok: true, checked: walker.checked };
}
