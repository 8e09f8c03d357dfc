import type { ReactNode } from "react";
import { requirePagePrincipal } from "@/lib/authz/guards";

// Checked here, above the loading skeleton (which makes Next stream and answer 200 before the page runs), so someone
// the list is not for is sent home by a real redirect; the page checks again.
export default async function ReviewsListLayout({ children }: { children: ReactNode }) {
  await requirePagePrincipal(["review:decide", "review:define"]);
  return children;
}
