import Link from "next/link";
import type { ReactNode } from "react";
import type { Principal } from "@/lib/authz/principal";
import { ActiveSectionProvider } from "./active-section";
import type { NavItem } from "./nav";
import { NavLinks } from "./nav-links";

export function AppShell({ principal, nav, approvalsWaiting, reviewsWaiting, children }: { principal: Principal; nav: NavItem[]; approvalsWaiting?: number; reviewsWaiting?: number; children: ReactNode }) {
  const counts = { approvals: approvalsWaiting, reviews: reviewsWaiting };
  const links = nav.map((item) => ({ href: item.href, label: item.label, count: item.badge ? counts[item.badge] : undefined }));
  return (
    <ActiveSectionProvider>
      <div className="flex min-h-screen flex-col">
        <header className="bg-slate-900 text-white print:hidden">
          <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2">
            <Link href="/" className="flex items-center gap-2 text-lg font-semibold text-white no-underline hover:no-underline">
              <svg aria-hidden="true" viewBox="0 0 32 32" className="h-6 w-6"><rect width="32" height="32" rx="7" fill="#2563eb" /><path d="M7 20h18l-3 5H10zM15 6h2v12h-2zM17 8l6 6h-6z" fill="#fff" /></svg>
              Berth
            </Link>
            <nav aria-label="Main" className="order-3 w-full min-w-0 sm:order-none sm:w-auto sm:flex-1">
              <NavLinks links={links} />
            </nav>
            <div className="ml-auto flex items-center gap-3 text-sm">
              <span className="hidden text-slate-300 md:inline" data-testid="signed-in-as">
                {principal.name} <span className="text-slate-400">({principal.roles.join(", ")})</span>
              </span>
              <form action="/api/signout" method="post">
                <button type="submit" className="rounded-md border border-slate-600 px-2.5 py-1.5 text-slate-100 hover:bg-slate-800">
                  Sign out
                </button>
              </form>
            </div>
          </div>
        </header>
        <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 print:max-w-none print:p-0">
          {children}
        </main>
      </div>
    </ActiveSectionProvider>
  );
}
