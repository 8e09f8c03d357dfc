import { Suspense, type ReactNode } from "react";
import { AuditNav } from "@/components/audit/audit-nav";
import { ChainStatusSkeleton } from "@/components/audit/chain-status";
import { ChainStatusLine } from "./chain-status-line";
import { requirePagePrincipal } from "@/lib/authz/guards";

// The auditor views: only for those who may read the trail (each page checks again), with the chain's status on every one.
export default async function AuditLayout({ children }: { children: ReactNode }) {
  await requirePagePrincipal("audit:read", { otherwise: "not-found" });
  return (
    <>
      <div className="mb-5 space-y-3">
        <AuditNav />
        <Suspense fallback={<ChainStatusSkeleton />}>
          <ChainStatusLine />
        </Suspense>
      </div>
      {children}
    </>
  );
}
