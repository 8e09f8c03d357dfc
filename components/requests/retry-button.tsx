"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { retryJob } from "@/lib/actions/retry-job";

export function RetryJobButton({ jobId, what }: { jobId: string; what: string }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger={<Button size="sm" variant="secondary">Retry</Button>}
      title="Retry this job?"
      description={`Berth runs ${what} again. Steps that already succeeded are not repeated.`}
      confirmLabel="Retry"
      variant="primary"
      onConfirm={async () => {
        const res = await retryJob({ jobId });
        if (!res.ok) return res.error;
        router.refresh();
      }}
    />
  );
}
