import { withPermission } from "@/lib/authz/guards";
import { db } from "@/lib/db";
import { requestDetail } from "@/lib/governance/queries";
import { toRequestView } from "@/lib/governance/views";

export const dynamic = "force-dynamic";

// GET /api/requests/:id — the request page's live data (state, approvals, provisioning steps); own or any.
export const GET = withPermission<{ id: string }>(["request:read-own", "request:read-any"], async (_req, { principal, params }) => {
  const detail = await requestDetail(db(), principal, params.id);
  return Response.json(toRequestView(detail, principal), { headers: { "cache-control": "no-store" } });
});
