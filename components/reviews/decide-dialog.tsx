"use client";

import { AlertDialog } from "radix-ui";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input, Select, Textarea } from "@/components/ui/field";
import { decideReviewItems } from "@/lib/actions/decide-review-items";
import { HARBOR_ROLES } from "@/lib/core/roles";
import { DECISION_LABELS, decisionEffect } from "./format";
import type { ReviewItemView } from "@/lib/reviews/views";

const CONFIRM: Record<string, string> = { KEEP: "Keep", SHORTEN: "Set the earlier end", LOWER_ROLE: "Lower the role", REMOVE: "Remove now" };
const SHOWN = 6;

/**
 * Decides one item or a selection (all or nothing on the server). Names what happens in Harbor before it happens and
 * asks why; the reason, the reviewer and the evidence go to the audit trail.
 */
export function DecideDialog({ items, initial, onClose, onDone }: { items: ReviewItemView[]; initial: string; onClose: () => void; onDone: (message: string) => void }) {
  const [decision, setDecision] = useState(initial);
  const [reason, setReason] = useState(initial === "REMOVE" && items.every((i) => i.suggestion?.action === "remove") ? (items.length === 1 ? items[0]!.suggestion!.text : "Unused or no longer present in Harbor") : "");
  const [newRoleId, setNewRoleId] = useState("");
  const [newEndsAt, setNewEndsAt] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const id = useId();
  const groupsOnly = items.every((i) => i.subjectType === "GROUP");
  const lowestRank = Math.min(...items.map((i) => HARBOR_ROLES.find((r) => r.id === i.roleId)?.rank ?? 0));
  const lowerRoles = HARBOR_ROLES.filter((r) => r.rank < lowestRank);
  const newRoleLabel = HARBOR_ROLES.find((r) => String(r.id) === newRoleId)?.label;
  const count = items.length;
  const what = count === 1 ? `${items[0]!.label} in ${items[0]!.projectName}` : `${count} items`;

  async function submit() {
    setPending(true);
    setError(null);
    const res = await decideReviewItems({ itemIds: items.map((i) => i.id), decision, reason: reason.trim(), newRoleId: decision === "LOWER_ROLE" ? newRoleId : undefined, newEndsAt: decision === "SHORTEN" ? newEndsAt : undefined, timeZone: decision === "SHORTEN" ? Intl.DateTimeFormat().resolvedOptions().timeZone : undefined });
    setPending(false);
    if (!res.ok) {
      setError(res.error);
      setFieldErrors(res.fieldErrors ?? {});
      return;
    }
    onDone(`${res.data.decided} ${res.data.decided === 1 ? "item" : "items"} decided: ${DECISION_LABELS[decision]?.toLowerCase()}.`);
  }

  const field = (name: string) => (fieldErrors[name]?.length ? { "aria-invalid": true as const, "aria-describedby": `${id}-${name}-error` } : {});
  const errorOf = (name: string) => (fieldErrors[name]?.length ? <p id={`${id}-${name}-error`} className="mt-1 text-sm text-red-700">{fieldErrors[name]!.join(" ")}</p> : null);

  return (
    <AlertDialog.Root open onOpenChange={(open) => (open ? undefined : onClose())}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/50" />
        <AlertDialog.Content className="fixed left-1/2 top-1/2 z-50 max-h-[calc(100vh-2rem)] w-[min(36rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-5 shadow-xl" data-testid="decide-dialog">
          <AlertDialog.Title className="text-lg font-semibold">Decide {what}</AlertDialog.Title>
          <AlertDialog.Description asChild>
            <div className="mt-2 space-y-2 text-sm text-slate-700">
              <ul className="space-y-1" data-testid="decide-effects">
                {items.slice(0, SHOWN).map((i) => (
                  <li key={i.id}>
                    {count > 1 ? <span className="font-medium">{i.label} in {i.projectName}: </span> : null}
                    {decisionEffect(decision, i, { newRoleLabel, newEnd: newEndsAt || undefined })}
                  </li>
                ))}
                {count > SHOWN ? <li>… and {count - SHOWN} more, the same way.</li> : null}
              </ul>
              {count > 1 ? <p>All of them are decided together, or none is.</p> : null}
            </div>
          </AlertDialog.Description>
          <fieldset className="mt-4">
            <legend className="mb-1 text-sm font-medium text-slate-800">Decision</legend>
            <div className="grid gap-1.5 sm:grid-cols-2">
              {Object.entries(DECISION_LABELS).map(([key, label]) => {
                const disabled = key === "LOWER_ROLE" && (!groupsOnly || lowerRoles.length === 0);
                return (
                  <label key={key} className="flex items-center gap-2 rounded-md border border-slate-300 px-2.5 py-1.5 text-sm has-[:checked]:border-brand-600 has-[:checked]:ring-1 has-[:checked]:ring-brand-600 has-[:disabled]:text-slate-400">
                    <input type="radio" name={`${id}-decision`} value={key} checked={decision === key} disabled={disabled} onChange={() => setDecision(key)} />
                    {label}
                  </label>
                );
              })}
            </div>
            {!groupsOnly ? <p className="mt-1 text-xs text-slate-600">Robots have permissions, not a role: remove them or give them an earlier end.</p> : null}
          </fieldset>
          {decision === "LOWER_ROLE" ? (
            <div className="mt-3">
              <label htmlFor={`${id}-role`} className="mb-1 block text-sm font-medium text-slate-800">New role</label>
              <Select id={`${id}-role`} value={newRoleId} onChange={(e) => setNewRoleId(e.target.value)} {...field("newRoleId")}>
                <option value="">Choose a lower role</option>
                {lowerRoles.map((r) => <option key={r.id} value={r.id}>{r.label} — {r.summary}</option>)}
              </Select>
              {errorOf("newRoleId")}
            </div>
          ) : null}
          {decision === "SHORTEN" ? (
            <div className="mt-3">
              <label htmlFor={`${id}-end`} className="mb-1 block text-sm font-medium text-slate-800">New end date <span className="font-normal text-slate-600">(the end of that day, UTC)</span></label>
              <Input id={`${id}-end`} type="date" value={newEndsAt} onChange={(e) => setNewEndsAt(e.target.value)} {...field("newEndsAt")} />
              {errorOf("newEndsAt")}
            </div>
          ) : null}
          <div className="mt-3">
            <label htmlFor={`${id}-reason`} className="mb-1 block text-sm font-medium text-slate-800">
              Reason <span className="font-normal text-slate-600">(required, kept in the audit trail and the review report)</span>
            </label>
            <Textarea id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} className="min-h-16" maxLength={1000} required aria-required="true" {...field("reason")} />
            {errorOf("reason")}
          </div>
          {error ? (
            <p role="alert" className="mt-3 rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
              {error}
            </p>
          ) : null}
          <div className="mt-5 flex justify-end gap-2">
            <AlertDialog.Cancel asChild>
              <Button variant="secondary" disabled={pending}>Cancel</Button>
            </AlertDialog.Cancel>
            <Button variant={decision === "REMOVE" ? "danger" : "primary"} disabled={pending} onClick={() => void submit()}>
              {pending ? "Working…" : CONFIRM[decision]}
            </Button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
