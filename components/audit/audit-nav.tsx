"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

const ITEMS = [
  { href: "/audit", label: "Grant history", match: (p: string) => p === "/audit" || p.startsWith("/audit/grants") },
  { href: "/audit/access", label: "Access at a point in time", match: (p: string) => p.startsWith("/audit/access") },
  { href: "/audit/events", label: "Event log", match: (p: string) => p.startsWith("/audit/events") },
  { href: "/audit/reviews", label: "Access reviews", match: (p: string) => p.startsWith("/audit/reviews") },
  { href: "/audit/chain", label: "Chain", match: (p: string) => p.startsWith("/audit/chain") },
];

/** The audit section's own navigation; the current view is marked for screen readers too. */
export function AuditNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Audit">
      <ul className="flex flex-wrap gap-1 border-b border-slate-200 text-sm">
        {ITEMS.map((item) => {
          const current = item.match(pathname);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "-mb-px inline-block border-b-2 px-3 py-2 font-medium no-underline hover:no-underline",
                  current ? "border-brand-600 text-slate-900" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
