import { database } from "@/lib/db";
import { env } from "@/lib/env";
import { metricsAnswer, registerStateGauges } from "@/lib/metrics";

export const dynamic = "force-dynamic";

// GET /api/metrics — Prometheus metrics of this web process with the shared state read from the database, for
// `Authorization: Bearer <BERTH_METRICS_TOKEN>`. No token configured: 404; a wrong one: 401. Never cached.
export async function GET(req: Request) {
  const config = env();
  if (config.BERTH_METRICS_TOKEN) registerStateGauges(() => database().pool, { expiryWarningDays: config.BERTH_POLICY_EXPIRY_WARNING_DAYS });
  const answer = await metricsAnswer(req.headers.get("authorization"), config.BERTH_METRICS_TOKEN);
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}
