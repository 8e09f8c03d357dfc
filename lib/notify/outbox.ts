import "server-only";
import { jsonParam, sqlOf, type Queryable, type SqlTarget } from "../sql";
import type { MessageData, MessageKindName } from "./kinds";

// The outbox: NotifyMessage rows, unique by idempotency key. Written inside the transaction that causes them — by the
// dispatcher for the audit trail's events (dispatch.ts), by the scheduler for time-based messages, and by anyone
// else through enqueueMessage — so a rollback takes them away and a commit keeps them whatever happens next.

/** Expanders in every process wake on this channel (NOTIFY is delivered at commit). */
export const MESSAGES_CHANNEL = "berth_notify";

export interface OutboxMessage {
  key: string;
  kind: MessageKindName;
  data: MessageData;
  seq?: string | null;
}

/** Inserts messages, skipping keys already there; returns how many are new. */
export async function insertMessages(db: Queryable, messages: OutboxMessage[]): Promise<number> {
  if (messages.length === 0) return 0;
  const { rowCount } = await db.query(
    `INSERT INTO "NotifyMessage" (id, key, kind, seq, data)
     SELECT gen_random_uuid(), k, t, s::bigint, d::jsonb FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS m(k, t, s, d)
     ON CONFLICT (key) DO NOTHING`,
    [messages.map((m) => m.key), messages.map((m) => m.kind), messages.map((m) => m.seq ?? null), messages.map((m) => jsonParam(m.data))],
  );
  if (rowCount) await db.query(`SELECT pg_notify($1, '')`, [MESSAGES_CHANNEL]);
  return rowCount ?? 0;
}

/**
 * Puts a message in the outbox inside the caller's transaction (a Prisma interactive transaction or a pg client in
 * BEGIN). Sent once per key: a second call with the same key is a no-op, so a retried or repeated cause sends nothing
 * twice. Returns whether it was new.
 */
export async function enqueueMessage(target: SqlTarget, message: OutboxMessage): Promise<boolean> {
  return (await insertMessages(sqlOf(target), [message])) > 0;
}
