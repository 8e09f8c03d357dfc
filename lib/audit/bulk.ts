import "server-only";
import type pg from "pg";
import { jsonParam } from "../sql";
import { AUDIT_COLUMN_LIST, AUDIT_COLUMN_TYPES, AUDIT_COLUMNS, chainEvents, type StoredAuditEvent } from "./chain";

// Fast appends for seeding, benchmarks and tests: hashes in JS, one multi-row INSERT … SELECT FROM
// unnest per batch. The application writes through appendAuditEvents instead, inside its own
// transactions; this skips its input validation, so it takes trusted, already-normalized rows.

export type EventDraft = Omit<StoredAuditEvent, "seq" | "prevHash" | "hash">;

// One array parameter per column; the groups travel as JSON text (PostgreSQL has no array of arrays of text).
const INSERT = `INSERT INTO "AuditEvent" (${AUDIT_COLUMN_LIST})
SELECT ${AUDIT_COLUMNS.map((c) => (c === "actorGroups" ? `ARRAY(SELECT json_array_elements_text(t."${c}"::json))` : `t."${c}"`)).join(", ")}
FROM unnest(${AUDIT_COLUMNS.map((c, i) => `$${i + 1}::${c === "actorGroups" ? "text" : (AUDIT_COLUMN_TYPES[c] ?? "text")}[]`).join(", ")})
  AS t(${AUDIT_COLUMNS.map((c) => `"${c}"`).join(", ")})`;

/** Appends one batch in its own transaction, continuing the chain from the locked head. */
export async function bulkAppendBatch(client: pg.ClientBase, drafts: EventDraft[]): Promise<{ seq: bigint; hash: string }> {
  await client.query("BEGIN");
  try {
    const head = (await client.query<{ seq: string; hash: string }>(`SELECT seq::text AS seq, hash FROM "AuditHead" WHERE id = 1 FOR UPDATE`)).rows[0];
    if (!head) throw new Error("the audit chain head row is missing");
    const rows = chainEvents({ seq: BigInt(head.seq), hash: head.hash }, drafts);
    const last = rows[rows.length - 1];
    if (last) {
      await client.query(
        INSERT,
        AUDIT_COLUMNS.map((c) =>
          rows.map((r) => {
            if (c === "seq") return r.seq.toString();
            if (c === "at") return r.at.toISOString();
            if (c === "actorGroups" || c === "before" || c === "after") return jsonParam(r[c]);
            return r[c];
          }),
        ),
      );
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
