import { database } from "@/lib/db";
import { harbor } from "@/lib/harbor-instance";
import { readiness, shippedMigrations } from "@/lib/health";

export const dynamic = "force-dynamic";

// GET /api/ready — readiness probe: 200 when PostgreSQL answers and holds every migration of this build, else 503
// naming the failed check. Harbor's reachability is reported under `info` and never makes the portal unready.
export async function GET() {
  const { ready, checks, info } = await readiness({ pool: database().pool, migrations: shippedMigrations, harborPing: () => harbor().ping() });
  return Response.json(
    { status: ready ? "ready" : "not-ready", checks, info, time: new Date().toISOString() },
    { status: ready ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
