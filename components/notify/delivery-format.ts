import type { DeliverySink, DeliveryState } from "@/lib/notify/queries";

// How the delivery log and the dead-letter card name sinks and delivery states.

export const SINK_LABEL: Record<DeliverySink, string> = { email: "Email", chat: "Chat", webhook: "Webhook" };

export const sinkLabel = (sink: string): string => (SINK_LABEL as Record<string, string | undefined>)[sink] ?? sink;

export const DELIVERY_STATE_LABEL: Record<DeliveryState, string> = {
  PENDING: "Pending",
  SENDING: "Sending",
  SENT: "Sent",
  DEAD: "Undelivered",
  HELD: "Held for digest",
  DIGESTED: "In a digest",
};

/** What the receiver answered, in a few characters: `HTTP 503`, `SMTP 250`, or the error when none answered. */
export function answerText(sink: DeliverySink, status: number | null, error: string | null): string | null {
  if (status !== null) return `${sink === "email" ? "SMTP" : "HTTP"} ${status}`;
  return error;
}

/** "850 ms", "2.4 s" */
export function durationText(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}
