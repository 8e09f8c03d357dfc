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

/**
 * Exactly what has been verified: through which event a signed full walk went, and how many newer events this page
 * checked — or a red alert naming the first broken link (shown on every audit page).
 */
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
  const through = status.verifiedThrough;
  const head = Number(status.headSeq);
  const from = Number(status.checkedFrom);
  const events = (n: number) => `${n} ${n === 1 ? "event" : "events"}`;
  const covered = status.anchored;
  return (
    <div
      data-testid="chain-status"
      data-chain-ok="true"
      data-verified-through={through?.seq ?? "none"}
      data-checked-on-page={status.checked}
      className={`rounded-md border px-3 py-2 text-sm ${covered ? "border-green-200 bg-green-50 text-green-950" : "border-amber-300 bg-amber-50 text-amber-950"}`}
      role="status"
    >
      <p>
        {covered ? <span aria-hidden="true" className="mr-1 font-bold text-green-700">✓</span> : null}
        {through ? (
          <>
            <span className="font-semibold">Verified through #{through.seq}</span> at <RelativeTime value={through.verifiedAt} mode="absolute" /> (signed checkpoint)
          </>
        ) : (
          <span className="font-semibold">No signed full verification yet</span>
        )}
        {"; "}
        {covered
          ? through
            ? `${status.checked} newer ${status.checked === 1 ? "event" : "events"} checked on this page${status.checked ? `, through #${status.headSeq}` : ""}`
            : `all ${events(status.checked)} (#1–#${status.headSeq}) checked on this page`
          : `the newest ${events(status.checked)} (#${from + 1}–#${head}) checked on this page; #${through ? Number(through.seq) + 1 : 1}–#${from} not checked since`}
        {covered ? "." : (
          <>
            {" — "}
            <Link href="/audit/chain" className="underline">verify the whole chain</Link>.
          </>
        )}
      </p>
      {compact ? null : (
        <p className="mt-0.5 text-xs">
          Head #{status.headSeq}, hash <span className="break-all font-mono" title={status.headHash}>{shortHash(status.headHash)}</span>; this page&apos;s check ran at{" "}
          <RelativeTime value={status.checkedAt} mode="absolute" />.
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
