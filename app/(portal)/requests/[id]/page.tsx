import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RequestLive } from "@/components/requests/request-live";
import { requirePagePrincipal } from "@/lib/authz/guards";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/core/errors";
import { requestDetail } from "@/lib/governance/queries";
import { toRequestView } from "@/lib/governance/views";

export const metadata: Metadata = { title: "Request" };

export default async function RequestPage({ params }: { params: Promise<{ id: string }> }) {
  const principal = await requirePagePrincipal(["request:read-own", "request:read-any"], { otherwise: "not-found" });
  const { id } = await params;
  const detail = await requestDetail(db(), principal, id).catch((e: unknown) => {
    if (e instanceof DomainError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  return <RequestLive initial={toRequestView(detail, principal)} />;
}
