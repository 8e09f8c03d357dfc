import "server-only";
import { timingSafeEqual } from "node:crypto";
import http from "node:http";
import { metrics } from "./registry";

export interface MetricsAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const NEVER_CACHED = { "cache-control": "no-store" };

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The metrics for `Authorization: Bearer <BERTH_METRICS_TOKEN>`: 404 while no token is configured (the endpoint
 * does not exist), 401 for a missing or wrong one, else the Prometheus text format. Never cached.
 */
export async function metricsAnswer(authorization: string | null | undefined, token: string | undefined): Promise<MetricsAnswer> {
  if (!token) return { status: 404, headers: { ...NEVER_CACHED, "content-type": "text/plain" }, body: "Not found\n" };
  const given = /^Bearer (.+)$/i.exec(authorization ?? "")?.[1]?.trim() ?? "";
  if (!given || !sameToken(given, token)) {
    return { status: 401, headers: { ...NEVER_CACHED, "content-type": "text/plain", "www-authenticate": 'Bearer realm="berth-metrics"' }, body: "A valid bearer token is required.\n" };
  }
  const { registry } = metrics();
  return { status: 200, headers: { ...NEVER_CACHED, "content-type": registry.contentType }, body: await registry.metrics() };
}

/** The worker process's metrics listener: GET /metrics as above; anything else is 404 (the worker serves no pages). */
export function startMetricsServer(options: { port: number; host?: string; token: string }): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const pathname = (req.url ?? "/").split("?")[0];
    const answer = req.method === "GET" && pathname === "/metrics" ? metricsAnswer(req.headers.authorization, options.token) : Promise.resolve({ status: 404, headers: NEVER_CACHED, body: "Not found\n" });
    answer
      .then((a) => {
        res.writeHead(a.status, a.headers);
        res.end(a.body);
      })
      .catch(() => {
        res.writeHead(500, NEVER_CACHED);
        res.end();
      });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "0.0.0.0", () => {
      const address = server.address();
      resolve({
        port: typeof address === "object" && address ? address.port : options.port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
