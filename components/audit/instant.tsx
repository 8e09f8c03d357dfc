"use client";

import { utcText } from "./time";
import { useIsClient } from "./use-is-client";

/** An instant in the viewer's time zone and in UTC, both spelled out (auditors compare with evidence kept in UTC). */
export function InstantText({ iso }: { iso: string }) {
  const client = useIsClient();
  const date = new Date(iso);
  const utc = utcText(date);
  if (!client) return <time dateTime={iso} className="font-medium">{utc}</time>;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <span data-testid="instant">
      <time dateTime={iso} className="font-medium">{date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" })}</time>{" "}
      <span className="text-slate-600">(your time, {zone})</span> = <span className="whitespace-nowrap font-mono text-xs">{utc}</span>
    </span>
  );
}
