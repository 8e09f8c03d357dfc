import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requirePagePrincipal } from "@/lib/authz/guards";
import { campaignExists } from "@/lib/reviews/pages";

/** The campaign's existence and the reader's permission, checked once per request by the layout (for a real 404). */
export const loadCampaign = cache(async (id: string) => {
  await requirePagePrincipal("review:read-report", { otherwise: "not-found" });
  if (!(await campaignExists(id))) notFound();
});
