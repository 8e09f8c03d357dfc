import "server-only";
import type pg from "pg";
import { listenOn } from "../sql";
import type { NotifyConfig } from "./config";
import { startSender, type DeliveryEvent, type Sender, type SenderLogger, type Senders } from "./deliver";
import { dispatchOnce } from "./dispatch";
import type { DescribeRequest } from "./triggers";
import { DELIVERIES_CHANNEL, expandOnce } from "./expand";
import { MESSAGES_CHANNEL } from "./outbox";
import { streamOnce, type SiemTransport } from "./siem";

// Everything that moves notifications in one worker process: the dispatcher (trail → messages), the expander
// (messages → deliveries), the sender, and one streamer per SIEM sink. Several processes may run it side by side.

// a lost LISTEN connection is reopened this often; the poll timer carries the work meanwhile
const LISTEN_RETRY_MS = 5_000;

export interface NotifierOptions {
  pool: pg.Pool;
  config: NotifyConfig;
  /** How a request reads in a message: governance's describeRequest (notify sits below governance, so it is handed in). */
  describeRequest: DescribeRequest;
  workerId: string;
  log: SenderLogger & { debug?(message: string, fields?: Record<string, unknown>): void };
  senders?: Senders;
  onDelivery?: (e: DeliveryEvent) => void;
  clock?: () => Date;
}

export interface Notifier {
  sender: Sender;
  /** Dispatches and expands until nothing is left, now. */
  pump(): Promise<void>;
  /** pump(), then sends until nothing is due now. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

export function startNotifier(options: NotifierOptions): Notifier {
  const { pool, config, log } = options;
  const clock = options.clock ?? (() => new Date());
  const sender = startSender({ pool, config, workerId: options.workerId, log, senders: options.senders, onDelivery: options.onDelivery, clock });
  let stopped = false;
  let pumping: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  async function pumpLoop() {
    do {
      again = false;
      let made = 0;
      for (;;) {
        const d = await dispatchOnce(pool, options.describeRequest);
        if (!d || d.events === 0) break;
        made += d.messages;
        for (const f of d.failed) log.error("an audit event could not be turned into a notification; passed over", { seq: f.seq, action: f.action });
      }
      for (;;) {
        const e = await expandOnce(pool, config, clock);
        if (e.messages === 0) break;
        if (e.deliveries) sender.wake();
      }
      if (made) log.debug?.("notifications dispatched", { messages: made });
    } while (again && !stopped);
  }

  function pump(): Promise<void> {
    if (pumping) {
      again = true;
      return pumping;
    }
    pumping = pumpLoop()
      .catch((e: unknown) => log.warn("notification dispatch failed", { error: e instanceof Error ? e.name : "unknown" }))
      .finally(() => {
        pumping = null;
      });
    return pumping;
  }

  const tick = async () => {
    await pump();
    if (stopped) return;
    timer = setTimeout(() => void tick(), config.pollMs);
    timer.unref?.();
  };

  const streams = config.siem.map((sink) => {
    const kept: { transport: SiemTransport | null } = { transport: null };
    let streamTimer: NodeJS.Timeout | undefined;
    let running: Promise<void> | null = null;
    let failures = 0;
    const loop = async () => {
      running = (async () => {
        const pass = await streamOnce({ pool, sink, baseUrl: config.baseUrl, workerId: options.workerId, leaseSeconds: config.leaseSeconds, timeoutMs: config.timeoutMs }, () => stopped, kept).catch((e: unknown) => ({
          sent: 0,
          cursor: null,
          error: e instanceof Error ? e.name : "unknown",
        }));
        if (pass.error) {
          failures++;
          if (failures === 1 || failures % 20 === 0) log.warn("SIEM stream interrupted; resuming from the last acknowledged event", { sink: sink.name, cursor: pass.cursor, error: pass.error });
        } else failures = 0;
      })();
      await running;
      running = null;
      if (stopped) return;
      // back off while the receiver is away: 1 s doubling to 60 s
      const wait = failures ? Math.min(60_000, 1000 * 2 ** Math.min(6, failures - 1)) : config.pollMs;
      streamTimer = setTimeout(() => void loop(), wait);
      streamTimer.unref?.();
    };
    void loop();
    return {
      async stop() {
        clearTimeout(streamTimer);
        if (running) await running;
        kept.transport?.close();
      },
    };
  });

  // polling covers a missing listener; these only make new work start at once
  const listeners = [
    listenOn(pool, MESSAGES_CHANNEL, () => void pump(), { log, retryMs: LISTEN_RETRY_MS }),
    listenOn(pool, DELIVERIES_CHANNEL, () => sender.wake(), { log, retryMs: LISTEN_RETRY_MS }),
  ];
  void tick();

  return {
    sender,
    pump,
    async drain() {
      await pump();
      await sender.drain();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      for (const l of listeners) l.stop();
      if (pumping) await pumping;
      await Promise.all([sender.stop(), ...streams.map((s) => s.stop())]);
    },
  };
}
