import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/components/layout/app-shell";
import { getPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { approvalsWaitingFor } from "@/lib/governance/queries";

export const dynamic = "force-dynamic";

// Every portal page needs a signed-in user with at least one role. Pages and actions check their own permission too.
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const principal = await getPrincipal();
  if (!principal) redirect("/signin");
  if (principal.roles.length === 0) redirect("/no-access");
  const approvalsWaiting = principal.roles.includes("approver") ? await approvalsWaitingFor(db(), principal) : undefined;
  return (
    <AppShell principal={principal} approvalsWaiting={approvalsWaiting}>
      {children}
    </AppShell>
  );
}
