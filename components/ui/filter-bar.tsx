import Link from "next/link";
import type { ReactNode } from "react";

/** A GET form: filters live in the URL, so a filtered view is a link anyone can share. */
export function FilterBar({ action, children, clearHref }: { action: string; children: ReactNode; clearHref?: string }) {
  return (
    <form method="get" action={action} role="search" aria-label="Filters" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
      {children}
      <div className="flex items-end gap-2">
        <button type="submit" className="rounded-md bg-slate-800 px-3 py-2 text-sm font-medium text-white hover:bg-slate-900">
          Apply
        </button>
        {clearHref ? (
          <Link href={clearHref} className="px-2 py-2 text-sm">
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}

export function FilterField({ label, children, htmlFor }: { label: string; htmlFor: string; children: ReactNode }) {
  return (
    <div className="min-w-36 flex-1 sm:flex-none">
      <label htmlFor={htmlFor} className="mb-1 block text-xs font-medium text-slate-600">
        {label}
      </label>
      {children}
    </div>
  );
}
