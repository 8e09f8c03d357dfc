import { Alert } from "./alert";
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

/** A filter with its label above and, after a round trip, the server's complaint (or a hint) under it. */
export function FilterField({ label, htmlFor, errors, help, children }: { label: string; htmlFor: string; errors?: string[]; help?: string; children: ReactNode }) {
  return (
    <div className="min-w-36 flex-1 sm:flex-none">
      <label htmlFor={htmlFor} className="mb-1 block text-xs font-medium text-slate-600">
        {label}
      </label>
      {children}
      {errors?.length ? (
        <p id={`${htmlFor}-error`} className="mt-1 max-w-60 text-xs text-red-700">
          {errors.join(" ")}
        </p>
      ) : help ? (
        <p id={`${htmlFor}-help`} className="mt-1 text-xs text-slate-600">
          {help}
        </p>
      ) : null}
    </div>
  );
}

/** aria attributes for a control inside FilterField. */
export function fieldAria(id: string, errors?: string[], help?: string) {
  if (errors?.length) return { "aria-invalid": true as const, "aria-describedby": `${id}-error` };
  return help ? { "aria-describedby": `${id}-help` } : {};
}

/** Says which filters of the address were not understood and were dropped (the rest still apply). */
export function IgnoredFilters({ ignored }: { ignored: readonly string[] }) {
  if (!ignored.length) return null;
  return (
    <Alert tone="warning" className="mb-4">
      Some filters in the address were not understood and were ignored: {ignored.join(", ")}.
    </Alert>
  );
}
