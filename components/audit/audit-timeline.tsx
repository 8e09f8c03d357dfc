"use client";

import Link from "next/link";
import { Tooltip } from "radix-ui";
import { useId, useState, type CSSProperties } from "react";
import type { TimelineBar, TimelineGrant, TimelineLayout } from "@/components/projects/timeline";
import { cn } from "@/components/ui/cn";
import { RelativeTime } from "@/components/ui/relative-time";
import { StateBadge, stateLabel } from "@/components/ui/state-badge";

// The project page's access timeline drawn for the audit view: the cursor marks the instant asked about (not now),
// bars in force at that instant are outlined, and each bar leads to the grant's audit record.

const BAR_TONES: Record<string, string> = {
  ACTIVE: "bg-green-600",
  PENDING: "bg-amber-400",
  FAILED: "bg-red-600",
};
// ended grants are striped as well as grey, so the difference does not rest on color alone
const ENDED = "bg-[repeating-linear-gradient(135deg,#64748b_0_3px,#cbd5e1_3px_6px)]";

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : null);

function period(g: TimelineGrant): string {
  const from = day(g.startsAt) ?? "not started";
  if (g.state === "ACTIVE") return `${from} to ${day(g.endsAt) ?? "no end date"}`;
  return `${from} to ${day(g.endedAt) ?? day(g.endsAt) ?? "unknown"}`;
}

const approvedBy = (g: TimelineGrant) => (g.approvers.length ? `approved by ${g.approvers.join(" and ")}` : "no approvals recorded");

function sentence(g: TimelineGrant, inForce: boolean): string {
  const role = g.subjectType === "GROUP" ? g.roleLabel : "robot";
  return `${g.label}: ${role}, ${stateLabel(g.state).toLowerCase()}, ${period(g)}${inForce ? ", in force at the chosen instant" : ""}; request #${g.request.number} by ${g.request.requesterName}, ${approvedBy(g)}`;
}

function Bar({ bar, inForce, selected, onSelect }: { bar: TimelineBar; inForce: boolean; selected: boolean; onSelect: (id: string | null, sticky: boolean) => void }) {
  return (
    <Tooltip.Root>
      <Tooltip.Trigger asChild>
        <button
          type="button"
          aria-label={sentence(bar, inForce)}
          aria-pressed={selected}
          onClick={() => onSelect(selected ? null : bar.id, true)}
          onFocus={() => onSelect(bar.id, false)}
          onMouseEnter={() => onSelect(bar.id, false)}
          className={cn(
            "absolute top-1.5 h-5 rounded-sm border border-white/60",
            BAR_TONES[bar.state] ?? ENDED,
            bar.openEnded && "rounded-r-none",
            inForce && "outline outline-2 outline-offset-1 outline-blue-800",
            selected && "ring-2 ring-slate-900 ring-offset-1",
          )}
          style={{ left: `${bar.leftPct}%`, width: `${bar.widthPct}%` }}
          data-testid="audit-timeline-bar"
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

function Detail({ grant }: { grant: TimelineGrant | undefined }) {
  if (!grant) return <p className="text-sm text-slate-600">Hover, focus or tap a bar to see its role, request and approvers.</p>;
  return (
    <p className="text-sm">
      <span className="font-medium">{grant.label}</span> <StateBadge state={grant.state} /> {grant.subjectType === "GROUP" ? grant.roleLabel : "robot permissions"} ·{" "}
      <RelativeTime value={grant.startsAt} mode="absolute" /> to{" "}
      {grant.state === "ACTIVE" ? (grant.endsAt ? <RelativeTime value={grant.endsAt} mode="absolute" /> : "no end date") : <RelativeTime value={grant.endedAt ?? grant.endsAt} mode="absolute" />} · request{" "}
      <Link href={`/requests/${grant.request.id}`} className="underline">#{grant.request.number}</Link> by {grant.request.requesterName}, {approvedBy(grant)} · <Link href={`/audit/grants/${grant.id}`} className="underline">grant record</Link>
    </p>
  );
}

/** Who had access when, with a cursor at the chosen instant; rows are subjects (project view) or projects (group view). */
export function AuditTimeline({ layout, cursorPct, cursorLabel, inForce, caption, rowKind }: { layout: TimelineLayout; cursorPct: number; cursorLabel: string; inForce: string[]; caption: string; rowKind: "subject" | "project" }) {
  const [pinned, setPinned] = useState<string | null>(null);
  const [hovered, setHovered] = useState<string | null>(null);
  const captionId = useId();
  const all = [...layout.rows.flatMap((r) => r.bars), ...layout.notStarted];
  const shown = all.find((g) => g.id === (hovered ?? pinned));
  const select = (id: string | null, sticky: boolean) => (sticky ? (setPinned(id), setHovered(null)) : setHovered(id));
  const forced = new Set(inForce);

  if (layout.rows.length === 0) return <p className="text-sm text-slate-600">No grant has started here yet, so there is nothing to draw.</p>;

  return (
    <figure aria-labelledby={captionId} className="space-y-3" data-testid="audit-timeline">
      <figcaption id={captionId} className="sr-only">
        {caption}, from {day(layout.from)} to {day(layout.to)}, with a cursor at {cursorLabel}. Each bar is one grant; the table above lists who had access at that instant.
      </figcaption>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" aria-label="Legend">
        <li className="flex items-center gap-1.5"><span aria-hidden="true" className="inline-block h-3 w-5 rounded-sm bg-green-600" />Active now</li>
        <li className="flex items-center gap-1.5"><span aria-hidden="true" className={cn("inline-block h-3 w-5 rounded-sm", ENDED)} />Ended</li>
        <li className="flex items-center gap-1.5"><span aria-hidden="true" className="inline-block h-3 w-5 rounded-sm bg-slate-200 outline outline-2 outline-offset-1 outline-blue-800" />In force at the chosen instant</li>
        <li className="flex items-center gap-1.5"><span aria-hidden="true" className="inline-block h-3 w-0.5 bg-blue-700" />Chosen instant</li>
      </ul>
      <Tooltip.Provider delayDuration={150}>
        <div className="overflow-x-auto" onMouseLeave={() => setHovered(null)}>
          <div className="relative min-w-[36rem]" style={{ "--label": "10rem" } as CSSProperties}>
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
                      <Bar key={bar.id} bar={bar} inForce={forced.has(bar.id)} selected={bar.id === pinned} onSelect={select} />
                    ))}
                  </span>
                </li>
              ))}
            </ul>
            <span aria-hidden="true" className="pointer-events-none absolute bottom-0 top-0 w-0.5 bg-blue-700" style={{ left: `calc(var(--label) + (100% - var(--label)) * ${cursorPct / 100})` }}>
              <span className={cn("absolute -top-0.5 whitespace-nowrap rounded bg-blue-700 px-1 text-[10px] font-semibold text-white", cursorPct > 70 ? "right-1" : "left-1")}>{cursorLabel}</span>
            </span>
          </div>
        </div>
      </Tooltip.Provider>
      <div className="min-h-12 rounded-md border border-slate-200 bg-slate-50 px-3 py-2" data-testid="audit-timeline-detail">
        <Detail grant={shown} />
      </div>
    </figure>
  );
}
