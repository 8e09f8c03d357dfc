import type { ReactNode } from "react";
import { AppShell } from "@/components/layout/app-shell";
import { navFor } from "@/components/layout/nav";
import { requirePagePrincipal } from "@/lib/authz/guards";
import { can } from "@/lib/authz/permissions";
import { reads } from "@/lib/sql";
import { approvalsWaitingFor } from "@/lib/governance/queries";
import { reviewsWaiting as reviewsWaitingFor } from "@/lib/reviews/pages";

export const dynamic = "force-dynamic";

// Every portal page needs a signed-in user with at least one role. Pages and actions check their own permission too.
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const principal = await requirePagePrincipal("portal:use", { otherwise: "no-access" });
  const [approvalsWaiting, reviewsWaiting] = await Promise.all([
    can(principal, "request:decide") ? approvalsWaitingFor(reads(), principal) : undefined,
    reviewsWaitingFor(principal),
  ]);
  return (
    <AppShell principal={principal} nav={navFor((p) => can(principal, p))} approvalsWaiting={approvalsWaiting} reviewsWaiting={reviewsWaiting}>
      {children}
    </AppShell>
  );
}
