import type { ReactNode } from "react";
import { requirePagePrincipal } from "@/lib/authz/guards";

// Checked above the loading skeleton (the page checks again): a real redirect home for a requester, not a streamed
// 200 that redirects only in the browser.
export default async function NotificationsLayout({ children }: { children: ReactNode }) {
  await requirePagePrincipal("notify:read-log");
  return children;
}
