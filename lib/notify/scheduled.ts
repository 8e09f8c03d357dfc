import "server-only";
import type pg from "pg";
import { transaction, type Queryable } from "../sql";
import type { MessageData } from "./kinds";
import { insertMessages, type OutboxMessage } from "./outbox";
import { absolute } from "./render";
import { chainBrokenMessage } from "./triggers";

// Messages nobody's click causes, put in the outbox by the scheduler loop: access ending in 14 and 3 days, a robot
// secret 2 hours before it is wiped, the approvers' daily digest. Each has an idempotency key naming what it is about
// and its moment, so any number of schedulers, each pass, send each once.

const BATCH = 500;
export const ENDING_THRESHOLDS_DAYS = [14, 3] as const;
export const WIPE_WARNING_HOURS = 2;

interface EndingRow {
  id: string;
  projectName: string;
  subjectType: "GROUP" | "ROBOT";
  subjectName: string;
  endsAt: Date;
  requestId: string;
  requesterId: string | null;
  requestKind: string | null;
  ownerGroup: string;
}

/** The most urgent threshold a grant ending at `endsAt` has reached (14, then 3 days), or null. */
export function endingThreshold(endsAt: Date, now: Date): number | null {
  const days = (endsAt.getTime() - now.getTime()) / 86_400_000;
  if (days <= 0) return null;
  let reached: number | null = null;
  for (const t of ENDING_THRESHOLDS_DAYS) if (days <= t) reached = t;
  return reached;
}

export const endingKey = (grantId: string, endsAt: Date, days: number) => `grant.ending:${grantId}:${endsAt.toISOString()}:${days}d`;

function endingMessage(g: EndingRow, days: number, baseUrl: string): OutboxMessage {
  const subject = g.subjectType === "GROUP" ? `group ${g.subjectName}` : `robot ${g.subjectName}`;
  const when = g.endsAt.toISOString().slice(0, 10);
  const data: MessageData = {
    title: `Access of ${subject} to ${g.projectName} ends in ${days === 3 ? "3 days" : "less than 14 days"} (${when})`,
    lines: [
      `The access of ${subject} to ${g.projectName} ends on ${g.endsAt.toISOString().replace("T", " ").slice(0, 16)} UTC, and Berth removes it from Harbor then.`,
      `Still needed? Ask for an extension in one click: ${absolute(baseUrl, `/requests/new?kind=GRANT_EXTENSION&grant=${g.id}`)}`,
    ],
    link: `/requests/new?kind=GRANT_EXTENSION&grant=${g.id}`,
    linkLabel: "Request an extension",
    facts: { grantId: g.id, projectName: g.projectName, subjectType: g.subjectType, subjectName: g.subjectName, endsAt: g.endsAt.toISOString(), daysLeft: days },
    projectName: g.projectName,
    requestKind: g.requestKind,
    requesterId: g.requesterId,
    ownerGroup: g.ownerGroup,
  };
  return { key: endingKey(g.id, g.endsAt, days), kind: "grant.ending", data };
}

/** Grants ending within 14 (then 3) days that have not had that warning for their current end date. */
export async function enqueueEndingWarnings(db: Queryable, now: Date, baseUrl: string): Promise<number> {
  const { rows } = await db.query<EndingRow>(
    `SELECT g.id, g."projectName", g."subjectType"::text AS "subjectType", g."subjectName", g."endsAt", g."requestId", r."requesterId", r.kind::text AS "requestKind", p."ownerGroup"
     FROM "Grant" g JOIN "Project" p ON p.id = g."projectId" LEFT JOIN "Request" r ON r.id = g."requestId"
     WHERE g.state = 'ACTIVE' AND g."endsAt" > $1 AND g."endsAt" <= $1::timestamptz + make_interval(days => $2::int)
       AND NOT EXISTS (SELECT 1 FROM "NotifyMessage" m WHERE m.key = 'grant.ending:' || g.id || ':' || to_char(g."endsAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || ':' ||
         (CASE WHEN g."endsAt" <= $1::timestamptz + make_interval(days => $3::int) THEN $3 ELSE $2 END)::text || 'd')
     ORDER BY g."endsAt" LIMIT ${BATCH}`,
    [now, ENDING_THRESHOLDS_DAYS[0], ENDING_THRESHOLDS_DAYS[1]],
  );
  const messages = rows.flatMap((g) => {
    const days = endingThreshold(g.endsAt, now);
    return days === null ? [] : [endingMessage(g, days, baseUrl)];
  });
  return insertMessages(db, messages);
}

/** Unrevealed robot secrets that are wiped within 2 hours. */
export async function enqueueWipeWarnings(db: Queryable, now: Date): Promise<number> {
  const { rows } = await db.query<{ id: string; robotName: string; expiresAt: Date; requestId: string; number: number; requesterId: string; projectName: string; kind: string }>(
    `SELECT s.id, s."robotName", s."expiresAt", s."requestId", r.number, r."requesterId", r."projectName", r.kind::text AS kind
     FROM "RobotSecret" s JOIN "Request" r ON r.id = s."requestId"
     WHERE s."wipedAt" IS NULL AND s."revealedAt" IS NULL AND s.ciphertext IS NOT NULL AND s."expiresAt" > $1 AND s."expiresAt" <= $1::timestamptz + make_interval(hours => $2::int)
       AND NOT EXISTS (SELECT 1 FROM "NotifyMessage" m WHERE m.key = 'secret.wiping:' || s.id)
     LIMIT ${BATCH}`,
    [now, WIPE_WARNING_HOURS],
  );
  return insertMessages(
    db,
    rows.map((s) => ({
      key: `secret.wiping:${s.id}`,
      kind: "secret.wiping",
      data: {
        title: `The secret of robot ${s.robotName} is wiped at ${s.expiresAt.toISOString().slice(11, 16)} UTC`,
        lines: [`Nobody has revealed the secret of ${s.robotName} (request #${s.number}). It is wiped at ${s.expiresAt.toISOString().replace("T", " ").slice(0, 16)} UTC; after that only a rotation gives a new one.`],
        link: `/requests/${s.requestId}`,
        linkLabel: "Reveal the secret",
        facts: { requestId: s.requestId, requestNumber: s.number, robotName: s.robotName, wipedAt: s.expiresAt.toISOString() },
        projectName: s.projectName,
        requestKind: s.kind,
        requesterId: s.requesterId,
        ownerGroup: null,
      },
    })),
  );
}

/**
 * Once a day from BERTH_NOTIFY_DIGEST_HOUR (UTC): for each person with held deliveries, one digest message listing
 * them, and those deliveries DIGESTED — in one transaction per person, keyed by person and day.
 */
export async function enqueueDigests(pool: pg.Pool, now: Date, digestHourUtc: number): Promise<number> {
  if (now.getUTCHours() < digestHourUtc) return 0;
  const day = now.toISOString().slice(0, 10);
  const { rows: people } = await pool.query<{ personId: string }>(
    `SELECT DISTINCT substr(d.target, 8) AS "personId" FROM "NotifyDelivery" d WHERE d.state = 'HELD' AND d.sink = 'email'
       AND NOT EXISTS (SELECT 1 FROM "NotifyMessage" m WHERE m.key = 'digest:' || substr(d.target, 8) || ':' || $1)`,
    [day],
  );
  let made = 0;
  for (const { personId } of people) {
    made += await transaction(pool, async (c) => {
      const { rows: held } = await c.query<{ id: string; title: string; link: string }>(
        `SELECT d.id, m.data->>'title' AS title, m.data->>'link' AS link FROM "NotifyDelivery" d JOIN "NotifyMessage" m ON m.id = d."messageId"
         WHERE d.target = $1 AND d.sink = 'email' AND d.state = 'HELD' ORDER BY m."createdAt" FOR UPDATE OF d SKIP LOCKED`,
        [`person:${personId}`],
      );
      if (held.length === 0) return 0;
      const inserted = await insertMessages(c, [
        {
          key: `digest:${personId}:${day}`,
          kind: "digest",
          data: {
            title: `Berth digest for ${day}: ${held.length} request${held.length === 1 ? "" : "s"} for you`,
            lines: held.map((h) => `• ${h.title}`),
            link: "/approvals",
            linkLabel: "Open the approval queue",
            facts: { day, items: held.length },
            projectName: null,
            requestKind: null,
            requesterId: null,
            ownerGroup: null,
            personIds: [personId],
          },
        },
      ]);
      if (inserted === 0) return 0;
      await c.query(`UPDATE "NotifyDelivery" SET state = 'DIGESTED', "updatedAt" = now() WHERE id = ANY($1::uuid[])`, [held.map((h) => h.id)]);
      return 1;
    });
  }
  return made;
}

export interface ScheduledPass {
  ending: number;
  wiping: number;
  digests: number;
}

/** The scheduler's notification pass. */
export async function runScheduledNotifications(pool: pg.Pool, options: { now: Date; baseUrl: string; digestHourUtc: number }): Promise<ScheduledPass> {
  const ending = await transaction(pool, (c) => enqueueEndingWarnings(c, options.now, options.baseUrl));
  const wiping = await transaction(pool, (c) => enqueueWipeWarnings(c, options.now));
  const digests = await enqueueDigests(pool, options.now, options.digestHourUtc);
  return { ending, wiping, digests };
}

/** A chain break the trail could not record (its append failed): straight into the outbox, once per break. */
export async function enqueueChainBroken(pool: pg.Pool, brokenAt: string, reason: string, detail: string | null): Promise<boolean> {
  return (await transaction(pool, (c) => insertMessages(c, [{ key: `chain.broken:${brokenAt}:${reason}`, kind: "chain.broken", data: chainBrokenMessage(brokenAt, reason, detail?.slice(0, 500) ?? null) }]))) > 0;
}
