"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Textarea } from "@/components/ui/field";
import { cancelRequest } from "@/lib/actions/cancel-request";
import { decideRequest } from "@/lib/actions/decide-request";
import { retryJob } from "@/lib/actions/retry-job";
import type { RequestView } from "@/lib/governance/views";

/** What Harbor will see if this request is approved, said plainly in the confirmation. */
/** What approving does in Harbor: the job's planned steps, as the server planned them from the request. */
function HarborEffect({ plan }: { plan: string[] }) {
  if (plan.length === 0) return <p>Nothing changes in Harbor: Harbor memberships have no end date, so Berth itself removes the access at the new end date.</p>;
  return (
    <>
      <p>Once approved, Berth does this in Harbor:</p>
      <ol className="mt-1 list-decimal space-y-0.5 pl-5" data-testid="approval-plan">
        {plan.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
    </>
  );
}

export function RequestActions({ view }: { view: RequestView }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [comment, setComment] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ["request", view.id] });
    router.refresh();
  };
  const needsSecond = view.requiredApprovals - view.approvalCount > 1;

  return (
    <div className="flex flex-wrap items-center gap-2">
      {view.can.decide ? (
        <>
          <ConfirmDialog
            trigger={<Button>Approve</Button>}
            title={`Approve request #${view.number}?`}
            description={
              <>
                {needsSecond ? <p>{`This is approval ${view.approvalCount + 1} of ${view.requiredApprovals}; nothing changes in Harbor until another approver agrees.`}</p> : <HarborEffect plan={view.plan} />}
              </>
            }
            confirmLabel="Approve"
            variant="primary"
            onConfirm={async () => {
              const res = await decideRequest({ requestId: view.id, decision: "APPROVE", comment: comment || undefined });
              if (!res.ok) return res.error;
              setMessage(res.data.state === "APPROVED" ? "Approved. Provisioning has started." : `Approval recorded (${res.data.approvals} of ${res.data.requiredApprovals}).`);
              await refresh();
            }}
          >
            <label htmlFor="approve-comment" className="mb-1 block text-sm font-medium">Comment (optional)</label>
            <Textarea id="approve-comment" value={comment} onChange={(e) => setComment(e.target.value)} className="min-h-16" />
          </ConfirmDialog>
          <ConfirmDialog
            trigger={<Button variant="danger">Reject</Button>}
            title={`Reject request #${view.number}?`}
            description={<p>The request closes and nothing changes in Harbor. {view.requester.name} sees your reason.</p>}
            confirmLabel="Reject"
            onConfirm={async () => {
              const res = await decideRequest({ requestId: view.id, decision: "REJECT", comment });
              if (!res.ok) return res.fieldErrors?.comment?.join(" ") ?? res.error;
              setMessage("Rejected.");
              await refresh();
            }}
          >
            <label htmlFor="reject-comment" className="mb-1 block text-sm font-medium">Reason (required)</label>
            <Textarea id="reject-comment" value={comment} onChange={(e) => setComment(e.target.value)} className="min-h-16" required />
          </ConfirmDialog>
        </>
      ) : null}
      {view.can.cancel ? (
        <ConfirmDialog
          trigger={<Button variant="secondary">Cancel request</Button>}
          title={`Cancel request #${view.number}?`}
          description="The request is withdrawn; approvers no longer see it. Nothing was changed in Harbor."
          confirmLabel="Cancel request"
          onConfirm={async () => {
            const res = await cancelRequest({ requestId: view.id });
            if (!res.ok) return res.error;
            setMessage("Cancelled.");
            await refresh();
          }}
        />
      ) : null}
      {view.can.retry && view.can.failedJobId ? (
        <ConfirmDialog
          trigger={<Button variant="secondary">Retry provisioning</Button>}
          title="Retry the failed provisioning?"
          description="Berth runs the remaining steps again. Steps that already succeeded are not repeated, and every step is safe to repeat in Harbor."
          confirmLabel="Retry"
          variant="primary"
          onConfirm={async () => {
            const res = await retryJob({ jobId: view.can.failedJobId });
            if (!res.ok) return res.error;
            setMessage("Queued again.");
            await refresh();
          }}
        />
      ) : null}
      {message ? (
        <p role="status" className="w-full text-sm text-green-800">
          {message}
        </p>
      ) : null}
    </div>
  );
}
