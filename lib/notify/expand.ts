import "server-only";
import type pg from "pg";
import { transaction, type Queryable } from "../sql";
import type { NotifyConfig } from "./config";
import type { MessageData } from "./kinds";
import { loadDirectory, resolveRecipients } from "./recipients";

// Messages become deliveries: one row per (message, recipient, sink), unique by key, so expanding a message twice
// (two processes, a crash before the commit) creates each delivery once. Messages are claimed with SKIP LOCKED.

/** Senders in every process wake on this channel when deliveries are due. */
export const DELIVERIES_CHANNEL = "berth_notify_deliveries";

export interface NewDelivery {
  key: string;
  messageId: string;
  sink: "email" | "chat" | "webhook";
  target: string;
  address: string | null;
  optional: boolean;
  state: "PENDING" | "HELD";
}

interface PendingMessage {
  id: string;
  key: string;
  kind: string;
  data: MessageData;
}

export function deliveriesOf(message: PendingMessage, recipients: ReturnType<typeof resolveRecipients>, emailOn: boolean): NewDelivery[] {
  const out: NewDelivery[] = [];
  const add = (sink: NewDelivery["sink"], target: string, address: string | null, held = false, optional = false) =>
    out.push({ key: `${message.key}|${sink}|${target}`, messageId: message.id, sink, target, address, optional, state: held ? "HELD" : "PENDING" });
  if (emailOn) for (const r of recipients.people) add("email", `person:${r.person.id}`, r.person.email, r.held, r.optional);
  for (const c of recipients.channels) add("chat", c.name, null);
  for (const w of recipients.webhooks) add("webhook", w.name, null);
  return out;
}

export async function insertDeliveries(db: Queryable, deliveries: NewDelivery[], giveUpHours: number): Promise<number> {
  if (deliveries.length === 0) return 0;
  const { rowCount } = await db.query(
    `INSERT INTO "NotifyDelivery" (id, key, "messageId", sink, target, address, optional, state, "giveUpAt")
     SELECT gen_random_uuid(), k, m::uuid, s, t, a, o, st::"DeliveryState", now() + make_interval(hours => $8::int)
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bool[], $7::text[]) AS d(k, m, s, t, a, o, st)
     ON CONFLICT (key) DO NOTHING`,
    [deliveries.map((d) => d.key), deliveries.map((d) => d.messageId), deliveries.map((d) => d.sink), deliveries.map((d) => d.target), deliveries.map((d) => d.address), deliveries.map((d) => d.optional), deliveries.map((d) => d.state), giveUpHours],
  );
  if (deliveries.some((d) => d.state === "PENDING")) await db.query(`SELECT pg_notify($1, '')`, [DELIVERIES_CHANNEL]);
  return rowCount ?? 0;
}

/** Expands up to `batch` messages waiting for their deliveries; returns how many messages and deliveries. */
export async function expandOnce(pool: pg.Pool, config: NotifyConfig, now: () => Date = () => new Date(), batch = 200): Promise<{ messages: number; deliveries: number }> {
  return transaction(pool, async (c) => {
    const { rows } = await c.query<PendingMessage>(
      `SELECT id, key, kind, data FROM "NotifyMessage" WHERE "expandedAt" IS NULL ORDER BY "createdAt" LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [batch],
    );
    if (rows.length === 0) return { messages: 0, deliveries: 0 };
    const named = rows.flatMap((m) => [m.data.requesterId, ...(m.data.personIds ?? [])]).filter((v): v is string => !!v);
    const directory = await loadDirectory(c, config.activeDays, [...new Set(named)]);
    const at = now();
    const deliveries = rows.flatMap((m) => deliveriesOf(m, resolveRecipients(m.kind, m.data, directory, config, at), config.smtp !== null));
    const inserted = await insertDeliveries(c, deliveries, config.giveUpHours);
    await c.query(`UPDATE "NotifyMessage" SET "expandedAt" = now() WHERE id = ANY($1::uuid[])`, [rows.map((m) => m.id)]);
    return { messages: rows.length, deliveries: inserted };
  });
}
