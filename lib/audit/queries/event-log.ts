import "server-only";
import type { StoredAuditEvent } from "../chain";
import { eventLogFiltersSchema, pageSchema, type EventLogFilters, type EventLogFiltersInput, type PageInput } from "../filters";
import { likePrefix, Params, type Queryable, type SqlQuery } from "../sql";
import { keysetPage, type PageResult } from "./keyset";

// The event log: every event of the trail, newest first, filtered, a keyset page at a time on seq.

export interface AuditEventRow extends Omit<StoredAuditEvent, "seq"> {
  seq: string;
}

export const EVENT_COLUMNS = `e.seq::text AS seq, e.at, e."actorType", e."actorId", e."actorName", e."actorGroups", e."sourceIp", e."userAgent",
  e.action, e."objectType", e."objectId", e."projectName", e.subject, e."requestId", e.before, e.after, e."harborRequestId",
  e."portalRequestId", e."prevHash", e.hash`;

/** The WHERE conditions of the event-log filters (shared with the event export). */
export function eventFilterConditions(f: EventLogFilters, p: Params): string[] {
  const where: string[] = [];
  if (f.action !== undefined) where.push(`(e.action = ${p.add(f.action)} OR e.action LIKE ${p.add(likePrefix(`${f.action.replace(/\.+$/, "")}.`))})`);
  if (f.objectType !== undefined) where.push(`e."objectType" = ${p.add(f.objectType)}`);
  if (f.objectId !== undefined) where.push(`e."objectId" = ${p.add(f.objectId)}`);
  if (f.project !== undefined) where.push(`e."projectName" = ${p.add(f.project)}`);
  if (f.actor !== undefined) {
    const x = p.add(f.actor);
    where.push(`(e."actorId" = ${x} OR e."actorName" = ${x})`);
  }
  if (f.requestId !== undefined) where.push(`e."requestId" = ${p.add(f.requestId.toLowerCase())}::uuid`);
  if (f.from !== undefined) where.push(`e.at >= ${p.add(f.from.toISOString())}::timestamptz`);
  if (f.to !== undefined) where.push(`e.at < ${p.add(f.to.toISOString())}::timestamptz`);
  return where;
}

/** "123": events older than #123; "n123": events newer than #123. */
function parseSeqCursor(cursor: string | undefined): { seq: string; newer: boolean } | null {
  const m = cursor ? /^(n?)(\d{1,19})$/.exec(cursor) : null;
  // past bigint's range the cast would fail: read the first page instead
  return m && BigInt(m[2]!) <= 9223372036854775807n ? { seq: m[2]!, newer: m[1] === "n" } : null;
}

/** The SQL of one event-log page, newest first (limit + 1 rows). */
export function eventLogQuery(filters: EventLogFilters, page: { cursor?: string; limit: number }): SqlQuery {
  const p = new Params();
  const where = eventFilterConditions(filters, p);
  const at = parseSeqCursor(page.cursor);
  if (at) where.push(`e.seq ${at.newer ? ">" : "<"} ${p.add(at.seq)}::bigint`);
  const select = `SELECT ${EVENT_COLUMNS}
FROM "AuditEvent" e
${where.length ? `WHERE ${where.join("\n  AND ")}` : ""}
ORDER BY e.seq ${at?.newer ? "ASC" : "DESC"}
LIMIT ${p.add(page.limit + 1)}`;
  // newer events are the ones nearest the cursor going up; shown, like every page, newest first
  const text = at?.newer ? `SELECT * FROM (${select}) e ORDER BY e.seq::bigint DESC` : select;
  return { text, values: p.values };
}

/** All events, newest first, keyset-paginated on seq (the cursor names the seq to page from). */
export async function eventLog(db: Queryable, filters: EventLogFiltersInput = {}, page: PageInput = {}): Promise<PageResult<AuditEventRow>> {
  const f = eventLogFiltersSchema.parse(filters);
  const pg = pageSchema.parse(page);
  const at = parseSeqCursor(pg.cursor);
  const fetch = async (cursor: string | undefined) => {
    const q = eventLogQuery(f, { cursor, limit: pg.limit });
    return (await db.query<AuditEventRow>(q.text, q.values)).rows;
  };
  const cursorOf = (row: AuditEventRow, newer: boolean) => `${newer ? "n" : ""}${row.seq}`;
  return keysetPage(fetch, { cursor: at ? pg.cursor : undefined, limit: pg.limit }, at?.newer ?? false, cursorOf, (r) => r);
}
