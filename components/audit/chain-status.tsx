import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import type { ChainStatus } from "@/lib/audit";
import { BREAK_REASONS, shortHash } from "./format";

/** Shown above the chain status when Berth's own database role could rewrite the trail (lib/audit/db-role.ts). */
export function TrailRoleWarning({ problems }: { problems: string[] | null | undefined }) {
  if (!problems?.length) return null;
  return (
    <div data-testid="trail-role-warning">
      <Alert tone="error" title="Berth's database role could rewrite this trail">
        <ul className="list-disc pl-5">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
        <p className="mt-1">
          Through that role, events could be changed and the chain re-hashed without a broken link. What this page verifies is only as good as the database: rely on signed checkpoints and on
          exports kept outside Berth. The operator runs Berth so on purpose (BERTH_ALLOW_PRIVILEGED_DB_ROLE) or the database&apos;s rights changed; see docs/deploy.md, section 1.
        </p>
      </Alert>
    </div>
  );
}

/** "Verified up to event N at time T", or a red alert naming the first broken link (shown on every audit page). */
export function ChainStatusView({ status, compact = false, roleProblems }: { status: ChainStatus | null; compact?: boolean; roleProblems?: string[] | null }) {
  return (
    <>
      <TrailRoleWarning problems={roleProblems} />
      <ChainStatusBody status={status} compact={compact} />
    </>
  );
}

function ChainStatusBody({ status, compact }: { status: ChainStatus | null; compact: boolean }) {
  if (!status) {
    return (
      <Alert tone="warning" title="Chain status unavailable">
        The trail could not be read just now. Reload the page in a moment.
      </Alert>
    );
  }
  if (status.break) {
    return (
      <div data-testid="chain-status" data-chain-ok="false">
        <Alert tone="error" title={`The evidence trail is broken at event #${status.break.brokenAt}`}>
          <p>
            Reason: <span className="font-mono">{status.break.reason}</span> — {BREAK_REASONS[status.break.reason] ?? "the chain does not verify"}. {status.break.detail}.
          </p>
          <p className="mt-1">
            Events after this point cannot be trusted until the cause is found. <Link href="/audit/chain" className="underline">Chain details</Link>
          </p>
        </Alert>
      </div>
    );
  }
  if (status.headSeq === "0") {
    return (
      <div data-testid="chain-status" data-chain-ok="true">
        <Alert tone="info">The evidence trail has no events yet.</Alert>
      </div>
    );
  }
  return (
    <div data-testid="chain-status" data-chain-ok="true" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-950" role="status">
      <p>
        <span aria-hidden="true" className="mr-1 font-bold text-green-700">✓</span>
        <span className="font-semibold">Chain intact:</span> verified up to event #{status.headSeq} at <RelativeTime value={status.checkedAt} mode="absolute" />
        {compact ? null : (
          <>
            {" "}· head hash <span className="break-all font-mono text-xs" title={status.headHash}>{shortHash(status.headHash)}</span>
          </>
        )}
        .
      </p>
      {compact ? null : (
        <p className="mt-0.5 text-xs text-green-900">
          {status.anchored
            ? status.lastFullVerification
              ? <>Checked {status.checked} new {status.checked === 1 ? "event" : "events"} on top of the last full verification (event #{status.lastFullVerification.seq}, <RelativeTime value={status.lastFullVerification.verifiedAt} />).</>
              : <>Checked all {status.checked} events from the first one.</>
            : <>Checked the last {status.checked} events only; <Link href="/audit/chain" className="underline">verify the whole chain</Link> to cover everything before them.</>}
        </p>
      )}
    </div>
  );
}

export function ChainStatusSkeleton() {
  return (
    <div role="status" aria-label="Checking the chain" className="rounded-md border border-slate-200 bg-white px-3 py-2">
      <span className="sr-only">Checking the chain…</span>
      <Skeleton className="h-4 w-80 max-w-full" />
    </div>
  );
}
