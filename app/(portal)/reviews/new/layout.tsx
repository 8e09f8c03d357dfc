import type { ReactNode } from "react";
import { requirePagePrincipal } from "@/lib/authz/guards";

// Checked above the loading skeleton, as for the list: a real redirect for those who may not define reviews.
export default async function NewReviewLayout({ children }: { children: ReactNode }) {
  await requirePagePrincipal("review:define");
  return children;
}
