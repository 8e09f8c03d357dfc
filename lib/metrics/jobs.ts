import "server-only";
import { metrics } from "./registry";

/** The parts of the worker's events (lib/provisioning/worker.ts WorkerEvent) the metrics read. */
export type JobEvent = { type: "claimed"; jobId: string; at: number } | { type: "finished"; jobId: string; flow: string; outcome: string; at: number } | { type: "step.succeeded" };

const claimedAt = new Map<string, number>();

/** The worker's onEvent hook: job duration from claim to end, and failures, by flow. */
export function observeWorkerEvent(event: JobEvent): void {
  if (event.type === "claimed") claimedAt.set(event.jobId, event.at);
  if (event.type !== "finished") return;
  const started = claimedAt.get(event.jobId);
  claimedAt.delete(event.jobId);
  const m = metrics();
  if (started !== undefined) m.jobDuration.observe({ flow: event.flow, outcome: event.outcome }, Math.max(0, event.at - started) / 1000);
  if (event.outcome === "FAILED" || event.outcome === "RETRY") m.jobFailures.inc({ flow: event.flow, final: String(event.outcome === "FAILED") });
}
