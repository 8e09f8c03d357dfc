import "server-only";
import type pg from "pg";
import { prepared, type Queryable } from "../sql";
import type { NotifyConfig } from "./config";
import type { MessageData } from "./kinds";
import { renderCloudEvent, renderMattermost, renderSlack, renderTeams, type StoredMessage } from "./render";
import { signatureHeader, SIGNATURE_HEADER } from "./signature";
import { createEmailSender, type EmailSender } from "./sinks/email";
import { postJson, type SendOutcome } from "./sinks/http";

// Sending deliveries, like the provisioning queue runs jobs (ADR 006): any number of senders claim due deliveries with
// SKIP LOCKED and a lease, send outside any transaction, and record the outcome only while the lease is theirs. A
// failure is retried with backoff (the receiver's Retry-After respected) until BERTH_NOTIFY_GIVE_UP_HOURS after the
// delivery was created (or retried by a person), then the delivery is DEAD: shown to approvers, who can retry it. A receiver that is down for an hour loses
// nothing. Every attempt is logged with its status code.

export interface ClaimedDelivery {
  id: string;
  key: string;
  sink: "email" | "chat" | "webhook";
  target: string;
  address: string | null;
  optional: boolean;
  attempts: number;
  giveUpAt: Date;
  message: StoredMessage;
}

export async function claimDeliveries(db: Queryable, workerId: string, leaseSeconds: number, limit: number): Promise<ClaimedDelivery[]> {
  const { rows } = await db.query<Omit<ClaimedDelivery, "message"> & { messageId: string; messageKey: string; kind: string; data: MessageData; messageCreatedAt: Date }>(
    `WITH c AS (
       UPDATE "NotifyDelivery" d SET state = 'SENDING', "lockedBy" = $1, "lockedUntil" = now() + make_interval(secs => $2::int), attempts = d.attempts + 1, "updatedAt" = now()
       WHERE d.id IN (
         SELECT id FROM "NotifyDelivery"
         WHERE (state = 'PENDING' AND "runAt" <= now()) OR (state = 'SENDING' AND "lockedUntil" < now())
         ORDER BY "runAt" LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING d.id, d.key, d.sink, d.target, d.address, d.optional, d.attempts, d."giveUpAt", d."messageId")
     SELECT c.*, m.key AS "messageKey", m.kind, m.data, m."createdAt" AS "messageCreatedAt" FROM c JOIN "NotifyMessage" m ON m.id = c."messageId"`,
    [workerId, leaseSeconds, limit],
  );
  return rows.map(({ messageId, messageKey, kind, data, messageCreatedAt, ...d }) => ({ ...d, message: { id: messageId, key: messageKey, kind, data, createdAt: messageCreatedAt } }));
}

/** Equal jitter: half fixed, half random, doubling per attempt up to the cap. */
export function deliveryBackoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (exp / 2) * random());
}

export interface Senders {
  email: EmailSender | null;
}

export function createSenders(config: NotifyConfig): Senders {
  return { email: config.smtp ? createEmailSender(config.smtp, config.baseUrl, config.timeoutMs, config.unsubscribeKey) : null };
}

const gone = (what: string): SendOutcome => ({ ok: false, status: null, error: `${what} is no longer configured`, retryable: false });

export async function sendDelivery(d: ClaimedDelivery, config: NotifyConfig, senders: Senders): Promise<SendOutcome> {
  switch (d.sink) {
    case "email":
      if (!senders.email) return gone("email (BERTH_SMTP_HOST)");
      if (!d.address) return { ok: false, status: null, error: "no address", retryable: false };
      return senders.email.send({ id: d.id, address: d.address, optional: d.optional, personId: d.target.startsWith("person:") ? d.target.slice("person:".length) : null }, d.message);
    case "chat": {
      const channel = config.chat.find((c) => c.name === d.target);
      if (!channel) return gone(`chat channel ${d.target}`);
      const body = channel.format === "slack" ? renderSlack(d.message, config.baseUrl) : channel.format === "teams" ? renderTeams(d.message, config.baseUrl) : renderMattermost(d.message, config.baseUrl);
      return postJson(channel.url, JSON.stringify(body), {}, config.timeoutMs);
    }
    case "webhook": {
      const sub = config.webhooks.find((w) => w.name === d.target);
      if (!sub) return gone(`webhook ${d.target}`);
      const body = JSON.stringify(renderCloudEvent(d.message, config.baseUrl));
      return postJson(sub.url, body, { "content-type": "application/cloudevents+json", [SIGNATURE_HEADER]: signatureHeader(sub.signingKey, body), "Berth-Delivery": d.id, "Idempotency-Key": d.id }, config.timeoutMs);
    }
  }
}

export type RecordedState = "SENT" | "PENDING" | "DEAD" | "LEASE_LOST";

/** Records an attempt and its outcome, only while this sender holds the delivery. */
export async function recordOutcome(db: Queryable, d: ClaimedDelivery, workerId: string, outcome: SendOutcome, durationMs: number, config: NotifyConfig, now: Date, random?: () => number): Promise<RecordedState> {
  let state: "SENT" | "PENDING" | "DEAD" = "SENT";
  let delayMs = 0;
  if (!outcome.ok) {
    const expired = now.getTime() >= d.giveUpAt.getTime();
    state = outcome.retryable && !expired ? "PENDING" : "DEAD";
    delayMs = Math.max(deliveryBackoffMs(d.attempts, config.backoffBaseMs, config.backoffMaxMs, random), outcome.retryAfterMs ?? 0);
  }
  const error = outcome.ok ? null : outcome.error.slice(0, 200);
  const { rows } = await db.query<{ id: string }>(
    `WITH d AS (
       UPDATE "NotifyDelivery" SET state = $3::"DeliveryState", "runAt" = now() + make_interval(secs => $4::float8), "lockedBy" = NULL, "lockedUntil" = NULL,
         "lastStatus" = $5, "lastError" = $6, "sentAt" = CASE WHEN $3 = 'SENT' THEN now() ELSE "sentAt" END, "updatedAt" = now()
       WHERE id = $1 AND "lockedBy" = $2 AND state = 'SENDING' RETURNING id, attempts)
     INSERT INTO "NotifyAttempt" ("deliveryId", attempt, at, status, error, "durationMs") SELECT id, attempts, now(), $5, $6, $7 FROM d RETURNING "deliveryId" AS id`,
    [d.id, workerId, state, delayMs / 1000, outcome.status, error, Math.round(durationMs)],
  );
  return rows.length ? state : "LEASE_LOST";
}

export interface SenderLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface DeliveryEvent {
  deliveryId: string;
  sink: string;
  target: string;
  state: RecordedState;
  status: number | null;
}

export interface Sender {
  wake(): void;
  /** Runs until no delivery is due now and none is in flight here. */
  drain(): Promise<void>;
  stop(graceMs?: number): Promise<void>;
}

/** Msecs until the next PENDING delivery is due or a lease runs out; null if none. */
async function msUntilNextDelivery(db: Queryable): Promise<number | null> {
  const { rows } = await db.query<{ ms: number | null }>(
    `SELECT (EXTRACT(EPOCH FROM (MIN(CASE WHEN state = 'PENDING' THEN "runAt" ELSE "lockedUntil" END) - now())) * 1000)::float8 AS ms
     FROM "NotifyDelivery" WHERE state IN ('PENDING', 'SENDING')`,
  );
  const ms = rows[0]?.ms;
  return ms === null || ms === undefined ? null : Math.max(0, Number(ms));
}

/** The sending loop of one process: at most `config.concurrency` deliveries in flight. */
export function startSender(options: { pool: pg.Pool; config: NotifyConfig; workerId: string; log: SenderLogger; senders?: Senders; onDelivery?: (e: DeliveryEvent) => void; clock?: () => Date }): Sender {
  const { pool, config, workerId, log } = options;
  const senders = options.senders ?? createSenders(config);
  const clock = options.clock ?? (() => new Date());
  const db = prepared(pool);
  const active = new Set<Promise<void>>();
  let stopped = false;
  let filling: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const run = async (d: ClaimedDelivery) => {
    const started = performance.now();
    let outcome: SendOutcome;
    try {
      outcome = await sendDelivery(d, config, senders);
    } catch {
      outcome = { ok: false, status: null, error: "internal error", retryable: true };
    }
    const state = await recordOutcome(db, d, workerId, outcome, performance.now() - started, config, clock());
    if (state === "DEAD") log.warn("notification dead-lettered", { delivery: d.id, sink: d.sink, target: d.target, status: outcome.status, error: outcome.ok ? null : outcome.error });
    else if (state === "LEASE_LOST") log.warn("notification lease lost", { delivery: d.id });
    try {
      options.onDelivery?.({ deliveryId: d.id, sink: d.sink, target: d.target, state, status: outcome.status });
    } catch {
      // an observer's failure is not the delivery's
    }
  };

  // claims in batches: a slot that frees up waits until half of them have, one claim statement for many deliveries
  const refillAt = Math.max(1, Math.floor(config.concurrency / 2));
  let drained = false;
  const launch = (d: ClaimedDelivery) => {
    const p: Promise<void> = run(d)
      .catch((e: unknown) => log.error("could not record a delivery", { delivery: d.id, error: e instanceof Error ? e.name : "unknown" }))
      .finally(() => {
        active.delete(p);
        if (!stopped && (active.size <= config.concurrency - refillAt || !drained)) void fill();
      });
    active.add(p);
  };

  async function scheduleWake() {
    if (stopped) return;
    let delay = Math.max(config.pollMs * 5, 1000);
    try {
      const due = await msUntilNextDelivery(db);
      if (due !== null) delay = Math.min(delay, Math.ceil(due) + 5);
    } catch {
      // the database is away: look again at the normal pace
    }
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void fill(), Math.max(5, delay));
    timer.unref?.();
  }

  function fill(): Promise<void> {
    if (filling) {
      again = true;
      return filling;
    }
    filling = (async () => {
      do {
        again = false;
        while (!stopped && active.size < config.concurrency) {
          const want = config.concurrency - active.size;
          const claimed = await claimDeliveries(db, workerId, config.leaseSeconds, want);
          for (const d of claimed) launch(d);
          // fewer than asked: the queue is empty for now, so a finished delivery looks again at once
          drained = claimed.length < want;
          if (drained) break;
        }
      } while (again && !stopped);
    })()
      .catch((e: unknown) => log.warn("could not claim deliveries", { error: e instanceof Error ? e.name : "unknown" }))
      .finally(() => {
        filling = null;
        if (active.size === 0 || drained) void scheduleWake();
      });
    return filling;
  }

  void fill();
  return {
    wake: () => void fill(),
    async drain() {
      for (;;) {
        if (stopped) return;
        await fill();
        while (active.size > 0 || filling) await Promise.race([...active, ...(filling ? [filling] : [])]);
        const due = await msUntilNextDelivery(db);
        if (due === null || due > 0) return;
      }
    },
    async stop(graceMs = config.leaseSeconds * 1000) {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      if (filling) await filling;
      let t: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...active]), new Promise((r) => (t = setTimeout(r, graceMs)))]);
      clearTimeout(t);
      senders.email?.close();
    },
  };
}
