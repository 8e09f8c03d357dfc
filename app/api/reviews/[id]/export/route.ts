import { z } from "zod";
import { auditKeyring } from "@/lib/audit/signing";
import { exportHeaders, primed, toReadableStream } from "@/lib/audit";
import { withPermission } from "@/lib/authz/guards";
import { notFound } from "@/lib/core/errors";
import { fieldErrorsOf } from "@/lib/core/validation";
import { database } from "@/lib/db";
import { campaignSummary } from "@/lib/reviews/progress";
import { exportReport } from "@/lib/reviews/report";

export const dynamic = "force-dynamic";

const choice = z.object({ format: z.enum(["csv", "jsonl"], { error: 'must be "csv" or "jsonl"' }) });

// GET /api/reviews/{campaign id}/export?format=csv|jsonl — the campaign report (docs/reviews.md "The report"), streamed,
// with the audit chain head at export time in the first line.
export const GET = withPermission<{ id: string }>("review:read-report", async (req, { params }) => {
  const picked = choice.safeParse({ format: new URL(req.url).searchParams.get("format") ?? undefined });
  if (!picked.success) return Response.json({ error: "INVALID", message: "format must be csv or jsonl.", fieldErrors: fieldErrorsOf(picked.error) }, { status: 422, headers: { "cache-control": "no-store" } });
  const pool = database().pool;
  const campaign = z.uuid().safeParse(params.id).success ? await campaignSummary(pool, params.id) : null;
  if (!campaign) throw notFound("That campaign");
  const body = await primed(exportReport(pool, campaign, picked.data.format, { keyring: auditKeyring() }));
  const onError = (e: unknown, reference: string) => console.error(`[berth] review report export ${picked.data.format} failed while streaming (ref ${reference}):`, e instanceof Error ? e.message : "unknown error");
  const headers = exportHeaders("review", picked.data.format);
  headers["content-disposition"] = headers["content-disposition"]!.replace("berth-review-", `berth-review-${campaign.number}-`);
  return new Response(toReadableStream(body, { format: picked.data.format, onError }), { headers });
});
