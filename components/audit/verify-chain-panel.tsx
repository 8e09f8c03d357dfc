"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { VerifyChainOutcome } from "@/lib/actions/audit-definitions";
import { verifyChainNow } from "@/lib/actions/verify-chain";
import { BREAK_REASONS } from "./format";
import { utcText } from "./time";

/** Runs a full verification on the server and says what it found; the page's chain status refreshes after. */
export function VerifyChainPanel() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<VerifyChainOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = () =>
    startTransition(async () => {
      setError(null);
      const res = await verifyChainNow({});
      if (!res.ok) {
        setOutcome(null);
        setError(res.error);
        return;
      }
      setOutcome(res.data);
      router.refresh();
    });

  return (
    <div className="space-y-3">
      <Button onClick={run} disabled={pending} aria-describedby="verify-help">
        {pending ? "Verifying…" : "Verify the whole chain now"}
      </Button>
      <p id="verify-help" className="text-sm text-slate-600">
        Recomputes every event&apos;s hash from the first one and checks each link and the head. A passing run is recorded as a checkpoint, so later status checks start from it.
      </p>
      <div aria-live="polite" data-testid="verify-outcome">
        {error ? <Alert tone="error">{error}</Alert> : null}
        {outcome?.ok ? (
          <Alert tone="success" title="The chain verifies">
            {outcome.checked} {outcome.checked === 1 ? "event" : "events"} checked in {outcome.durationMs} ms, up to event #{outcome.headSeq} ({utcText(new Date(outcome.verifiedAt))}).
            <span className="mt-1 block break-all font-mono text-xs">Head hash {outcome.headHash}</span>
          </Alert>
        ) : null}
        {outcome && !outcome.ok ? (
          <Alert tone="error" title={`Broken at event #${outcome.brokenAt}`}>
            Reason: <span className="font-mono">{outcome.reason}</span> — {BREAK_REASONS[outcome.reason ?? ""] ?? "the chain does not verify"}. {outcome.detail}. {outcome.checked} events checked in {outcome.durationMs} ms.
          </Alert>
        ) : null}
      </div>
    </div>
  );
}
