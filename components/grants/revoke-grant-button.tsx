"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Textarea } from "@/components/ui/field";
import { revokeGrant } from "@/lib/actions/revoke-grant";

/**
 * Revoke now, after a confirmation that names what happens in Harbor and asks why (the reason goes to the audit trail).
 * `defaultReason` pre-fills the reason (the unused-access evidence); the person may edit it.
 */
export function RevokeGrantButton({ grantId, subject, projectName, effect, defaultReason, label = "Revoke" }: { grantId: string; subject: string; projectName: string; effect: string; defaultReason?: string; label?: string }) {
  const router = useRouter();
  const [reason, setReason] = useState(defaultReason ?? "");
  const [done, setDone] = useState(false);
  const fieldId = `revoke-reason-${grantId}`;
  if (done) {
    return (
      <p role="status" className="text-sm text-slate-700">
        Revocation queued
      </p>
    );
  }
  return (
    <ConfirmDialog
      trigger={
        <Button size="sm" variant="secondary">
          {label}<span className="sr-only"> {subject}</span>
        </Button>
      }
      title={`Revoke ${subject} in ${projectName}?`}
      description={<p>{effect}</p>}
      confirmLabel="Revoke now"
      onConfirm={async () => {
        if (reason.trim().length < 5) return "Say why, in at least 5 characters.";
        const res = await revokeGrant({ grantId, reason: reason.trim() });
        if (!res.ok) return res.fieldErrors?.reason?.join(" ") ?? res.error;
        setDone(true);
        router.refresh();
      }}
    >
      <label htmlFor={fieldId} className="mb-1 block text-sm font-medium text-slate-800">
        Reason <span className="font-normal text-slate-600">(required, kept in the audit trail)</span>
      </label>
      <Textarea id={fieldId} value={reason} onChange={(e) => setReason(e.target.value)} className="min-h-16" required aria-required="true" maxLength={1000} />
    </ConfirmDialog>
  );
}
