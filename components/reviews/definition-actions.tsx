"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { startReview } from "@/lib/actions/start-review";
import { stopReviewSchedule } from "@/lib/actions/stop-review-schedule";

/** Start a defined review now, or stop its schedule; both asked first. */
export function DefinitionActions({ id, name, scheduled, running }: { id: string; name: string; scheduled: boolean; running: boolean }) {
  const router = useRouter();
  return (
    <div className="relative flex flex-wrap gap-1.5">
      {running ? null : (
        <ConfirmDialog
          trigger={<Button size="sm" variant="secondary" className="relative">Start now<span className="sr-only"> {name}</span></Button>}
          title={`Start ${name} now?`}
          description="Berth takes a snapshot of the access in scope now and asks its reviewers to decide each grant. Nothing changes in Harbor until they decide, or the deadline's outcome applies."
          confirmLabel="Start the review"
          variant="primary"
          onConfirm={async () => {
            const res = await startReview({ definitionId: id });
            if (!res.ok) return res.error;
            router.push(`/reviews/${res.data.id}`);
          }}
        />
      )}
      {scheduled ? (
        <ConfirmDialog
          trigger={<Button size="sm" variant="ghost" className="relative">Stop schedule<span className="sr-only"> of {name}</span></Button>}
          title={`Stop the schedule of ${name}?`}
          description="No further campaign starts by itself. A campaign running now goes on to its deadline."
          confirmLabel="Stop the schedule"
          onConfirm={async () => {
            const res = await stopReviewSchedule({ definitionId: id });
            if (!res.ok) return res.error;
            router.refresh();
          }}
        />
      ) : null}
    </div>
  );
}
