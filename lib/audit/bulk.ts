import type pg from "pg";
import { chainEvents, type StoredAuditEvent } from "./chain";

// Fast appends for seeding, benchmarks and tests: hashes in JS, one multi-row INSERT … SELECT FROM
// unnest per batch. The application writes through appendAuditEvents instead, inside its own
// transactions; this skips its input validation, so it takes trusted, already-normalized rows.

export type EventDraft = Omit<StoredAuditEvent, "seq" | "prevHash" | "hash">;

const INSERT = `INSERT INTO "AuditEvent" (seq, at, "actorType", "actorId", "actorName", "actorGroups", "sourceIp", "userAgent", action,
  "objectType", "objectId", "projectName", subject, "requestId", before, after, "harborRequestId", "portalRequestId", "prevHash", hash)
SELECT t.seq, t.at, t.actor_type, t.actor_id, t.actor_name, ARRAY(SELECT json_array_elements_text(t.groups::json)), t.source_ip, t.user_agent,
  t.action, t.object_type, t.object_id, t.project_name, t.subject, t.request_id, t.before, t.after, t.harbor_request_id, t.portal_request_id,
  t.prev_hash, t.hash
FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
  $11::text[], $12::text[], $13::text[], $14::uuid[], $15::jsonb[], $16::jsonb[], $17::text[], $18::text[], $19::text[], $20::text[])
  AS t(seq, at, actor_type, actor_id, actor_name, groups, source_ip, user_agent, action, object_type, object_id, project_name, subject,
       request_id, before, after, harbor_request_id, portal_request_id, prev_hash, hash)`;

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/** Appends one batch in its own transaction, continuing the chain from the locked head. */
export async function bulkAppendBatch(client: pg.ClientBase, drafts: EventDraft[]): Promise<{ seq: bigint; hash: string }> {
  await client.query("BEGIN");
  try {
    const head = (await client.query<{ seq: string; hash: string }>(`SELECT seq::text AS seq, hash FROM "AuditHead" WHERE id = 1 FOR UPDATE`)).rows[0];
    if (!head) throw new Error("the audit chain head row is missing");
    const rows = chainEvents({ seq: BigInt(head.seq), hash: head.hash }, drafts);
    const last = rows[rows.length - 1];
    if (last) {
      await client.query(INSERT, [
        rows.map((r) => r.seq.toString()),
        rows.map((r) => r.at.toISOString()),
        rows.map((r) => r.actorType),
        rows.map((r) => r.actorId),
        rows.map((r) => r.actorName),
        rows.map((r) => JSON.stringify(r.actorGroups)),
        rows.map((r) => r.sourceIp),
        rows.map((r) => r.userAgent),
        rows.map((r) => r.action),
        rows.map((r) => r.objectType),
        rows.map((r) => r.objectId),
        rows.map((r) => r.projectName),
        rows.map((r) => r.subject),
        rows.map((r) => r.requestId),
        rows.map((r) => json(r.before)),
        rows.map((r) => json(r.after)),
        rows.map((r) => r.harborRequestId),
        rows.map((r) => r.portalRequestId),
        rows.map((r) => r.prevHash),
        rows.map((r) => r.hash),
      ]);
      await client.query(`UPDATE "AuditHead" SET seq = $1::bigint, hash = $2 WHERE id = 1`, [last.seq.toString(), last.hash]);
    }
    await client.query("COMMIT");
    return last ? { seq: last.seq, hash: last.hash } : { seq: BigInt(head.seq), hash: head.hash };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/** Appends every batch in order; returns the new head. */
export async function bulkAppend(pool: pg.Pool, batches: Iterable<EventDraft[]> | AsyncIterable<EventDraft[]>): Promise<{ seq: bigint; hash: string }> {
  const client = await pool.connect();
  try {
    let head: { seq: bigint; hash: string } | null = null;
    for await (const batch of batches) head = await bulkAppendBatch(client, batch);
    return head ?? (await bulkAppendBatch(client, []));
  } finally {
    client.release();
  }
}
