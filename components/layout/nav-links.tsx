"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { useActiveSection } from "./active-section";

export interface NavLink {
  href: string;
  label: string;
  count?: number;
}

function isActive(pathname: string, href: string) {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

export function NavLinks({ links }: { links: NavLink[] }) {
  const pathname = usePathname();
  const section = useActiveSection();
  return (
    <ul className="flex gap-1 overflow-x-auto">
      {links.map((link) => {
        const active = section ? link.href === section : isActive(pathname, link.href);
        return (
          <li key={link.href}>
            <Link
              href={link.href}
              aria-current={active ? "page" : undefined}
              className={cn(
                "flex items-center gap-1.5 whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium no-underline hover:no-underline",
                active ? "bg-slate-800 text-white" : "text-slate-200 hover:bg-slate-800/70 hover:text-white",
              )}
            >
              {link.label}
              {link.count ? (
                <span className="rounded-full bg-amber-400 px-1.5 text-xs font-bold text-amber-950" aria-label={`${link.count} waiting`}>
                  {link.count}
                </span>
              ) : null}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
