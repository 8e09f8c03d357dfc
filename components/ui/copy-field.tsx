"use client";

import { useState } from "react";

/** A read-only value with a copy button (secrets, command lines). */
export function CopyField({ label, value, id, multiline = false }: { label: string; value: string; id: string; multiline?: boolean }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="flex gap-2">
        {multiline ? (
          <textarea id={id} readOnly value={value} rows={3} className="block w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
        ) : (
          <input id={id} readOnly value={value} className="block w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm" onFocus={(e) => e.currentTarget.select()} />
        )}
        <button
          type="button"
          className="shrink-0 self-start rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-100"
          onClick={async () => {
            await navigator.clipboard?.writeText(value).catch(() => {});
            setCopied(true);
            setTimeout(() => setCopied(false), 2000);
          }}
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
    </div>
  );
}
