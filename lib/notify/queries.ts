import "server-only";
import { can } from "../authz/permissions";
import type { Role } from "../authz/roles";
import { conflict, invalid, notFound } from "../core/errors";
import { transaction, type Queryable } from "../sql";
import type pg from "pg";
import { MESSAGE_KINDS, OPTIONAL_KINDS } from "./kinds";
import { DELIVERIES_CHANNEL } from "./expand";

// What the pages show and change: dead-lettered deliveries for approvers (with a retry), and a person's choices.

export interface DeadLetter {
  id: string;
  sink: string;
  /** Who or where: a person's name, or the channel or subscription. */
  recipient: string;
  title: string;
  link: string;
  lastError: string | null;
  lastStatus: number | null;
  attempts: number;
  failedAt: Date;
}

export async function deadLetters(db: Queryable, limit = 10): Promise<{ total: number; rows: DeadLetter[] }> {
  const { rows } = await db.query<DeadLetter & { total: number }>(
    `SELECT d.id, d.sink, coalesce(p.name, d.target) AS recipient, m.data->>'title' AS title, m.data->>'link' AS link, d."lastError", d."lastStatus", d.attempts,
       d."updatedAt" AS "failedAt", count(*) OVER ()::int AS total
     FROM "NotifyDelivery" d JOIN "NotifyMessage" m ON m.id = d."messageId"
     LEFT JOIN "Person" p ON d.target = 'person:' || p.id
     WHERE d.state = 'DEAD' ORDER BY d."updatedAt" DESC LIMIT $1`,
    [limit],
  );
  return { total: rows[0]?.total ?? 0, rows: rows.map(({ total: _total, ...r }) => r) };
}

/** A dead delivery goes back on the queue now, with a fresh give-up window. */
export async function retryDelivery(pool: pg.Pool, deliveryId: string, giveUpHours: number): Promise<void> {
  await transaction(pool, async (c) => {
    const { rows } = await c.query<{ state: string }>(`SELECT state::text FROM "NotifyDelivery" WHERE id = $1 FOR UPDATE`, [deliveryId]);
    if (!rows[0]) throw notFound("That delivery");
    if (rows[0].state !== "DEAD") throw conflict(`Only an undelivered notification can be retried; this one is ${rows[0].state.toLowerCase()}.`);
    await c.query(
      `UPDATE "NotifyDelivery" SET state = 'PENDING', "runAt" = now(), "giveUpAt" = now() + make_interval(hours => $2::int), "updatedAt" = now() WHERE id = $1`,
      [deliveryId, giveUpHours],
    );
    await c.query(`SELECT pg_notify($1, '')`, [DELIVERIES_CHANNEL]);
  });
}

export interface NotificationChoices {
  muted: string[];
  digest: boolean;
}

export async function notificationChoices(db: Queryable, personId: string): Promise<NotificationChoices> {
  const { rows } = await db.query<NotificationChoices>(`SELECT muted, digest FROM "NotifyPreference" WHERE "personId" = $1`, [personId]);
  return rows[0] ?? { muted: [], digest: false };
}

const OPTIONAL = new Set(OPTIONAL_KINDS.map((k) => k.kind));

/**
 * Switches one optional kind off for a person (an unsubscribe link), keeping the rest of their choices and the
 * digest. One statement, so a profile save at the same moment is not overwritten; `changed` is false when it was off.
 */
export async function muteNotificationKind(db: Queryable, personId: string, kind: string): Promise<{ changed: boolean }> {
  if (!OPTIONAL.has(kind)) throw invalid("This message cannot be switched off.", { kind: [`Not an optional message: ${kind}`] });
  const { rowCount } = await db.query(
    `INSERT INTO "NotifyPreference" AS p ("personId", muted, digest, "updatedAt") VALUES ($1, ARRAY[$2::text], false, now())
     ON CONFLICT ("personId") DO UPDATE SET muted = ARRAY(SELECT DISTINCT k COLLATE "C" FROM unnest(p.muted || $2::text) AS k ORDER BY 1), "updatedAt" = now()
     WHERE NOT ($2::text = ANY (p.muted))`,
    [personId, kind],
  );
  return { changed: rowCount === 1 };
}

/**
 * Saves which optional messages a person gets and whether approvers' messages wait for the daily digest. Turning the
 * digest off releases what it was holding.
 */
export async function saveNotificationChoices(pool: pg.Pool, personId: string, choices: NotificationChoices): Promise<NotificationChoices> {
  const unknown = choices.muted.filter((k) => !OPTIONAL.has(k));
  if (unknown.length) throw invalid("Some of these messages cannot be switched off.", { muted: [`Not an optional message: ${unknown.join(", ")}`] });
  const muted = [...new Set(choices.muted)].sort();
  return transaction(pool, async (c) => {
    await c.query(
      `INSERT INTO "NotifyPreference" ("personId", muted, digest, "updatedAt") VALUES ($1, $2::text[], $3, now())
       ON CONFLICT ("personId") DO UPDATE SET muted = EXCLUDED.muted, digest = EXCLUDED.digest, "updatedAt" = now()`,
      [personId, muted, choices.digest],
    );
    if (!choices.digest) {
      const { rowCount } = await c.query(`UPDATE "NotifyDelivery" SET state = 'PENDING', "runAt" = now(), "updatedAt" = now() WHERE target = $1 AND state = 'HELD'`, [`person:${personId}`]);
      if (rowCount) await c.query(`SELECT pg_notify($1, '')`, [DELIVERIES_CHANNEL]);
    }
    return { muted, digest: choices.digest };
  });
}

const AUDIENCE_ROLE: Record<string, Role> = { approvers: "approver", auditors: "auditor", requester: "requester", owners: "requester" };

export interface NotificationSettings {
  /** The address Berth has from the last sign-in (null: none, so no email). */
  email: string | null;
  optional: { kind: string; label: string; receiving: boolean }[];
  /** Labels of what this person always gets in their roles. */
  mandatory: string[];
  digest: boolean;
  canDigest: boolean;
}

/** The profile page's notification settings for someone with these roles. */
export async function notificationSettings(db: Queryable, personId: string, roles: readonly Role[]): Promise<NotificationSettings> {
  const [choices, person] = [await notificationChoices(db, personId), await db.query<{ email: string | null }>(`SELECT email FROM "Person" WHERE id = $1`, [personId])];
  // an audience is a role's people (approvers, auditors) or a requester's part (own requests, owned projects)
  const held = new Set<string>(roles);
  const mine = (a: { who: string }) => held.has(AUDIENCE_ROLE[a.who] ?? "");
  const relevant = MESSAGE_KINDS.filter((k) => k.audiences.some(mine));
  return {
    email: person.rows[0]?.email ?? null,
    optional: relevant.filter((k) => k.audiences.some((a) => mine(a) && !("mandatory" in a && a.mandatory))).map((k) => ({ kind: k.kind, label: k.label, receiving: !choices.muted.includes(k.kind) })),
    mandatory: relevant.filter((k) => k.audiences.some((a) => mine(a) && "mandatory" in a && a.mandatory)).map((k) => k.label),
    digest: choices.digest,
    canDigest: can({ roles }, "notify:digest"),
  };
}
