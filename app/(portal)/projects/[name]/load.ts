import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requirePagePrincipal } from "@/lib/authz/guards";
import { reads } from "@/lib/sql";
import { DomainError } from "@/lib/core/errors";
import { projectDetail } from "@/lib/governance/queries";

/** The project as this principal may see it, loaded once per request by the layout (for a real 404) and the page. */
export const loadProject = cache(async (name: string) => {
  const principal = await requirePagePrincipal(["project:read-owned", "project:read-any"]);
  try {
    return { principal, ...(await projectDetail(reads(), principal, name)) };
  } catch (e) {
    if (e instanceof DomainError && e.code === "NOT_FOUND") notFound();
    throw e;
  }
});
