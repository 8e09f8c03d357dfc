"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { retryDelivery } from "@/lib/actions/retry-delivery";

export function RetryDeliveryButton({ deliveryId, what }: { deliveryId: string; what: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="flex items-center gap-2">
      {error ? <span role="alert" className="text-xs text-red-700">{error}</span> : null}
      <Button
        size="sm"
        variant="secondary"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          const res = await retryDelivery({ deliveryId });
          setBusy(false);
          if (!res.ok) return setError(res.error);
          setError(null);
          router.refresh();
        }}
      >
        Send again<span className="sr-only"> ({what})</span>
      </Button>
    </span>
  );
}
