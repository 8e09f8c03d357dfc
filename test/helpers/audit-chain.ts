import type { EventDraft } from "@/lib/audit/bulk";
import { GENESIS_HASH, hashEvent, type JsonValue } from "@/lib/audit/chain";
import type { TestDatabase } from "./db";

/** Event `i` of a made-up trail: one request created per second from 2026-01-01. */
export const draft = (i: number): EventDraft => ({
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
  actorType: "user",
  actorId: "u-alice",
  actorName: "Alice",
  actorGroups: ["team-leads"],
  sourceIp: null,
  userAgent: null,
  action: "request.created",
  objectType: "request",
  objectId: `r-${i}`,
  projectName: "finance",
  subject: null,
  requestId: null,
  before: null,
  after: { i },
  harborRequestId: null,
  portalRequestId: null,
  clientRequestId: null,
});

export const drafts = (from: number, n: number) => Array.from({ length: n }, (_, k) => draft(from + k));

/** What an attacker with database superuser rights could do: switch the append-only triggers off and run `sql`. */
export async function asSuperuser(db: TestDatabase, sql: string, values: unknown[] = []) {
  const client = await db.admin.connect();
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL session_replication_role = replica");
    await client.query(sql, values);
    await client.query("COMMIT");
  } finally {
    client.release();
  }
}

/**
 * What an attacker with the tables' owner or superuser rights and time could do: change one column of event `seq` and
 * re-hash every event from it to the head, so that the chain links up cleanly again.
 */
export async function rewriteAndRehash(db: TestDatabase, seq: number, change: { actorName: string }) {
  const events = await db.prisma.auditEvent.findMany({ where: { seq: { gte: BigInt(seq) } }, orderBy: { seq: "asc" } });
  const previous = await db.prisma.auditEvent.findUnique({ where: { seq: BigInt(seq - 1) } });
  let prevHash = previous?.hash ?? GENESIS_HASH;
  const client = await db.admin.connect();
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL session_replication_role = replica");
    for (const e of events) {
      const changed = { ...e, ...(e.seq === BigInt(seq) ? change : {}), before: e.before as JsonValue, after: e.after as JsonValue, prevHash };
      const hash = hashEvent(changed);
      await client.query(`UPDATE "AuditEvent" SET "actorName" = $2, "prevHash" = $3, hash = $4 WHERE seq = $1`, [e.seq.toString(), changed.actorName, prevHash, hash]);
      prevHash = hash;
    }
    await client.query(`UPDATE "AuditHead" SET hash = $1 WHERE id = 1`, [prevHash]);
    await client.query("COMMIT");
  } finally {
    client.release();
  }
}
