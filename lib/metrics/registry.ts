import "server-only";
import client from "prom-client";

// The process's Prometheus metrics (prom-client): one registry per process, kept on globalThis so a hot reload does
// not register a metric twice. Labels are bounded: routes and Harbor operations are templates, never raw paths.

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const JOB_SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

function create() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new client.Histogram({
      name: "berth_http_request_duration_seconds",
      help: "Time from a request's arrival to the end of its response, by route template.",
      labelNames: ["method", "route", "status"] as const,
      buckets: SECONDS,
      registers: [registry],
    }),
    harborDuration: new client.Histogram({
      name: "berth_harbor_request_duration_seconds",
      help: "Harbor API calls (each attempt) by operation and status (an HTTP status, timeout or network-error).",
      labelNames: ["operation", "status"] as const,
      buckets: SECONDS,
      registers: [registry],
    }),
    jobDuration: new client.Histogram({
      name: "berth_job_duration_seconds",
      help: "Provisioning job runs, claim to end, by flow and outcome (SUCCEEDED, RETRY, FAILED, RELEASED, LEASE_LOST, ERROR).",
      labelNames: ["flow", "outcome"] as const,
      buckets: JOB_SECONDS,
      registers: [registry],
    }),
    jobFailures: new client.Counter({
      name: "berth_job_failures_total",
      help: "Job runs that failed, by flow; final=true when the job gave up (FAILED), false when it will retry.",
      labelNames: ["flow", "final"] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof create>;

const KEY = Symbol.for("berth.metrics");
const store = globalThis as unknown as { [KEY]?: Metrics };

export function metrics(): Metrics {
  store[KEY] ??= create();
  return store[KEY];
}
