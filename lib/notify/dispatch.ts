import "server-only";
import type pg from "pg";
import { transaction } from "../sql";
import { insertMessages } from "./outbox";
import { loadLookups, messagesFor, TRIGGER_ACTIONS, type DescribeRequest, type TrailEvent } from "./triggers";

// The audit trail is the outbox's log for state changes: every change appends its events in its own transaction, and
// appends are serialized on the chain head until commit, so seq order is commit order and a reader that has seen seq
// n has seen everything before it. One process at a time (a row lock on the cursor, SKIP LOCKED for the others) reads
// the events after its cursor, turns those with a trigger into messages, and moves the cursor — in one transaction.

export const DISPATCH_CURSOR = "dispatch";

export interface DispatchResult {
  /** Events looked at (the cursor moved this far); 0 when there was nothing new or another process holds the cursor. */
  events: number;
  messages: number;
  cursor: string;
  /** Events a trigger could not read (passed over; the worker logs them). */
  failed: { seq: string; action: string }[];
}

/** One batch: the events after the cursor, at most `batch` seqs. null when another process is dispatching. */
export async function dispatchOnce(pool: pg.Pool, describe: DescribeRequest, batch = 1000): Promise<DispatchResult | null> {
  // a quiet trail costs one read: the cursor row is locked only when there is something after it
  const { rows: peek } = await pool.query<{ seq: string; behind: boolean }>(
    `SELECT c.seq::text AS seq, c.seq < h.seq AS behind FROM "NotifyCursor" c, "AuditHead" h WHERE c.name = $1 AND h.id = 1`,
    [DISPATCH_CURSOR],
  );
  if (peek[0] && !peek[0].behind) return { events: 0, messages: 0, cursor: peek[0].seq, failed: [] };
  return transaction(pool, async (c) => {
    const { rows: cursors } = await c.query<{ seq: string; head: string }>(
      `SELECT c.seq::text AS seq, (SELECT seq::text FROM "AuditHead" WHERE id = 1) AS head FROM "NotifyCursor" c WHERE c.name = $1 FOR UPDATE SKIP LOCKED`,
      [DISPATCH_CURSOR],
    );
    const cursor = cursors[0];
    if (!cursor) return null;
    const from = BigInt(cursor.seq);
    const head = BigInt(cursor.head);
    if (head <= from) return { events: 0, messages: 0, cursor: cursor.seq, failed: [] };
    const upto = head < from + BigInt(batch) ? head : from + BigInt(batch);
    const { rows } = await c.query<TrailEvent>(
      `SELECT seq::text AS seq, at, action, "objectType", "objectId", "projectName", subject, "requestId", "actorId", "actorName", after
       FROM "AuditEvent" WHERE seq > $1::bigint AND seq <= $2::bigint AND action = ANY($3::text[]) ORDER BY "AuditEvent".seq`,
      [from.toString(), upto.toString(), TRIGGER_ACTIONS],
    );
    let messages = 0;
    let failed: DispatchResult["failed"] = [];
    if (rows.length) {
      const found = messagesFor(rows, await loadLookups(c, rows, describe));
      failed = found.failed;
      messages = await insertMessages(c, found.messages.map((f) => ({ key: f.key, kind: f.message.kind, data: f.message.data, seq: f.seq })));
    }
    await c.query(`UPDATE "NotifyCursor" SET seq = $2::bigint, "updatedAt" = now() WHERE name = $1`, [DISPATCH_CURSOR, upto.toString()]);
    return { events: Number(upto - from), messages, cursor: upto.toString(), failed };
  });
}
