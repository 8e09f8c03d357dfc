import fs from "node:fs";
import { keyring } from "../audit/signing";
import path from "node:path";
import yaml from "js-yaml";
import type pg from "pg";
import { describe, expect, it } from "vitest";
import { harborOperation, metrics, metricsAnswer, observeWorkerEvent, registerStateGauges, routeOf } from ".";
import { buildRoutes } from "./http";

const root = path.resolve(import.meta.dirname, "../..");

// A pool that answers the state query with fixed numbers and finds no chain break.
const fakePool = {
  async query(sql: string) {
    if (sql.includes('"ProvisioningJob"'))
      return {
        rows: [
          { due: 3, delayed: 1, running: 2, failed: 1, oldestDueSeconds: 42.5, oldestRunningSeconds: 7, driftFindings: 4, driftProjects: 2, driftFailures: 0, expiring: 5, headSeq: "10", checkpointSeq: "8", verifiedAt: new Date("2026-12-01T00:00:00Z") },
        ],
      };
    return { rows: [] };
  },
} as unknown as pg.Pool;
registerStateGauges(() => fakePool, { expiryWarningDays: 14, keyring: () => keyring({}) });

/** Every exported metric with its labels (histograms also as _bucket/_sum/_count, _bucket with le). */
function exported(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const m of metrics().registry.getMetricsAsArray() as unknown as { name: string; labelNames?: string[]; constructor: { name: string } }[]) {
    const labels = new Set(m.labelNames ?? []);
    out.set(m.name, labels);
    if (m.constructor.name === "Histogram") {
      out.set(`${m.name}_bucket`, new Set([...labels, "le"]));
      out.set(`${m.name}_sum`, labels);
      out.set(`${m.name}_count`, labels);
    }
  }
  return out;
}

/** Problems with one PromQL expression: metrics Berth does not export, selector or grouping labels they lack. */
function problems(expr: string, known: Map<string, Set<string>>): string[] {
  const found: string[] = [];
  const used = [...expr.matchAll(/\b((?:berth|process|nodejs)_[a-zA-Z0-9_]+)(\{[^}]*\})?/g)];
  if (used.length === 0) found.push(`${expr}: names no Berth metric`);
  const labelsOfUsed = new Set<string>(["instance", "job"]);
  for (const [, name, selector] of used) {
    const labels = known.get(name!);
    if (!labels) {
      found.push(`${name} is not exported`);
      continue;
    }
    for (const l of labels) labelsOfUsed.add(l);
    for (const [, label] of (selector ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)/g)) if (!labels.has(label!)) found.push(`${name} has no label ${label}`);
  }
  for (const [, list] of expr.matchAll(/\bby\s*\(([^)]*)\)/g))
    for (const label of list!.split(",").map((s) => s.trim()).filter(Boolean)) if (!labelsOfUsed.has(label)) found.push(`grouping by ${label}, which no metric of "${expr}" has`);
  return found;
}

describe("deploy/observability", () => {
  const known = exported();

  it("every alert expression names metrics and labels Berth exports", () => {
    const rules = (yaml.load(fs.readFileSync(path.join(root, "deploy/observability/alerts.yaml"), "utf8")) as { groups: { rules: { alert: string; expr: string }[] }[] }).groups.flatMap((g) => g.rules);
    expect(rules.map((r) => r.alert)).toEqual(expect.arrayContaining(["BerthJobQueueStuck", "BerthAuditChainBroken", "BerthHarborFailing"]));
    expect(rules.flatMap((r) => problems(r.expr, known))).toEqual([]);
  });

  it("every dashboard query names metrics and labels Berth exports", () => {
    const dashboard = JSON.parse(fs.readFileSync(path.join(root, "deploy/observability/grafana-dashboard.json"), "utf8")) as { panels: { title: string; targets: { expr: string }[] }[] };
    const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr));
    expect(exprs.length).toBeGreaterThan(10);
    expect(exprs.flatMap((e) => problems(e, known))).toEqual([]);
  });

  it("the check itself refuses a metric or label that does not exist", () => {
    expect(problems("max(berth_job_queue_depth{stat=\"due\"})", known)).toEqual(["berth_job_queue_depth has no label stat"]);
    expect(problems("sum by (route) (rate(berth_harbor_request_duration_seconds_count[5m]))", known)).toEqual([`grouping by route, which no metric of "sum by (route) (rate(berth_harbor_request_duration_seconds_count[5m]))" has`]);
    expect(problems("berth_jobs_stuck > 0", known)).toEqual(["berth_jobs_stuck is not exported"]);
  });
});

describe("the metrics endpoint", () => {
  it("is absent without a token, refuses a wrong one, answers the right one; never cached", async () => {
    const none = await metricsAnswer("Bearer anything", undefined);
    expect(none.status).toBe(404);
    const wrong = await metricsAnswer("Bearer not-the-token-at-all", "the-right-token-0123456789");
    expect(wrong.status).toBe(401);
    expect(wrong.body).not.toContain("berth_");
    expect((await metricsAnswer(null, "the-right-token-0123456789")).status).toBe(401);
    const right = await metricsAnswer("Bearer the-right-token-0123456789", "the-right-token-0123456789");
    expect(right.status).toBe(200);
    for (const a of [none, wrong, right]) expect(a.headers["cache-control"]).toBe("no-store");
    expect(right.body).toContain('berth_job_queue_depth{state="due"} 3');
    expect(right.body).toContain("berth_job_queue_oldest_due_seconds 42.5");
    expect(right.body).toContain('berth_grants_expiring{within_days="14"} 5');
    expect(right.body).toContain("berth_audit_chain_ok 1");
    expect(right.body).toContain(`berth_audit_last_full_verification_timestamp_seconds ${Date.parse("2026-12-01T00:00:00Z") / 1000}`);
    expect(right.body).toContain("berth_state_up 1");
    expect(right.body).toContain("process_cpu_user_seconds_total");
  });
});

describe("labels stay bounded", () => {
  it("Harbor operations are templates", () => {
    expect(harborOperation("GET", "/projects/finance/members/12")).toBe("GET /projects/{id}/members/{id}");
    expect(harborOperation("PATCH", "/robots/7")).toBe("PATCH /robots/{id}");
    expect(harborOperation("GET", "/users/current/permissions")).toBe("GET /users/current/permissions");
    expect(harborOperation("GET", "/projects/finance/auditlog-exts")).toBe("GET /projects/{id}/auditlog-exts");
  });

  it("request paths map to the build's route templates", () => {
    const dir = fs.mkdtempSync(path.join(root, ".data-routes-"));
    try {
      fs.writeFileSync(
        path.join(dir, "app-path-routes-manifest.json"),
        JSON.stringify({ "/page": "/", "/requests/[id]/page": "/requests/[id]", "/requests/new/page": "/requests/new", "/api/metrics/route": "/api/metrics", "/docs/[...slug]/page": "/docs/[...slug]" }),
      );
      const routes = buildRoutes(dir);
      expect(routeOf(routes, "/requests/4b9c?tab=1")).toBe("/requests/[id]");
      expect(routeOf(routes, "/requests/new")).toBe("/requests/new");
      expect(routeOf(routes, "/")).toBe("/");
      expect(routeOf(routes, "/docs/a/b")).toBe("/docs/[...slug]");
      expect(routeOf(routes, "/_next/static/chunks/x.js")).toBe("/_next/static");
      expect(routeOf(routes, "/wp-admin.php")).toBe("other");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("job metrics", () => {
  it("time a job from claim to end and count failures by flow", async () => {
    observeWorkerEvent({ type: "claimed", jobId: "j1", at: 1_000 });
    observeWorkerEvent({ type: "finished", jobId: "j1", flow: "ROBOT_ACCOUNT", outcome: "FAILED", at: 1_250 });
    observeWorkerEvent({ type: "claimed", jobId: "j2", at: 2_000 });
    observeWorkerEvent({ type: "finished", jobId: "j2", flow: "ROBOT_ACCOUNT", outcome: "RETRY", at: 2_100 });
    const text = await metrics().registry.metrics();
    expect(text).toContain('berth_job_failures_total{flow="ROBOT_ACCOUNT",final="true"} 1');
    expect(text).toContain('berth_job_failures_total{flow="ROBOT_ACCOUNT",final="false"} 1');
    expect(text).toContain('berth_job_duration_seconds_sum{flow="ROBOT_ACCOUNT",outcome="FAILED"} 0.25');
  });
});
