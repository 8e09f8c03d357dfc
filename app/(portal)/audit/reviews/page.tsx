import type { Metadata } from "next";
import { CampaignTable } from "@/components/reviews/campaign-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePrincipal } from "@/lib/authz/guards";
import { auditReviews } from "@/lib/reviews/pages";

export const metadata: Metadata = { title: "Access review reports" };

export default async function AuditReviewsPage() {
  await requirePagePrincipal("review:read-report", { otherwise: "not-found" });
  const campaigns = await auditReviews();
  return (
    <>
      <PageHeader title="Access reviews" description="Every campaign of access reviews with its report: who reviewed which access, with which reason and evidence, what was removed and when Harbor confirmed it." />
      {campaigns.length ? (
        <CampaignTable campaigns={campaigns} linkTo="report" />
      ) : (
        <EmptyState title="No access review has run yet">Approvers define reviews under Reviews; each campaign&apos;s report appears here as soon as it starts.</EmptyState>
      )}
    </>
  );
}
