import "server-only";
import { can } from "../authz/permissions";
import type { Role } from "../authz/roles";
import { conflict, invalid, notFound } from "../core/errors";
import { transaction, type Queryable } from "../sql";
import type pg from "pg";
import { MESSAGE_KINDS, OPTIONAL_KINDS } from "./kinds";
import { DELIVERIES_CHANNEL } from "./expand";
import { z } from "zod";
import { parseWithFieldErrors, plainText, type FieldErrors } from "../core/validation";
import { keysetPage, type PageResult } from "../audit/queries/keyset";

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

// The delivery log (docs/notifications.md, "Delivery log"): every delivery, newest first, with its attempts.

export const DELIVERY_SINKS = ["email", "chat", "webhook"] as const;
export const DELIVERY_STATES = ["PENDING", "SENDING", "SENT", "DEAD", "HELD", "DIGESTED"] as const;
export type DeliverySink = (typeof DELIVERY_SINKS)[number];
export type DeliveryState = (typeof DELIVERY_STATES)[number];

const KIND_NAMES = MESSAGE_KINDS.map((k) => k.kind) as [string, ...string[]];
const KIND_LABEL = new Map<string, string>(MESSAGE_KINDS.map((k) => [k.kind, k.label]));
const unset = (v: unknown) => ((typeof v === "string" && v.trim() === "") || v === null ? undefined : v);

export const deliveryLogFiltersSchema = z.object({
  sink: z.preprocess(unset, z.enum(DELIVERY_SINKS, { error: "Sink must be email, chat or webhook." }).optional()),
  state: z.preprocess(unset, z.enum(DELIVERY_STATES, { error: `State must be one of ${DELIVERY_STATES.join(", ")}.` }).optional()),
  kind: z.preprocess(unset, z.enum(KIND_NAMES, { error: "Message names no kind of notification Berth sends." }).optional()),
  /** a channel or subscription name, or a person's name, exact */
  target: z.preprocess(unset, plainText("Target", { max: 200 }).optional()),
});
export type DeliveryLogFilters = z.infer<typeof deliveryLogFiltersSchema>;

export const DELIVERY_LOG_PAGE = 50;

export interface DeliveryLogQuery {
  filters: DeliveryLogFilters;
  /** the filters as typed in the URL, so the form shows what a shared link asks for */
  raw: Record<string, string>;
  cursor: string | undefined;
  /** per filter, why it was not applied (each message names its field); the others apply */
  errors: FieldErrors;
  /** the page link could not be read, so this is the first page */
  cursorIgnored: boolean;
}

/** The log page's URL: filters that do not parse are dropped and named; a page link that does not read starts over. */
export function parseDeliveryLogQuery(params: Record<string, string>): DeliveryLogQuery {
  const { cursor, ...rest } = params;
  const raw = Object.fromEntries(Object.entries(rest).filter(([k]) => k in deliveryLogFiltersSchema.shape));
  const { data, errors } = parseWithFieldErrors(deliveryLogFiltersSchema, raw);
  const readable = cursor === undefined || cursor === "" ? undefined : decodeLogCursor(cursor) ? cursor : null;
  return { filters: data ?? {}, raw, cursor: readable ?? undefined, errors, cursorIgnored: readable === null };
}

export interface DeliveryAttempt {
  attempt: number;
  at: Date;
  /** the receiver's answer: HTTP status, SMTP reply code; null when none came (network error, timeout) */
  status: number | null;
  error: string | null;
  durationMs: number;
}

export interface DeliveryLogRow {
  id: string;
  createdAt: Date;
  kind: string;
  /** the kind in words (MESSAGE_KINDS), or its name for a kind no longer declared */
  kindLabel: string;
  title: string;
  /** path of the page the message is about */
  link: string | null;
  sink: DeliverySink;
  /** the channel or subscription name, or the person's name; never a URL */
  recipient: string;
  /** for email, the address with its local part masked (b…@example.com) */
  address: string | null;
  state: DeliveryState;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  sentAt: Date | null;
  updatedAt: Date;
  /** the latest attempts (at most ATTEMPTS_SHOWN), oldest first */
  attemptLog: DeliveryAttempt[];
  /** how many attempts are recorded in all (more than attemptLog holds after a long outage) */
  attemptsRecorded: number;
}

/** How many of a delivery's attempts the log lists (a receiver down for a day can mean a hundred or more). */
export const ATTEMPTS_SHOWN = 100;

/** An address shown without its local part: enough to tell which mailbox, not enough to harvest. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf("@");
  if (at <= 0) return "…";
  return `${address[0]}…${address.slice(at)}`;
}

/**
 * A recorded error as the log shows it. Senders record only codes (`HTTP 503`, `network error ECONNREFUSED`,
 * `timeout`, `SMTP 550`, a channel's name), never a URL, a body or a secret; should one ever slip in, it is cut here.
 */
export function scrubError(error: string | null): string | null {
  if (error === null) return null;
  return error
    .replace(/[a-z][a-z0-9+.-]*:\/\/\S*/gi, "[address removed]")
    .replace(/[^\s@<>()"',;:]+@[^\s@<>()"',;:]+/g, (m) => maskEmail(m))
    .slice(0, 200);
}

interface LogCursor {
  t: string;
  i: string;
  b?: 1;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function encodeLogCursor(c: LogCursor): string {
  return Buffer.from(JSON.stringify(c), "utf8").toString("base64url");
}

/** A cursor this module made, or null: anything else (edited, truncated, from another list) is not read. */
function decodeLogCursor(cursor: string): LogCursor | null {
  if (cursor.length > 200) return null;
  try {
    const c = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Partial<LogCursor> | null;
    if (!c || typeof c.t !== "string" || typeof c.i !== "string" || !ISO_MS.test(c.t) || !UUID.test(c.i)) return null;
    const t = new Date(c.t);
    // a real instant Berth could have written: PostgreSQL has no year 0, and deliveries start long after 1970
    if (Number.isNaN(t.getTime()) || t.toISOString() !== c.t || t.getUTCFullYear() < 1970) return null;
    return { t: c.t, i: c.i, ...(c.b === 1 ? { b: 1 as const } : {}) };
  } catch {
    return null;
  }
}

interface RawLogRow extends Omit<DeliveryLogRow, "kindLabel" | "recipient" | "address" | "attemptLog"> {
  target: string;
  personName: string | null;
  address: string | null;
  attemptLog: { attempt: number; at: string; status: number | null; error: string | null; durationMs: number }[];
}

function toLogRow(r: RawLogRow): DeliveryLogRow {
  const person = r.target.startsWith("person:");
  return {
    id: r.id,
    createdAt: r.createdAt,
    kind: r.kind,
    kindLabel: KIND_LABEL.get(r.kind) ?? r.kind,
    title: r.title,
    link: r.link,
    sink: r.sink,
    recipient: person ? (r.personName ?? "a person Berth no longer knows") : r.target,
    address: r.sink === "email" && r.address ? maskEmail(r.address) : null,
    state: r.state,
    attempts: r.attempts,
    lastStatus: r.lastStatus,
    lastError: scrubError(r.lastError),
    sentAt: r.sentAt,
    updatedAt: r.updatedAt,
    attemptLog: r.attemptLog.map((a) => ({ attempt: a.attempt, at: new Date(a.at), status: a.status, error: scrubError(a.error), durationMs: a.durationMs })),
    attemptsRecorded: r.attemptsRecorded,
  };
}

/** The SQL of one log page: `limit + 1` rows in page order (newest first), to know whether another page follows. */
export function deliveryLogQuery(filters: DeliveryLogFilters, at: LogCursor | null, limit: number): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const add = (v: unknown) => `$${values.push(v)}`;
  const where: string[] = [];
  if (filters.sink) where.push(`d.sink = ${add(filters.sink)}`);
  if (filters.state) where.push(`d.state = ${add(filters.state)}::"DeliveryState"`);
  if (filters.kind) where.push(`EXISTS (SELECT 1 FROM "NotifyMessage" km WHERE km.id = d."messageId" AND km.kind = ${add(filters.kind)})`);
  if (filters.target) {
    const x = add(filters.target);
    // a person is stored as person:<id>; the log lets one look them up by the name it shows
    where.push(`d.target = ANY (ARRAY[${x}::text] || ARRAY(SELECT 'person:' || pp.id FROM "Person" pp WHERE pp.name = ${x}))`);
  }
  // backward (the page before a cursor): the rows nearest to it, read oldest first, then put back in page order
  const backward = at?.b === 1;
  if (at) where.push(`(d."createdAt", d.id) ${backward ? ">" : "<"} (${add(at.t)}::timestamptz, ${add(at.i)}::uuid)`);
  const text = `SELECT d.id, d."createdAt", m.kind, m.data->>'title' AS title, m.data->>'link' AS link, d.sink, d.target, p.name AS "personName", d.address,
  d.state::text AS state, d.attempts, d."lastStatus", d."lastError", d."sentAt", d."updatedAt",
  (SELECT coalesce(json_agg(json_build_object('attempt', a.attempt, 'at', a.at, 'status', a.status, 'error', a.error, 'durationMs', a."durationMs") ORDER BY a.attempt, a.id), '[]'::json)
     FROM (SELECT * FROM "NotifyAttempt" na WHERE na."deliveryId" = d.id ORDER BY na.attempt DESC, na.id DESC LIMIT ${ATTEMPTS_SHOWN}) a) AS "attemptLog",
  (SELECT count(*)::int FROM "NotifyAttempt" nc WHERE nc."deliveryId" = d.id) AS "attemptsRecorded"
FROM (
  SELECT d.id FROM "NotifyDelivery" d
  ${where.length ? `WHERE ${where.join("\n    AND ")}` : ""}
  ORDER BY d."createdAt" ${backward ? "ASC" : "DESC"}, d.id ${backward ? "ASC" : "DESC"}
  LIMIT ${add(limit + 1)}
) page
JOIN "NotifyDelivery" d ON d.id = page.id
JOIN "NotifyMessage" m ON m.id = d."messageId"
LEFT JOIN "Person" p ON p.id = CASE WHEN d.target LIKE 'person:%' THEN substr(d.target, 8) END
ORDER BY d."createdAt" DESC, d.id DESC`;
  return { text, values };
}

/** Deliveries, newest first, filtered, one keyset page at a time; a cursor that does not read gives the first page. */
export async function deliveryLog(db: Queryable, filters: DeliveryLogFilters = {}, page: { cursor?: string; limit?: number } = {}): Promise<PageResult<DeliveryLogRow>> {
  const limit = Math.min(Math.max(1, Math.trunc(page.limit ?? DELIVERY_LOG_PAGE)), 500);
  const at = page.cursor ? decodeLogCursor(page.cursor) : null;
  const fetch = async (cursor: string | undefined) => {
    const q = deliveryLogQuery(filters, cursor ? decodeLogCursor(cursor) : null, limit);
    return (await db.query<RawLogRow>(q.text, q.values)).rows;
  };
  const cursorOf = (r: RawLogRow, backward: boolean) => encodeLogCursor({ t: r.createdAt.toISOString(), i: r.id, ...(backward ? { b: 1 as const } : {}) });
  return keysetPage(fetch, { cursor: at ? page.cursor : undefined, limit }, at?.b === 1, cursorOf, toLogRow);
}
