import { database } from "@/lib/db";
import { checkDatabase, checkHarbor } from "@/lib/health";
import { harbor } from "@/lib/harbor-instance";

export const dynamic = "force-dynamic";

// GET /api/health — database and Harbor reachability for load balancers and probes: 200 when both answer, else 503.
export async function GET() {
  const [db, registry] = await Promise.all([checkDatabase(database().pool), checkHarbor(() => harbor().ping())]);
  const ok = db.ok && registry.ok;
  return Response.json(
    { status: ok ? "ok" : "unavailable", checks: { database: db, harbor: registry }, time: new Date().toISOString() },
    { status: ok ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
