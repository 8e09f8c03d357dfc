export const dynamic = "force-dynamic";

// GET /api/health — liveness: the process serves requests. Touches neither the database nor Harbor, so an outage of
// either never gets pods restarted; /api/ready says whether this pod should take traffic.
export function GET() {
  return Response.json({ status: "ok", time: new Date().toISOString() }, { headers: { "cache-control": "no-store" } });
}
