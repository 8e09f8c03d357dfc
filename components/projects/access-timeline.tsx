"use client";

import Link from "next/link";
import { Tooltip } from "radix-ui";
import { useId, useState, type CSSProperties } from "react";
import { cn } from "@/components/ui/cn";
import { RelativeTime } from "@/components/ui/relative-time";
import { StateBadge, stateLabel } from "@/components/ui/state-badge";
import type { TimelineBar, TimelineGrant, TimelineLayout } from "./timeline";

const BAR_TONES: Record<string, string> = {
  ACTIVE: "bg-green-600",
  PENDING: "bg-amber-400",
  FAILED: "bg-red-600",
};
// Ended grants are striped as well as grey, so the difference does not rest on color alone.
const ENDED = "bg-[repeating-linear-gradient(135deg,#64748b_0_3px,#cbd5e1_3px_6px)]";

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : null);

function period(g: TimelineGrant): string {
  const from = day(g.startsAt) ?? "not started";
  if (g.state === "ACTIVE") return `${from} to ${day(g.endsAt) ?? "no end date"}`;
  return `${from} to ${day(g.endedAt) ?? day(g.endsAt) ?? "unknown"}`;
}

function approvedBy(g: TimelineGrant): string {
  return g.approvers.length ? `approved by ${g.approvers.join(" and ")}` : "no approvals recorded";
}

function reviewedText(g: TimelineGrant): string {
  return (g.reviews ?? []).map((r) => `access review #${r.campaignNumber} on ${day(r.at)}: ${r.decision} by ${r.by} (${r.reason})`).join("; ");
}

/** The whole story of one bar in a sentence: what screen readers hear and what the tooltip shows. */
function barSentence(g: TimelineGrant, inForce: boolean): string {
  const role = g.subjectType === "GROUP" ? g.roleLabel : "robot";
  const reviewed = reviewedText(g);
  return `${g.label}: ${role}, ${stateLabel(g.state).toLowerCase()}, ${period(g)}${inForce ? ", in force at the chosen instant" : ""}; request #${g.request.number} by ${g.request.requesterName}, ${approvedBy(g)}${reviewed ? `; ${reviewed}` : ""}`;
}

function Detail({ grant, recordPath }: { grant: TimelineGrant | undefined; recordPath?: string }) {
  if (!grant) return <p className="text-sm text-slate-600">Hover, focus or tap a bar to see its role, request and approvers.</p>;
  return (
    <dl className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
      <div className="flex items-center gap-2">
        <dt className="sr-only">Subject</dt>
        <dd className="font-medium">{grant.label}</dd>
        <StateBadge state={grant.state} />
      </div>
      <div>
        <dt className="inline text-slate-500">Role </dt>
        <dd className="inline">{grant.subjectType === "GROUP" ? grant.roleLabel : "robot permissions"}</dd>
      </div>
      <div>
        <dt className="inline text-slate-500">From </dt>
        <dd className="inline">
          <RelativeTime value={grant.startsAt} mode="absolute" /> to{" "}
          {grant.state === "ACTIVE" ? grant.endsAt ? <RelativeTime value={grant.endsAt} mode="absolute" /> : "no end date" : <RelativeTime value={grant.endedAt ?? grant.endsAt} mode="absolute" />}
          {grant.endReason && grant.state !== "ACTIVE" ? <span className="text-slate-600"> ({grant.endReason})</span> : null}
        </dd>
      </div>
      <div>
        <dt className="inline text-slate-500">Request </dt>
        <dd className="inline">
          <Link href={`/requests/${grant.request.id}`} className="underline">#{grant.request.number}</Link> by {grant.request.requesterName}, {approvedBy(grant)}
          {recordPath ? (
            <>
              {" "}
              · <Link href={`${recordPath}${grant.id}`} className="underline">grant record</Link>
            </>
          ) : null}
        </dd>
      </div>
      {grant.reviews?.length ? (
        <div className="basis-full" data-testid="timeline-detail-reviews">
          <dt className="inline text-slate-500">Reviewed </dt>
          <dd className="inline">{reviewedText(grant)}</dd>
        </div>
      ) : null}
    </dl>
  );
}

function Bar({ bar, inForce, selected, onSelect }: { bar: TimelineBar; inForce: boolean; selected: boolean; onSelect: (id: string | null, sticky: boolean) => void }) {
  const sentence = barSentence(bar, inForce);
  const tone = BAR_TONES[bar.state] ?? ENDED;
  return (
    <Tooltip.Root>
      <Tooltip.Trigger asChild>
        <button
          type="button"
          aria-label={sentence}
          aria-pressed={selected}
          onClick={() => onSelect(selected ? null : bar.id, true)}
          onFocus={() => onSelect(bar.id, false)}
          onMouseEnter={() => onSelect(bar.id, false)}
          className={cn(
            "absolute top-1.5 h-5 rounded-sm border border-white/60",
            tone,
            bar.openEnded && "rounded-r-none",
            inForce && "outline outline-2 outline-offset-1 outline-blue-800",
            selected && "ring-2 ring-slate-900 ring-offset-1",
          )}
          style={{ left: `${bar.leftPct}%`, width: `${bar.widthPct}%` }}
          data-testid="timeline-bar"
          data-grant-state={bar.state}
          data-in-force={inForce ? "true" : "false"}
        />
      </Tooltip.Trigger>
      <Tooltip.Portal>
        <Tooltip.Content side="top" sideOffset={4} className="z-50 max-w-xs rounded-md bg-slate-900 px-2.5 py-1.5 text-xs text-white shadow-lg">
          <span className="font-semibold">{bar.label}</span> · {bar.subjectType === "GROUP" ? bar.roleLabel : "robot"} · {stateLabel(bar.state)}
          <br />
          {period(bar)} · request #{bar.request.number}, {approvedBy(bar)}
          <Tooltip.Arrow className="fill-slate-900" />
        </Tooltip.Content>
      </Tooltip.Portal>
    </Tooltip.Root>
  );
}

/** Options for the audit view: a cursor at a chosen instant instead of now, and the bars in force then outlined. */
export interface TimelineCursor {
  pct: number;
  label: string;
  /** Grants in force at the instant. */
  inForce: string[];
}

/**
 * Who had access when (docs/ui.md, "Access timeline"): a row per group or robot (or project), a bar per grant, a cursor
 * for now or for a chosen instant. Bars are buttons: hover or focus shows a tooltip and the detail line, a tap pins
 * the detail (phones have no hover).
 */
export function AccessTimeline({
  layout,
  caption,
  cursor,
  rowKind = "subject",
  recordPath,
  table = true,
  testId,
}: {
  layout: TimelineLayout;
  caption: string;
  cursor?: TimelineCursor;
  rowKind?: "subject" | "project";
  /** Links the detail line to the grant's own record (the audit view): this path followed by the grant id. */
  recordPath?: string;
  /** The same facts as a table, for those who do not read charts (off where a table is already on the page). */
  table?: boolean;
  testId?: string;
}) {
  const [pinned, setPinned] = useState<string | null>(null);
  // the table's rows are made when someone opens it, as the approver chart's (a project's page renders every grant
  // in its tables already; a closed table was a fifth of the page's markup)
  const [tableOpen, setTableOpen] = useState(false);
  const [hovered, setHovered] = useState<string | null>(null);
  const captionId = useId();
  const all = [...layout.rows.flatMap((r) => r.bars), ...layout.notStarted];
  const shown = all.find((g) => g.id === (hovered ?? pinned));
  const select = (id: string | null, sticky: boolean) => (sticky ? (setPinned(id), setHovered(null)) : setHovered(id));
  const labelWidth = "10rem";
  const inForce = new Set(cursor?.inForce ?? []);
  const cursorPct = cursor?.pct ?? layout.nowPct;
  const cursorLabel = cursor?.label ?? "now";

  if (all.length === 0) return <p className="text-sm text-slate-600">No access has been granted here yet.</p>;

  return (
    <figure aria-labelledby={captionId} className="space-y-3" data-testid={testId}>
      <figcaption id={captionId} className="sr-only">
        {caption}, from {day(layout.from)} to {day(layout.to)}
        {cursor ? `, with a cursor at ${cursor.label}` : ""}. Each bar is one grant; the same facts are in a table {table ? "below" : "above"} the chart.
      </figcaption>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" aria-label="Legend">
        <li className="flex items-center gap-1.5"><span aria-hidden="true" className="inline-block h-3 w-5 rounded-sm bg-green-600" />Active</li>
        <li className="flex items-center gap-1.5"><span aria-hidden="true" className={cn("inline-block h-3 w-5 rounded-sm", ENDED)} />Ended (expired, revoked, replaced)</li>
        <li className="flex items-center gap-1.5"><span aria-hidden="true" className="inline-block h-3 w-5 rounded-sm bg-amber-400" />Pending</li>
        <li className="flex items-center gap-1.5"><span aria-hidden="true" className="inline-block h-3 w-5 rounded-sm bg-red-600" />Failed</li>
        {cursor ? (
          <li className="flex items-center gap-1.5"><span aria-hidden="true" className="inline-block h-3 w-5 rounded-sm bg-slate-200 outline outline-2 outline-offset-1 outline-blue-800" />In force at the chosen instant</li>
        ) : null}
        {all.some((g) => g.reviews?.length) ? (
          <li className="flex items-center gap-1.5"><span aria-hidden="true" className="inline-block h-2.5 w-2.5 rotate-45 bg-violet-700" />Access review decision</li>
        ) : null}
        <li className="flex items-center gap-1.5"><span aria-hidden="true" className="inline-block h-3 w-0.5 bg-blue-700" />{cursor ? "Chosen instant" : "Now"}</li>
      </ul>
      <Tooltip.Provider delayDuration={150}>
        <div className="overflow-x-auto" onMouseLeave={() => setHovered(null)}>
          <div className="relative min-w-[36rem]" style={{ "--label": labelWidth } as CSSProperties}>
            <div aria-hidden="true" className="relative ml-[var(--label)] h-5 border-b border-slate-200 text-[11px] text-slate-500">
              {layout.ticks.map((t) => (
                <span key={t.at} className="absolute -translate-x-1/2 whitespace-nowrap" style={{ left: `${t.pct}%` }}>
                  {t.label}
                </span>
              ))}
            </div>
            <ul>
              {layout.rows.map((row) => (
                <li key={row.key} className="flex border-b border-slate-100">
                  <span className="w-[var(--label)] shrink-0 truncate py-2 pr-2 text-sm" title={row.label}>
                    <span className="mr-1 rounded bg-slate-100 px-1 text-[10px] font-semibold uppercase text-slate-600">{rowKind === "project" ? "project" : row.subjectType === "GROUP" ? "group" : "robot"}</span>
                    {row.subjectType === "ROBOT" ? row.label.replace(/^robot\$[^+]*\+/, "") : row.label}
                  </span>
                  <span className="relative h-8 flex-1">
                    {layout.ticks.map((t) => (
                      <span key={t.at} aria-hidden="true" className="absolute inset-y-0 w-px bg-slate-100" style={{ left: `${t.pct}%` }} />
                    ))}
                    {row.bars.map((bar) => (
                      <Bar key={bar.id} bar={bar} inForce={inForce.has(bar.id)} selected={bar.id === pinned} onSelect={select} />
                    ))}
                    {row.bars.flatMap((bar) =>
                      bar.reviewPcts.map((p, i) => (
                        // the bar's own label says it in words; the diamond only shows where on the bar it happened
                        <span
                          key={`${bar.id}-review-${i}`}
                          aria-hidden="true"
                          className="pointer-events-none absolute top-0 h-2.5 w-2.5 -translate-x-1/2 rotate-45 border border-white bg-violet-700"
                          style={{ left: `${p}%` }}
                          data-testid="timeline-review"
                          data-decision={bar.reviews?.[i]?.decision}
                        />
                      )),
                    )}
                  </span>
                </li>
              ))}
            </ul>
            <span
              aria-hidden="true"
              className="pointer-events-none absolute bottom-0 top-0 w-0.5 bg-blue-700"
              style={{ left: `calc(var(--label) + (100% - var(--label)) * ${cursorPct / 100})` }}
            >
              <span className={cn("absolute -top-0.5 whitespace-nowrap rounded bg-blue-700 px-1 text-[10px] font-semibold text-white", cursorPct > 70 ? "right-1" : "left-1")}>{cursorLabel}</span>
            </span>
          </div>
        </div>
      </Tooltip.Provider>
      <div className="min-h-16 rounded-md border border-slate-200 bg-slate-50 px-3 py-2" data-testid="timeline-detail">
        <Detail grant={shown} recordPath={recordPath} />
      </div>
      {layout.notStarted.length ? (
        <p className="text-sm text-slate-600">
          Not started yet, so not drawn: {layout.notStarted.map((g) => `${g.label} (${stateLabel(g.state).toLowerCase()}, request #${g.request.number})`).join("; ")}.
        </p>
      ) : null}
      {table ? (
        <details className="text-sm" data-testid="timeline-table" onToggle={(e) => setTableOpen(e.currentTarget.open)}>
          <summary className="cursor-pointer text-brand-700">Show the timeline as a table</summary>
          {tableOpen ? (
            <div className="mt-2 overflow-x-auto">
              <table className="w-full border-collapse text-left text-sm">
                <caption className="sr-only">{caption} as a table</caption>
                <thead>
                  <tr className="border-b border-slate-200 text-xs uppercase text-slate-600">
                    <th scope="col" className="px-2 py-1.5">Subject</th>
                    <th scope="col" className="px-2 py-1.5">Role</th>
                    <th scope="col" className="px-2 py-1.5">State</th>
                    <th scope="col" className="px-2 py-1.5">Period (UTC days)</th>
                    <th scope="col" className="px-2 py-1.5">Request</th>
                    <th scope="col" className="px-2 py-1.5">Approved by</th>
                    <th scope="col" className="px-2 py-1.5">Access reviews</th>
                  </tr>
                </thead>
                <tbody>
                  {all.map((g) => (
                    <tr key={g.id} className="border-b border-slate-100">
                      <th scope="row" className="px-2 py-1.5 font-medium">{g.label}</th>
                      <td className="px-2 py-1.5">{g.subjectType === "GROUP" ? g.roleLabel : "robot"}</td>
                      <td className="px-2 py-1.5">{stateLabel(g.state)}</td>
                      <td className="whitespace-nowrap px-2 py-1.5">{period(g)}</td>
                      <td className="px-2 py-1.5"><Link href={`/requests/${g.request.id}`}>#{g.request.number}</Link></td>
                      <td className="px-2 py-1.5">{g.approvers.join(", ") || "—"}</td>
                      <td className="px-2 py-1.5">{reviewedText(g) || "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </details>
      ) : null}
    </figure>
  );
}
