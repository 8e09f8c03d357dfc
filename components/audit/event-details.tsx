import type { ReactNode } from "react";
import type { AuditEventRow } from "@/lib/audit";
import { json } from "./format";

function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-slate-500">{term}</dt>
      <dd className="break-all font-mono text-xs text-slate-800">{children ?? <span className="text-slate-500">—</span>}</dd>
    </div>
  );
}

function JsonBlock({ label, value }: { label: string; value: unknown }) {
  return (
    <div className="min-w-0">
      <p className="text-xs font-medium text-slate-500">{label}</p>
      {value === null || value === undefined ? (
        <p className="font-mono text-xs text-slate-500">null</p>
      ) : (
        <pre className="whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono text-xs text-slate-800">{json(value)}</pre>
      )}
    </div>
  );
}

/** One event's full record, folded: what changed, where the call came from, and its place in the chain. */
export function EventDetails({ event: e }: { event: AuditEventRow }) {
  return (
    <details className="text-sm" data-testid="event-details">
      <summary className="relative cursor-pointer whitespace-nowrap text-brand-700">
        Details<span className="sr-only"> of event {e.seq}</span>
      </summary>
      {/* wide enough to read JSON once opened; the table scrolls in its own container */}
      <div className="mt-2 w-[min(40rem,75vw)] space-y-2">
        <div className="grid gap-2 sm:grid-cols-2">
          <JsonBlock label="Before" value={e.before} />
          <JsonBlock label="After" value={e.after} />
        </div>
        <dl className="grid gap-2 sm:grid-cols-2">
          <Item term="Source address">{e.sourceIp}</Item>
          <Item term="User agent (as the browser states it)">{e.userAgent}</Item>
          <Item term="Harbor X-Request-Id">{e.harborRequestId}</Item>
          <Item term="Berth request id">{e.portalRequestId}</Item>
          <Item term="Client's X-Request-Id (its claim, not checked)">{e.clientRequestId}</Item>
          <Item term="Berth request">{e.requestId}</Item>
          <Item term="Actor groups then">{e.actorGroups.length ? e.actorGroups.join(", ") : null}</Item>
          <Item term="Hash">{e.hash}</Item>
          <Item term="Previous hash">{e.prevHash}</Item>
        </dl>
      </div>
    </details>
  );
}
