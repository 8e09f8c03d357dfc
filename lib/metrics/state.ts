import "server-only";
import client from "prom-client";
import type pg from "pg";
import { auditKeyring, type AuditKeyring } from "../audit/signing";
import { standingBreak } from "../audit/verify";
import { metrics } from "./registry";

// Gauges read from the database when Prometheus scrapes, so every process (web replicas and workers) reports the
// same shared state: the queue, drift, expiring grants and the audit chain. Alerts take max() over processes; the
// queue alerts still fire when every worker is down.

interface StateRow {
  due: number;
  delayed: number;
  running: number;
  failed: number;
  oldestDueSeconds: number | null;
  oldestRunningSeconds: number | null;
  driftFindings: number;
  driftProjects: number;
  driftFailures: number;
  expiring: number;
  headSeq: string | null;
  checkpointSeq: string | null;
  verifiedAt: Date | null;
}

export async function readState(pool: pg.Pool, expiryWarningDays: number, keyring: AuditKeyring) {
  const { rows } = await pool.query<StateRow>(
    `SELECT
       (SELECT count(*) FROM "ProvisioningJob" WHERE state = 'QUEUED' AND "runAt" <= now())::int AS due,
       (SELECT count(*) FROM "ProvisioningJob" WHERE state = 'QUEUED' AND "runAt" > now())::int AS delayed,
       (SELECT count(*) FROM "ProvisioningJob" WHERE state = 'RUNNING')::int AS running,
       (SELECT count(*) FROM "ProvisioningJob" WHERE state = 'FAILED')::int AS failed,
       (SELECT EXTRACT(EPOCH FROM now() - min("runAt"))::float8 FROM "ProvisioningJob" WHERE state = 'QUEUED' AND "runAt" <= now()) AS "oldestDueSeconds",
       (SELECT EXTRACT(EPOCH FROM now() - min("updatedAt"))::float8 FROM "ProvisioningJob" WHERE state = 'RUNNING') AS "oldestRunningSeconds",
       (SELECT coalesce(sum("findingCount"), 0) FROM "DriftCheck")::int AS "driftFindings",
       (SELECT count(*) FROM "DriftCheck" WHERE "findingCount" > 0)::int AS "driftProjects",
       (SELECT count(*) FROM "DriftCheck" WHERE failure IS NOT NULL AND ("checkedAt" IS NULL OR "failedAt" > "checkedAt"))::int AS "driftFailures",
       (SELECT count(*) FROM "Grant" WHERE state = 'ACTIVE' AND "endsAt" > now() AND "endsAt" <= now() + make_interval(days => $1::int))::int AS expiring,
       (SELECT seq::text FROM "AuditHead" WHERE id = 1) AS "headSeq",
       (SELECT seq::text FROM "AuditCheckpoint" ORDER BY seq DESC LIMIT 1) AS "checkpointSeq",
       (SELECT "verifiedAt" FROM "AuditCheckpoint" ORDER BY seq DESC LIMIT 1) AS "verifiedAt"`,
    [expiryWarningDays],
  );
  const row = rows[0]!;
  // broken: a recorded break no passing walk has covered, or a verified event beyond the head (events cut off)
  const cutOff = row.checkpointSeq !== null && BigInt(row.checkpointSeq) > BigInt(row.headSeq ?? "0");
  const chainOk = !cutOff && (await standingBreak(pool, keyring)) === null;
  return { ...row, chainOk };
}

type State = Awaited<ReturnType<typeof readState>>;

let registered = false;

/**
 * Adds the database gauges to this process's registry, read through `pool` when scraped: one read per scrape, shared
 * by the gauges (prom-client collects them concurrently). A database that does not answer sets berth_state_up to 0
 * and leaves the other gauges at their last values.
 */
export function registerStateGauges(pool: () => pg.Pool, options: { expiryWarningDays: number; keyring?: () => AuditKeyring }): void {
  if (registered) return;
  registered = true;
  let last: { at: number; read: Promise<State | null> } | null = null;
  const snapshot = (): Promise<State | null> => {
    if (!last || Date.now() - last.at > 1_000) last = { at: Date.now(), read: readState(pool(), options.expiryWarningDays, (options.keyring ?? auditKeyring)()).catch(() => null) };
    return last.read;
  };
  const { registry } = metrics();
  const gauge = (name: string, help: string, labelNames: string[], set: (g: client.Gauge, s: State) => void, onMissing?: (g: client.Gauge) => void) =>
    new client.Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const s = await snapshot();
        if (s) set(this, s);
        else onMissing?.(this);
      },
    });
  gauge("berth_state_up", "1 when this scrape could read the state gauges from the database, else 0.", [], (g) => g.set(1), (g) => g.set(0));
  gauge("berth_job_queue_depth", "Provisioning jobs by state: due (waiting for a worker), delayed (retry backoff), running, failed (waiting for a person).", ["state"], (g, s) => {
    g.set({ state: "due" }, s.due);
    g.set({ state: "delayed" }, s.delayed);
    g.set({ state: "running" }, s.running);
    g.set({ state: "failed" }, s.failed);
  });
  gauge("berth_job_queue_oldest_due_seconds", "Age of the oldest job that is due and not claimed (0 when none): the queue is stuck when this grows.", [], (g, s) => g.set(s.oldestDueSeconds ?? 0));
  gauge("berth_job_oldest_running_seconds", "Time since the longest-running job last moved (0 when none).", [], (g, s) => g.set(s.oldestRunningSeconds ?? 0));
  gauge("berth_drift_findings", "Differences between Harbor and Berth's grants found by the last drift check of each project.", [], (g, s) => g.set(s.driftFindings));
  gauge("berth_drift_projects_with_findings", "Managed projects whose last drift check found differences.", [], (g, s) => g.set(s.driftProjects));
  gauge("berth_drift_check_failures", "Managed projects whose last drift check could not read Harbor.", [], (g, s) => g.set(s.driftFailures));
  gauge("berth_grants_expiring", "Active grants that end within the expiry warning window (BERTH_POLICY_EXPIRY_WARNING_DAYS).", ["within_days"], (g, s) =>
    g.set({ within_days: String(options.expiryWarningDays) }, s.expiring),
  );
  gauge("berth_audit_chain_ok", "1 while the audit hash chain has no standing break, 0 once a verification found one.", [], (g, s) => g.set(s.chainOk ? 1 : 0));
  gauge("berth_audit_last_full_verification_timestamp_seconds", "When the whole audit chain was last verified end to end (0: never).", [], (g, s) =>
    g.set(s.verifiedAt ? s.verifiedAt.getTime() / 1000 : 0),
  );
}
