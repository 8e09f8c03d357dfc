import "server-only";
import type pg from "pg";
import type { Db } from "../db";
import { appendAuditEvents } from "./append";
import { auditKeyring, type AuditKeyring } from "./signing";
import { SYSTEM_CONTEXT, type AuditContext } from "./types";
import { CHAIN_BROKEN, standingBreak, verifyChain, type VerifyResult } from "./verify";

// The whole chain re-verified without anyone asking (docs/audit.md "Verifying"): every BERTH_AUDIT_VERIFY_HOURS the
// scheduler walks it from the first event. A pass records a checkpoint, so the auditor pages only re-walk what came
// after; a break is recorded as an `audit.chain.broken` event, so it stays visible until a walk that covers that
// event passes.

/** One full walk at a time across every process on this database. */
const LOCK_KEY = 0x62657274;

export { CHAIN_BROKEN } from "./verify";

export class VerificationStopped extends Error {
  constructor() {
    super("the verification was stopped");
    this.name = "VerificationStopped";
  }
}

export interface RecordedVerification {
  result: VerifyResult;
  /** the break was recorded now (false: a pass, the same break already stands, or recording it failed) */
  recorded: boolean;
  /** why recording the break failed (a broken head can refuse appends); the break is still reported */
  recordError: string | null;
}

/**
 * A full walk; a pass is recorded as a checkpoint, a break as an event (with who asked) unless the same break already
 * stands. `stopping` is asked between batches: a stopped walk records nothing.
 */
export async function verifyAndRecord(prisma: Db, pool: pg.Pool, ctx: AuditContext, options: { keyring: AuditKeyring; stopping?: () => boolean }): Promise<RecordedVerification> {
  const { keyring, stopping } = options;
  const result = await verifyChain(pool, {
    keyring,
    record: true,
    onProgress: () => {
      if (stopping?.()) throw new VerificationStopped();
    },
  });
  if (result.ok) return { result, recorded: false, recordError: null };
  const brokenAt = result.brokenAt.toString();
  const standing = await standingBreak(pool, keyring);
  if (standing?.after?.brokenAt === brokenAt && standing.after.reason === result.reason) return { result, recorded: false, recordError: null };
  try {
    await prisma.$transaction((tx) =>
      appendAuditEvents(tx, ctx, [
        {
          action: CHAIN_BROKEN,
          objectType: "chain",
          objectId: brokenAt,
          after: { brokenAt, reason: result.reason, detail: result.detail.slice(0, 500), checked: result.checked, headSeq: result.headSeq.toString() },
        },
      ]),
    );
    return { result, recorded: true, recordError: null };
  } catch (e) {
    return { result, recorded: false, recordError: e instanceof Error ? e.message.slice(0, 200) : "unknown error" };
  }
}

export interface ScheduledVerifyDeps {
  prisma: Db;
  pool: pg.Pool;
  everyHours: number;
  clock?: () => Date;
  /** this process's last attempt, pass or not: a process walks at most once per interval even when nothing records */
  lastAttempt?: Date | null;
  stopping?: () => boolean;
  /** defaults to this process's keys (BERTH_AUDIT_SIGNING_KEY) */
  keyring?: AuditKeyring;
}

export type ScheduledVerifyOutcome = { ran: false; why: "not-due" | "busy" } | ({ ran: true } & RecordedVerification);

/**
 * Due when neither a passing walk nor a recorded break is younger than `everyHours`, nor this process's own last
 * attempt: a quiet trail is walked on the interval too, since an edit needs no new event. Cheap when not due.
 */
async function isDue(pool: pg.Pool, now: Date, deps: ScheduledVerifyDeps): Promise<boolean> {
  const interval = deps.everyHours * 3_600_000;
  if (deps.lastAttempt && now.getTime() - deps.lastAttempt.getTime() < interval) return false;
  const { rows } = await pool.query<{ events: boolean; last: Date | null }>(
    `SELECT EXISTS (SELECT 1 FROM "AuditEvent") AS events,
            GREATEST((SELECT max("verifiedAt") FROM "AuditCheckpoint"),
                     (SELECT at FROM "AuditEvent" WHERE action = '${CHAIN_BROKEN}' ORDER BY seq DESC LIMIT 1)) AS last`,
  );
  const row = rows[0];
  if (!row?.events) return false;
  return row.last === null || now.getTime() - row.last.getTime() >= interval;
}

export async function verifyChainIfDue(deps: ScheduledVerifyDeps): Promise<ScheduledVerifyOutcome> {
  const now = (deps.clock ?? (() => new Date()))();
  if (!(await isDue(deps.pool, now, deps))) return { ran: false, why: "not-due" };
  const lock = await deps.pool.connect();
  // idle while the walk runs on another connection: a dropped backend must not crash the process
  const onError = () => {};
  lock.on("error", onError);
  let broken: Error | undefined;
  try {
    const got = (await lock.query<{ got: boolean }>(`SELECT pg_try_advisory_lock($1) AS got`, [LOCK_KEY])).rows[0]?.got;
    if (!got) return { ran: false, why: "busy" };
    try {
      // another process may have finished a walk between the first look and the lock
      if (!(await isDue(deps.pool, now, { ...deps, lastAttempt: null }))) return { ran: false, why: "not-due" };
      return { ran: true, ...(await verifyAndRecord(deps.prisma, deps.pool, SYSTEM_CONTEXT.scheduler, { keyring: deps.keyring ?? auditKeyring(), stopping: deps.stopping })) };
    } finally {
      try {
        await lock.query(`SELECT pg_advisory_unlock($1)`, [LOCK_KEY]);
      } catch (e) {
        // the session may still hold the lock: never hand that connection to anyone else
        broken = e instanceof Error ? e : new Error("unlock failed");
      }
    }
  } finally {
    lock.off("error", onError);
    lock.release(broken);
  }
}
