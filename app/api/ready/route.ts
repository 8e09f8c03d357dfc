import { database } from "@/lib/db";
import { harbor } from "@/lib/harbor-instance";
import { cachedHarborAccountStatus, harborAccountStatus, readiness, shippedMigrations } from "@/lib/health";

export const dynamic = "force-dynamic";

// GET /api/ready — readiness probe: 200 when PostgreSQL answers and holds every migration of this build, else 503
// naming the failed check. Harbor's reachability and whether Berth's Harbor account holds every permission it needs
// (info.harborAccount, re-read every few minutes) are reported and never make the portal unready; the worker refuses
// to start without them.
export async function GET() {
  const { pool } = database();
  const { ready, checks, info } = await readiness({
    pool,
    migrations: shippedMigrations,
    harborPing: () => harbor().ping(),
    harborAccount: () => cachedHarborAccountStatus(() => harborAccountStatus(harbor(), pool)),
  });
  return Response.json(
    { status: ready ? "ready" : "not-ready", checks, info, time: new Date().toISOString() },
    { status: ready ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
