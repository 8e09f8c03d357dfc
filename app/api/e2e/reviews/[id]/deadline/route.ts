import { z } from "zod";
import { readRequestFacts } from "@/lib/auth/request-facts";
import { auditContextFor } from "@/lib/actions/define";
import { reviewDeps } from "@/lib/actions/review-definitions";
import { withPermission } from "@/lib/authz/guards";
import { notFound } from "@/lib/core/errors";
import { db } from "@/lib/db";
import { moveDeadlineForTest } from "@/lib/reviews/campaigns";

export const dynamic = "force-dynamic";

// POST /api/e2e/reviews/{campaign id}/deadline — end-to-end tests only: the campaign's deadline becomes now and the
// scheduler applies its outcome on the next pass. 404 unless BERTH_E2E_CONTROLS=on, which lib/env.ts accepts only
// while every built-in stand-in (PostgreSQL, IdP, Harbor) is in use.
export const POST = withPermission<{ id: string }>("review:define", async (req, { principal, params }) => {
  if (!z.uuid().safeParse(params.id).success) throw notFound("That campaign");
  // the facts the proxy established (address, request ids), never headers the client set
  const meta = { ...readRequestFacts(req.headers), userAgent: req.headers.get("user-agent")?.slice(0, 512) ?? null };
  const moved = await moveDeadlineForTest(reviewDeps(db(), new Date()), principal, params.id, auditContextFor(principal, meta));
  return Response.json({ deadlineAt: moved.deadlineAt.toISOString() });
});
