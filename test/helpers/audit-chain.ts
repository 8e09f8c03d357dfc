import type { EventDraft } from "@/lib/audit/bulk";
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
