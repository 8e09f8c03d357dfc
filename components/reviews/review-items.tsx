"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { permissionsText } from "@/components/grants/format";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import type { ReviewItemView } from "@/lib/reviews/views";
import { DecideDialog } from "./decide-dialog";
import { DECISION_LABELS } from "./format";

const VERDICT: Record<string, { text: string; tone: string }> = {
  used: { text: "Used", tone: "bg-green-100 text-green-900 ring-green-300" },
  unused: { text: "No use recorded", tone: "bg-amber-100 text-amber-900 ring-amber-300" },
  unattributable: { text: "Project activity", tone: "bg-blue-50 text-blue-900 ring-blue-200" },
  unknown: { text: "Usage unknown", tone: "bg-slate-100 text-slate-700 ring-slate-300" },
};

const SUGGESTION_TONE: Record<string, string> = { remove: "text-red-800", keep: "text-green-800", check: "text-amber-900" };

function Usage({ item }: { item: ReviewItemView }) {
  const v = VERDICT[item.usage.verdict] ?? VERDICT.unknown!;
  return (
    <div className="min-w-56 space-y-1">
      <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${v.tone}`}>{v.text}</span>
      <p className="text-xs text-slate-700" data-testid="item-usage">{item.usage.note}</p>
      {item.usage.readAt ? (
        <p className="text-xs text-slate-500">
          Harbor read <RelativeTime value={item.usage.readAt} />
        </p>
      ) : null}
    </div>
  );
}

function State({ item, onDecide }: { item: ReviewItemView; onDecide: (item: ReviewItemView) => void }) {
  if (item.decision) {
    return (
      <div className="min-w-40 text-sm" data-testid="item-decision">
        <span className="font-medium">{DECISION_LABELS[item.decision.kind] ?? item.decision.kind}</span> by {item.decision.by}
        <span className="block text-xs text-slate-600"><RelativeTime value={item.decision.at} />{item.decision.reason ? <> — “{item.decision.reason}”</> : null}</span>
      </div>
    );
  }
  if (item.ended) return <p className="min-w-40 text-sm text-slate-600">This access {item.ended === "superseded" ? "was replaced" : `was ${item.ended}`} meanwhile; nothing to decide.</p>;
  if (item.blockedBecause) return <p className="min-w-48 text-sm text-slate-700" data-testid="item-blocked">{item.blockedBecause}</p>;
  return (
    // relative: the visually hidden words stay inside the table's scroll container on a phone
    <Button size="sm" variant="secondary" className="relative" onClick={() => onDecide(item)}>
      Decide<span className="sr-only"> {item.label} in {item.projectName}</span>
    </Button>
  );
}

/**
 * The reviewer's items with their evidence; a selection is decided together (all or nothing). `empty` shows when there
 * is nothing (left) to show; the component stays mounted, so the message about the last decision stays too.
 */
export function ReviewItems({ items, empty }: { items: ReviewItemView[]; empty: ReactNode }) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [dialog, setDialog] = useState<{ items: ReviewItemView[]; decision: string } | null>(null);
  const [status, setStatus] = useState("");
  const decidable = items.filter((i) => i.decidable);
  const chosen = decidable.filter((i) => selected.has(i.id));
  const toggle = (id: string) => setSelected((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id])));
  const allChosen = decidable.length > 0 && chosen.length === decidable.length;

  return (
    <div className="relative space-y-3">
      <p role="status" aria-live="polite" className={status ? "rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900" : "sr-only"}>
        {status}
      </p>
      {decidable.length ? (
        <div className="flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm" data-testid="bulk-bar">
          <span className="mr-1 font-medium">{chosen.length ? `${chosen.length} selected` : "Select items to decide them together"}</span>
          {(["KEEP", "SHORTEN", "LOWER_ROLE", "REMOVE"] as const).map((d) => (
            <Button key={d} size="sm" variant={d === "REMOVE" ? "danger" : "secondary"} disabled={chosen.length === 0 || (d === "LOWER_ROLE" && chosen.some((i) => i.subjectType !== "GROUP"))} onClick={() => setDialog({ items: chosen, decision: d })}>
              {DECISION_LABELS[d]}
            </Button>
          ))}
        </div>
      ) : null}
      {items.length === 0 ? empty : null}
      <Table caption="Your review items" className={items.length === 0 ? "hidden" : undefined}>
        <thead>
          <tr>
            <Th className="relative w-8">
              {decidable.length ? (
                <input type="checkbox" aria-label="Select every item you can decide" checked={allChosen} onChange={() => setSelected(allChosen ? new Set() : new Set(decidable.map((i) => i.id)))} />
              ) : <span className="sr-only">Select</span>}
            </Th>
            <Th>Access</Th>
            <Th>Role or permissions</Th>
            <Th>Granted</Th>
            <Th>Usage, last 90 days</Th>
            <Th>Findings</Th>
            <Th>Decision</Th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <Tr key={item.id} data-testid="review-item" data-item-id={item.id} data-subject={item.subjectName} data-project={item.projectName}>
              <Td>
                {item.decidable ? <input type="checkbox" aria-label={`Select ${item.label} in ${item.projectName}`} checked={selected.has(item.id)} onChange={() => toggle(item.id)} /> : null}
              </Td>
              <Td className="min-w-44">
                <span className="mr-1.5 rounded bg-slate-100 px-1 text-[10px] font-semibold uppercase text-slate-600">{item.subjectType === "GROUP" ? "group" : "robot"}</span>
                <span className={item.subjectType === "ROBOT" ? "break-all font-mono text-xs font-medium" : "font-medium"}>{item.label}</span>
                <span className="block text-xs text-slate-600">
                  in <Link href={`/projects/${encodeURIComponent(item.projectName)}`}>{item.projectName}</Link> · review #{item.campaignNumber}, due <RelativeTime value={item.deadlineAt} />
                </span>
                {item.escalated && !item.decision ? <span className="mt-1 inline-block rounded bg-amber-100 px-1.5 text-xs font-medium text-amber-900">Overdue: escalated to the approvers</span> : null}
                {item.routedReason ? <span className="mt-1 block text-xs text-slate-600" data-testid="item-routed">{item.routedReason}</span> : null}
              </Td>
              <Td className={item.subjectType === "ROBOT" ? "min-w-32 text-xs" : "whitespace-nowrap"}>
                {item.subjectType === "GROUP" ? item.roleLabel : permissionsText(item.permissions)}
                <span className="block text-xs text-slate-600">{item.endsAt ? <>ends <RelativeTime value={item.endsAt} mode="absolute" /></> : "no end date"}</span>
              </Td>
              <Td className="min-w-44 text-sm">
                <RelativeTime value={item.grantStartsAt} mode="absolute" />
                <span className="block text-xs text-slate-600">
                  <Link href={`/requests/${item.requestId}`}>#{item.requestNumber}</Link> asked by {item.requesterName}; approved by {item.approvers.join(" and ") || "nobody recorded"}
                </span>
              </Td>
              <Td><Usage item={item} /></Td>
              <Td className="min-w-48 text-xs">
                {item.drift.length ? <ul className="mb-1 space-y-1 text-red-900">{item.drift.map((d) => <li key={d}>{d}</li>)}</ul> : <p className="mb-1 text-slate-600">Harbor matches the grant.</p>}
                {item.suggestion ? <p className={`font-semibold ${SUGGESTION_TONE[item.suggestion.action] ?? ""}`} data-testid="item-suggestion">Suggestion: {item.suggestion.text}</p> : null}
              </Td>
              <Td><State item={item} onDecide={(i) => setDialog({ items: [i], decision: i.suggestion?.action === "remove" ? "REMOVE" : "KEEP" })} /></Td>
            </Tr>
          ))}
        </tbody>
      </Table>
      {dialog ? (
        <DecideDialog
          items={dialog.items}
          initial={dialog.decision}
          onClose={() => setDialog(null)}
          onDone={(message) => {
            setDialog(null);
            setSelected(new Set());
            setStatus(message);
            router.refresh();
          }}
        />
      ) : null}
    </div>
  );
}
