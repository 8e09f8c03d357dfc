import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { AuditInputError, chainEvents, findSecretKey, toJsonValue, type StoredAuditEvent } from "./chain";
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
  const { actor, sourceIp, userAgent, portalRequestId } = context.data;
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
    };
  });
}

const json = (v: unknown) => (v === null ? Prisma.sql`NULL` : Prisma.sql`${JSON.stringify(v)}::jsonb`);

/**
 * Appends events in the caller's transaction. The chain head row is locked (SELECT … FOR UPDATE)
 * until that transaction ends, so concurrent writers queue up and form one unbroken chain, and a
 * rollback takes its events and the head change with it (no gap).
 */
export async function appendAuditEvents(tx: Tx, ctx: AuditContext, events: AuditEventInput[]): Promise<{ seq: bigint; hash: string }[]> {
  if (events.length === 0) return [];
  // validate before taking the lock, so bad input never holds up other writers
  prepareAuditRows(ctx, events, new Date(0));
  const heads = await tx.$queryRaw<{ seq: string; hash: string; now_ms: string }[]>`
    SELECT seq::text AS seq, hash,
           floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint::text AS now_ms
    FROM "AuditHead" WHERE id = 1 FOR UPDATE`;
  const head = heads[0];
  if (!head) throw new Error('the audit chain head row ("AuditHead" id 1) is missing');
  // the database clock read under the lock: one clock for all app replicas, so `at` follows seq
  const rows = chainEvents({ seq: BigInt(head.seq), hash: head.hash }, prepareAuditRows(ctx, events, new Date(Number(head.now_ms))));
  const values = rows.map(
    (r) => Prisma.sql`(${r.seq.toString()}::bigint, ${r.at.toISOString()}::timestamptz, ${r.actorType}, ${r.actorId}, ${r.actorName}, ${r.actorGroups}::text[],
      ${r.sourceIp}, ${r.userAgent}, ${r.action}, ${r.objectType}, ${r.objectId}, ${r.projectName}, ${r.subject}, ${r.requestId}::uuid,
      ${json(r.before)}, ${json(r.after)}, ${r.harborRequestId}, ${r.portalRequestId}, ${r.prevHash}, ${r.hash})`,
  );
  const last = rows[rows.length - 1]!;
  // one statement for the events and the new head: the lock is held one round trip less
  await tx.$executeRaw`
    WITH appended AS (
      INSERT INTO "AuditEvent" (seq, at, "actorType", "actorId", "actorName", "actorGroups", "sourceIp", "userAgent", action,
        "objectType", "objectId", "projectName", subject, "requestId", before, after, "harborRequestId", "portalRequestId", "prevHash", hash)
      VALUES ${Prisma.join(values)}
    )
    UPDATE "AuditHead" SET seq = ${last.seq.toString()}::bigint, hash = ${last.hash} WHERE id = 1`;
  return rows.map((r) => ({ seq: r.seq, hash: r.hash }));
}

export async function appendAuditEvent(tx: Tx, ctx: AuditContext, event: AuditEventInput): Promise<{ seq: bigint; hash: string }> {
  const [result] = await appendAuditEvents(tx, ctx, [event]);
  return result!;
}
