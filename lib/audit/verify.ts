import "server-only";
import type pg from "pg";
import { ChainWalker, GENESIS_HASH, type BreakReason, type JsonValue, type StoredAuditEvent } from "./chain";
import { CHECKPOINT_SELECT, reviewCheckpoints, signCheckpoint, type AuditKeyring, type CheckpointReview, type CheckpointRow } from "./signing";
import { isoUtc, rawTextTypes } from "./sql";
import { preparedPool, type Queryable } from "../sql";

// Every column as text, times already ISO: parsing only the JSON keeps the walk CPU-light.
const EVENT_SELECT = `e.seq::text, ${isoUtc("e.at")}, e."actorType", e."actorId", e."actorName", array_to_json(e."actorGroups")::text, e."sourceIp",
  e."userAgent", e.action, e."objectType", e."objectId", e."projectName", e.subject, e."requestId"::text, e.before::text, e.after::text,
  e."harborRequestId", e."portalRequestId", e."prevHash", e.hash, e."clientRequestId"`;

type EventRaw = (string | null)[];

const json = (v: string | null) => (v === null ? null : (JSON.parse(v) as JsonValue));

const toStored = (r: EventRaw): StoredAuditEvent => ({
  seq: BigInt(r[0]!),
  at: new Date(r[1]!),
  actorType: r[2]!,
  actorId: r[3] ?? null,
  actorName: r[4] ?? null,
  actorGroups: JSON.parse(r[5]!) as string[],
  sourceIp: r[6] ?? null,
  userAgent: r[7] ?? null,
  action: r[8]!,
  objectType: r[9]!,
  objectId: r[10]!,
  projectName: r[11] ?? null,
  subject: r[12] ?? null,
  requestId: r[13] ?? null,
  before: json(r[14] ?? null),
  after: json(r[15] ?? null),
  harborRequestId: r[16] ?? null,
  portalRequestId: r[17] ?? null,
  clientRequestId: r[20] ?? null,
  prevHash: r[18]!,
  hash: r[19]!,
});

interface VerifyCommon {
  headSeq: bigint;
  headHash: string;
  /** events whose hash and link were checked */
  checked: number;
  /** the walk continued from this event (0 = genesis) */
  startedAfter: bigint;
  verifiedAt: Date;
  durationMs: number;
  /** what the checkpoints' signatures said (for a walk from genesis: all of them; else the newest few) */
  checkpoints: CheckpointReview;
}

export type VerifyResult = ({ ok: true } & VerifyCommon) | ({ ok: false; brokenAt: bigint; reason: BreakReason; detail: string } & VerifyCommon);

export interface VerifyOptions {
  /** the keys checkpoints are signed with and checked against (lib/audit/signing.ts) */
  keyring: AuditKeyring;
  /** rows per keyset batch */
  batchSize?: number;
  /** continue from a known-good event instead of genesis */
  from?: { seq: bigint; hash: string };
  /** record a signed checkpoint (AuditCheckpoint) when a walk from genesis succeeds */
  record?: boolean;
  onProgress?: (checked: number, lastSeq: bigint) => void;
}

/**
 * What the checkpoints say against a chain whose head is `headSeq`: a forged signature, a signed checkpoint beyond the
 * head (events cut off the end and the head rewound), or one whose event no longer has the verified hash.
 */
function checkpointBreak(review: CheckpointReview, headSeq: bigint): { brokenAt: bigint; reason: BreakReason; detail: string } | null {
  const bad = review.invalid;
  if (bad) {
    return { brokenAt: BigInt(bad.seq), reason: "checkpoint-signature", detail: `the checkpoint of event ${bad.seq} (${bad.verifiedAt.toISOString()}) names key ${bad.keyId} but its signature does not verify: Berth did not write it` };
  }
  const cp = review.newestValid;
  if (!cp) return null;
  if (BigInt(cp.seq) > headSeq) {
    return { brokenAt: headSeq + 1n, reason: "head-mismatch", detail: `the chain ends at event ${headSeq} but event ${cp.seq} was verified on ${cp.verifiedAt.toISOString()}` };
  }
  if (cp.now !== cp.hash) return { brokenAt: BigInt(cp.seq), reason: "hash-mismatch", detail: `event ${cp.seq} no longer has the hash verified on ${cp.verifiedAt.toISOString()}` };
  return null;
}

/**
 * Walks the chain in seq order with keyset batches inside one read-only snapshot: the head and the
 * events are seen as of the same instant, while writers carry on. Memory is one batch.
 */
export async function verifyChain(pool: pg.Pool, options: VerifyOptions): Promise<VerifyResult> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 5000;
  const from = options.from ?? { seq: 0n, hash: GENESIS_HASH };
  const client = await pool.connect();
  let headSeq = 0n;
  let headHash = GENESIS_HASH;
  const walker = new ChainWalker(from);
  // a long walk holds this connection: a dropped backend must fail the walk, not crash the process
  const onError = () => {};
  client.on("error", onError);
  let dirty: Error | undefined;
  let checkpointFailure: { brokenAt: bigint; reason: BreakReason; detail: string } | null = null;
  let checkpoints: CheckpointReview = { newestValid: null, invalid: null, valid: 0, unsigned: 0, unknownKey: 0 };
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const head = (await client.query<{ seq: string; hash: string }>(`SELECT seq::text AS seq, hash FROM "AuditHead" WHERE id = 1`)).rows[0];
    const fetch = (after: string) =>
      client.query<EventRaw>({ text: `SELECT ${EVENT_SELECT} FROM "AuditEvent" e WHERE e.seq > $1::bigint ORDER BY e.seq LIMIT $2`, values: [after, batchSize], rowMode: "array", types: rawTextTypes });
    let pending: Promise<pg.QueryResult<EventRaw>> | null = fetch(from.seq.toString());
    try {
      while (pending) {
        const { rows }: pg.QueryResult<EventRaw> = await pending;
        const last: EventRaw | undefined = rows[rows.length - 1];
        // ask for the next batch before hashing this one, so the database works while we hash
        pending = last && rows.length === batchSize ? fetch(last[0]!) : null;
        let broken = false;
        for (const row of rows) {
          if (walker.push(toStored(row))) {
            broken = true;
            break;
          }
        }
        options.onProgress?.(walker.checked, walker.lastSeq);
        if (broken) break;
      }
    } finally {
      await pending?.catch(() => undefined);
    }
    if (head) {
      headSeq = BigInt(head.seq);
      headHash = head.hash;
    }
    walker.finish(head ? { seq: headSeq, hash: headHash } : null);
    // the newest signed checkpoint must still be part of this chain: events cut off the end with the head rewound, or
    // an event rewritten and re-hashed up to the head, walk cleanly but no longer hold the verified event; and every
    // checkpoint that names a trusted key must carry its signature (a forged one was not written by Berth)
    const rows = (await client.query<CheckpointRow>(`${CHECKPOINT_SELECT} ORDER BY c.seq DESC${from.seq === 0n ? "" : " LIMIT 20"}`)).rows;
    checkpoints = reviewCheckpoints(options.keyring, rows);
    if (!walker.failure) checkpointFailure = checkpointBreak(checkpoints, headSeq);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch((e: unknown) => {
      dirty = e instanceof Error ? e : new Error("rollback failed");
    });
    throw error;
  } finally {
    client.off("error", onError);
    // a connection whose ROLLBACK failed may still be inside the transaction: never hand it out again
    client.release(dirty);
  }
  const common: VerifyCommon = { headSeq, headHash, checked: walker.checked, startedAfter: from.seq, verifiedAt: new Date(), durationMs: performance.now() - started, checkpoints };
  const failure = walker.failure ?? checkpointFailure;
  if (failure) return { ok: false, ...failure, ...common };
  if (options.record && from.seq === 0n && headSeq > 0n) {
    const claim = { seq: headSeq.toString(), hash: headHash, verifiedAt: common.verifiedAt };
    const { keyId, signature } = signCheckpoint(options.keyring, claim);
    await pool.query(
      `INSERT INTO "AuditCheckpoint" (seq, hash, checked, "verifiedAt", "keyId", signature) VALUES ($1::bigint, $2, $3::bigint, $4::timestamptz, $5, $6) ON CONFLICT (seq) DO NOTHING`,
      [claim.seq, headHash, String(walker.checked), common.verifiedAt.toISOString(), keyId, signature],
    );
  }
  return { ok: true, ...common };
}

export const CHAIN_BROKEN = "audit.chain.broken";

export interface StandingBreak {
  seq: string;
  at: Date;
  after: { brokenAt?: string; reason?: BreakReason; detail?: string } | null;
}

/**
 * The newest recorded break that no passing full walk has covered since. Decided by position, not by clock: a walk
 * covers a break event once its signed checkpoint has reached it (and its event still has the verified hash), so a
 * walk that began before the break was recorded never clears it, and nobody without the signing key can clear it.
 */
export async function standingBreak(db: pg.Pool | pg.PoolClient, keyring: AuditKeyring): Promise<StandingBreak | null> {
  const found = (await db.query<StandingBreak>(`SELECT e.seq::text AS seq, e.at, e.after FROM "AuditEvent" e WHERE e.action = '${CHAIN_BROKEN}' ORDER BY e.seq DESC LIMIT 1`)).rows[0];
  if (!found) return null;
  const covering = (await db.query<CheckpointRow>(`${CHECKPOINT_SELECT} WHERE c.seq >= $1::bigint AND e.hash = c.hash ORDER BY c.seq DESC LIMIT 20`, [found.seq])).rows;
  return reviewCheckpoints(keyring, covering).newestValid ? null : found;
}

export interface ChainStatus {
  ok: boolean;
  headSeq: string;
  headHash: string;
  /** true when this check continues from a signed checkpoint or from genesis, so everything up to the head is covered */
  anchored: boolean;
  /** the walk began after this event */
  checkedFrom: string;
  /** events whose hash and link this check recomputed */
  checked: number;
  /** the newest checkpoint signed by a trusted key whose event still has its hash: a full walk verified the chain up to it */
  verifiedThrough: { seq: string; hash: string; verifiedAt: Date; keyId: string } | null;
  break: { brokenAt: string; reason: BreakReason; detail: string } | null;
  checkedAt: Date;
}

interface HeadAndCheckpoints {
  headSeq: string | null;
  headHash: string | null;
  checkpoints: (Omit<CheckpointRow, "verifiedAt"> & { verifiedAt: string })[];
  /** a chain break event exists (whether a later full walk covered it is a second question) */
  breakRecorded: boolean;
  /** the seq of the newest checkpoint row, signed or not (null: none) */
  tailAfter: string | null;
  /** events after tailAfter in seq order, each in the walk's column order; at most the statement's limit */
  tail: EventRaw[];
}

export interface ChainStatusOptions {
  keyring: AuditKeyring;
  /** walk at most this many events past the newest signed checkpoint (default 50,000) */
  maxWalk?: number;
  /** the statement that reads the head also reads up to this many events after the newest checkpoint (default 1,000) */
  tailLimit?: number;
  /** where that statement runs (default: the pool); pages pass reads(), which sends it with their other reads */
  reads?: Queryable;
}

/**
 * The status the auditor views show: the head, the newest signed checkpoint (a full walk: npm run audit:verify, the
 * scheduler, "Verify now"), and a fresh walk of what was appended since — at most `maxWalk` events, so a page stays fast.
 * Every auditor page asks for it, so the usual case is one statement: the head, the checkpoints, whether a break was
 * ever recorded, and the events after the newest checkpoint, all from one snapshot. A longer tail, a break on record,
 * or a newest checkpoint that is not signed by a trusted key take the general path (verifyChain's batched walk).
 */
export async function chainStatus(pool: pg.Pool, options: ChainStatusOptions): Promise<ChainStatus> {
  const maxWalk = BigInt(options.maxWalk ?? 50_000);
  const tailLimit = Math.max(0, options.tailLimit ?? 1_000);
  // one statement, one snapshot: a checkpoint it sees was recorded after the head it covers, so it never looks ahead
  const both = (
    await (options.reads ?? preparedPool(pool)).query<HeadAndCheckpoints>(
      `SELECT h.seq::text AS "headSeq", h.hash AS "headHash",
              (SELECT coalesce(json_agg(c ORDER BY c.seq::bigint DESC), '[]'::json) FROM (${CHECKPOINT_SELECT} ORDER BY c.seq DESC LIMIT 20) c) AS checkpoints,
              EXISTS (SELECT 1 FROM "AuditEvent" b WHERE b.action = '${CHAIN_BROKEN}') AS "breakRecorded",
              (SELECT max(seq)::text FROM "AuditCheckpoint") AS "tailAfter",
              (SELECT coalesce(json_agg(json_build_array(${EVENT_SELECT}) ORDER BY e.seq), '[]'::json)
                 FROM (SELECT * FROM "AuditEvent" WHERE seq > coalesce((SELECT max(seq) FROM "AuditCheckpoint"), 0) ORDER BY seq LIMIT $1) e) AS tail
       FROM (SELECT 1) one LEFT JOIN "AuditHead" h ON h.id = 1`,
      [tailLimit + 1],
    )
  ).rows[0];
  const head = both?.headSeq != null && both.headHash != null ? { seq: both.headSeq, hash: both.headHash } : undefined;
  const headSeq = head ? BigInt(head.seq) : 0n;
  const review = reviewCheckpoints(options.keyring, (both?.checkpoints ?? []).map((c) => ({ ...c, verifiedAt: new Date(c.verifiedAt) })));
  const cp = review.newestValid;
  const verifiedThrough = cp ? { seq: cp.seq, hash: cp.hash, verifiedAt: cp.verifiedAt, keyId: cp.keyId! } : null;
  const base = { headSeq: headSeq.toString(), headHash: head?.hash ?? GENESIS_HASH, verifiedThrough };
  const stop = (failure: { brokenAt: bigint | string; reason: BreakReason; detail: string }, checkedAt = new Date()): ChainStatus => ({
    ...base,
    ok: false,
    anchored: true,
    checkedFrom: "0",
    checked: 0,
    break: { brokenAt: failure.brokenAt.toString(), reason: failure.reason, detail: failure.detail },
    checkedAt,
  });

  // a forged checkpoint, a verified event beyond the head, or a verified event that changed
  const failure = checkpointBreak(review, headSeq);
  if (failure) return stop(failure);

  // The usual case, walked from what the statement read: no break on record, the newest checkpoint row is the newest
  // signed one (or there is none and the walk starts at genesis), and every event after it was read.
  const tail = both?.tail ?? [];
  const tailFrom = cp ? (both?.tailAfter === cp.seq ? { seq: BigInt(cp.seq), hash: cp.hash } : null) : both?.tailAfter == null ? { seq: 0n, hash: GENESIS_HASH } : null;
  if (both && !both.breakRecorded && tailFrom && tail.length <= tailLimit && headSeq - tailFrom.seq <= maxWalk) {
    const walker = new ChainWalker(tailFrom);
    for (const row of tail) if (walker.push(toStored(row))) break;
    const broken = walker.finish(head ? { seq: headSeq, hash: head.hash } : null);
    return {
      ...base,
      ok: broken === null,
      anchored: true,
      checkedFrom: tailFrom.seq.toString(),
      checked: walker.checked,
      break: broken ? { brokenAt: broken.brokenAt.toString(), reason: broken.reason, detail: broken.detail } : null,
      checkedAt: new Date(),
    };
  }

  // a recorded break no passing walk has covered: it may lie before anything walked here, so it stands
  const failed = await standingBreak(pool, options.keyring);
  if (failed) {
    return stop({ brokenAt: failed.after?.brokenAt ?? "0", reason: failed.after?.reason ?? "hash-mismatch", detail: `the full verification of ${failed.at.toISOString()} found: ${failed.after?.detail ?? "a broken link"}` }, failed.at);
  }

  let from = { seq: 0n, hash: GENESIS_HASH };
  let anchored = true;
  if (cp && headSeq - BigInt(cp.seq) <= maxWalk) from = { seq: BigInt(cp.seq), hash: cp.hash };
  else if (headSeq > maxWalk) {
    from = { seq: headSeq - maxWalk, hash: "" };
    anchored = false;
  }
  if (from.seq > 0n && !anchored) {
    const stored = (await pool.query<{ hash: string }>(`SELECT hash FROM "AuditEvent" WHERE seq = $1::bigint`, [from.seq.toString()])).rows[0];
    const brokenAt = from.seq.toString();
    if (!stored) return { ...base, ok: false, anchored, checkedFrom: brokenAt, checked: 0, break: { brokenAt, reason: "gap", detail: `event ${brokenAt} is missing` }, checkedAt: new Date() };
    from.hash = stored.hash;
  }
  const result = await verifyChain(pool, { from, keyring: options.keyring });
  return {
    ...base,
    headSeq: result.headSeq.toString(),
    headHash: result.headHash,
    ok: result.ok,
    anchored,
    checkedFrom: from.seq.toString(),
    checked: result.checked,
    break: result.ok ? null : { brokenAt: result.brokenAt.toString(), reason: result.reason, detail: result.detail },
    checkedAt: result.verifiedAt,
  };
}
