import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClass } from "./button";

interface PagerLink {
  href: string | null;
  label: string;
}

/** The links under a keyset-paged list: back to the start, one page back, one page on. A link with no page behind it is left out. */
export function Pager({ summary, first, prev, next }: { summary: ReactNode; first: PagerLink; prev: PagerLink; next: PagerLink }) {
  return (
    <nav aria-label="Pages" className="mt-3 flex flex-wrap items-center gap-3 text-sm text-slate-600">
      <span>{summary}</span>
      {[first, prev, next].map((l) =>
        l.href ? (
          <Link key={l.label} href={l.href} className={buttonClass("secondary", "sm")}>
            {l.label}
          </Link>
        ) : null,
      )}
    </nav>
  );
}
