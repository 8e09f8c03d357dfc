import type pg from "pg";
import type { Db } from "../db";
import { appendAuditEvents } from "./append";
import type { AuditContext } from "./types";
import { verifyChain, type VerifyResult } from "./verify";

// The whole chain re-verified without anyone asking (docs/audit.md "Verifying"): every BERTH_AUDIT_VERIFY_HOURS the
// scheduler walks it from the first event. A pass records a checkpoint, so the auditor pages only re-walk what came
// after; a break is recorded as an `audit.chain.broken` event, so it stays visible until a later walk passes.

const SCHEDULER_CTX: AuditContext = { actor: { type: "system", id: "scheduler" } };
/** One full walk at a time across every process on this database. */
const LOCK_KEY = 0x62657274;

export const CHAIN_BROKEN = "audit.chain.broken";

/** A full walk; a failure is recorded as an event (with who asked), a pass as a checkpoint. */
export async function verifyAndRecord(prisma: Db, pool: pg.Pool, ctx: AuditContext): Promise<VerifyResult> {
  const result = await verifyChain(pool, { record: true });
  if (!result.ok) {
    await prisma.$transaction((tx) =>
      appendAuditEvents(tx, ctx, [
        {
          action: CHAIN_BROKEN,
          objectType: "chain",
          objectId: result.brokenAt.toString(),
          after: { brokenAt: result.brokenAt.toString(), reason: result.reason, detail: result.detail, checked: result.checked, headSeq: result.headSeq.toString() },
        },
      ]),
    );
  }
  return result;
}

export interface ScheduledVerifyDeps {
  prisma: Db;
  pool: pg.Pool;
  everyHours: number;
  clock?: () => Date;
}

export type ScheduledVerifyOutcome = { ran: false; why: "not-due" | "busy" } | { ran: true; result: VerifyResult };

/**
 * Due when events came after the last checkpoint and neither a pass nor a recorded break is younger than
 * `everyHours`. Cheap when not due (one query), so the scheduler can ask every tick.
 */
async function isDue(pool: pg.Pool, now: Date, everyHours: number): Promise<boolean> {
  const { rows } = await pool.query<{ head: string | null; checkpoint: string | null; last: Date | null }>(
    `SELECT (SELECT seq::text FROM "AuditHead" WHERE id = 1) AS head,
            (SELECT max(seq)::text FROM "AuditCheckpoint") AS checkpoint,
            GREATEST((SELECT max("verifiedAt") FROM "AuditCheckpoint"),
                     (SELECT at FROM "AuditEvent" WHERE action = '${CHAIN_BROKEN}' ORDER BY seq DESC LIMIT 1)) AS last`,
  );
  const row = rows[0];
  if (!row?.head || row.head === "0") return false;
  if (row.checkpoint !== null && BigInt(row.checkpoint) >= BigInt(row.head)) return false;
  return row.last === null || now.getTime() - row.last.getTime() >= everyHours * 3_600_000;
}

export async function verifyChainIfDue(deps: ScheduledVerifyDeps): Promise<ScheduledVerifyOutcome> {
  const now = (deps.clock ?? (() => new Date()))();
  if (!(await isDue(deps.pool, now, deps.everyHours))) return { ran: false, why: "not-due" };
  const lock = await deps.pool.connect();
  try {
    const got = (await lock.query<{ got: boolean }>(`SELECT pg_try_advisory_lock($1) AS got`, [LOCK_KEY])).rows[0]?.got;
    if (!got) return { ran: false, why: "busy" };
    try {
      // another process may have finished a walk between the first look and the lock
      if (!(await isDue(deps.pool, now, deps.everyHours))) return { ran: false, why: "not-due" };
      return { ran: true, result: await verifyAndRecord(deps.prisma, deps.pool, SCHEDULER_CTX) };
    } finally {
      await lock.query(`SELECT pg_advisory_unlock($1)`, [LOCK_KEY]);
    }
  } finally {
    lock.release();
  }
}
