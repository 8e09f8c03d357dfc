import "server-only";
import { jsonParam, sqlOf, type SqlTarget } from "../sql";
import { AUDIT_COLUMN_LIST, AUDIT_COLUMN_TYPES, AUDIT_COLUMNS, AuditInputError, chainEvents, findSecretKey, toJsonValue, type StoredAuditEvent } from "./chain";
import { auditContextSchema, auditEventInputSchema, type AuditContext, type AuditEventInput } from "./types";

export class AuditSecretError extends AuditInputError {
  constructor(readonly path: string) {
    super(`audit events never carry secrets: ${path} looks like one`);
    this.name = "AuditSecretError";
  }
}

function issuesOf(error: { issues: { path: PropertyKey[]; message: string }[] }) {
  return error.issues.map((i) => `${i.path.map(String).join(".") || "(root)"}: ${i.message}`).join("; ");
}

/** Validates and normalizes events into rows without seq/hash; throws AuditInputError. Exported for unit tests. */
export function prepareAuditRows(ctx: AuditContext, events: AuditEventInput[], now: Date): Omit<StoredAuditEvent, "seq" | "prevHash" | "hash">[] {
  const context = auditContextSchema.safeParse(ctx);
  if (!context.success) throw new AuditInputError(`invalid audit context: ${issuesOf(context.error)}`);
  const { actor, sourceIp, userAgent, portalRequestId, clientRequestId } = context.data;
  return events.map((input, index) => {
    const parsed = auditEventInputSchema.safeParse(input);
    if (!parsed.success) throw new AuditInputError(`invalid audit event #${index} (${String(input?.action)}): ${issuesOf(parsed.error)}`);
    const e = parsed.data;
    const before = e.before === undefined || e.before === null ? null : toJsonValue(e.before, "before");
    const after = e.after === undefined || e.after === null ? null : toJsonValue(e.after, "after");
    const secret = findSecretKey(before, "before") ?? findSecretKey(after, "after");
    if (secret) throw new AuditSecretError(secret);
    return {
      at: e.at ?? now,
      actorType: actor.type,
      actorId: actor.id,
      actorName: actor.type === "user" ? actor.name : null,
      actorGroups: actor.type === "user" ? [...actor.groups] : [],
      sourceIp,
      userAgent,
      action: e.action,
      objectType: e.objectType,
      objectId: e.objectId,
      projectName: e.projectName,
      subject: e.subject,
      requestId: e.requestId,
      before,
      after,
      harborRequestId: e.harborRequestId,
      portalRequestId,
      clientRequestId,
    };
  });
}

/** The INSERT of `count` events and the head's move, as one statement (the lock is held one round trip less). */
function appendStatement(count: number): string {
  let n = 0;
  const row = () => `(${AUDIT_COLUMNS.map((c) => `$${++n}${AUDIT_COLUMN_TYPES[c] ? `::${AUDIT_COLUMN_TYPES[c]}` : ""}`).join(", ")})`;
  const rows = Array.from({ length: count }, row).join(", ");
  return `WITH appended AS (INSERT INTO "AuditEvent" (${AUDIT_COLUMN_LIST}) VALUES ${rows})
    UPDATE "AuditHead" SET seq = $${++n}::bigint, hash = $${++n} WHERE id = 1`;
}

function rowValues(r: StoredAuditEvent): unknown[] {
  return AUDIT_COLUMNS.map((c) => {
    const v = r[c];
    if (c === "seq") return r.seq.toString();
    if (c === "at") return r.at.toISOString();
    if (c === "before" || c === "after") return jsonParam(v);
    return v;
  });
}

/**
 * Appends events in the caller's transaction — a Prisma interactive transaction or a pg client inside BEGIN. The
 * chain head row is locked (SELECT … FOR UPDATE) until that transaction ends, so concurrent writers queue up and
 * form one unbroken chain, and a rollback takes its events and the head change with it (no gap).
 */
export async function appendAuditEvents(target: SqlTarget, ctx: AuditContext, events: AuditEventInput[]): Promise<{ seq: bigint; hash: string }[]> {
  if (events.length === 0) return [];
  // validate before taking the lock, so bad input never holds up other writers
  prepareAuditRows(ctx, events, new Date(0));
  const db = sqlOf(target);
  const { rows: heads } = await db.query<{ seq: string; hash: string; now_ms: string }>(
    `SELECT seq::text AS seq, hash, floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint::text AS now_ms FROM "AuditHead" WHERE id = 1 FOR UPDATE`,
  );
  const head = heads[0];
  if (!head) throw new Error('the audit chain head row ("AuditHead" id 1) is missing');
  // the database clock read under the lock: one clock for all app replicas, so `at` follows seq
  const rows = chainEvents({ seq: BigInt(head.seq), hash: head.hash }, prepareAuditRows(ctx, events, new Date(Number(head.now_ms))));
  const last = rows[rows.length - 1]!;
  await db.query(appendStatement(rows.length), [...rows.flatMap(rowValues), last.seq.toString(), last.hash]);
  return rows.map((r) => ({ seq: r.seq, hash: r.hash }));
}

export async function appendAuditEvent(target: SqlTarget, ctx: AuditContext, event: AuditEventInput): Promise<{ seq: bigint; hash: string }> {
  const [result] = await appendAuditEvents(target, ctx, [event]);
  return result!;
}
