import type { ReactNode } from "react";

/** A filter with its label above and, after a round trip, the server's complaint under it. */
export function AuditFilterField({ label, htmlFor, errors, help, children }: { label: string; htmlFor: string; errors?: string[]; help?: string; children: ReactNode }) {
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

/** aria attributes for a control inside AuditFilterField. */
export function fieldAria(id: string, errors?: string[], help?: string) {
  if (errors?.length) return { "aria-invalid": true as const, "aria-describedby": `${id}-error` };
  return help ? { "aria-describedby": `${id}-help` } : {};
}
