import Link from "next/link";
import { ChainStatusView } from "@/components/audit/chain-status";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { grantsThisMonth, loadChainStatus, loadTrailRoleProblems } from "@/lib/audit/summary";
import { reads } from "@/lib/sql";

const MONTH = new Intl.DateTimeFormat("en", { month: "long", year: "numeric", timeZone: "UTC" });

/** The auditor's home card: the chain's state, this month's grant movements, and the ways in. */
export async function AuditorHome() {
  const [status, month, roleProblems] = await Promise.all([loadChainStatus(), grantsThisMonth(reads()).catch(() => null), loadTrailRoleProblems()]);
  const ended = month ? month.expired + month.revoked + month.superseded : 0;
  const monthQuery = month ? `from=${month.monthStart.toISOString().slice(0, 10)}` : "";
  return (
    <Card aria-labelledby="evidence-heading">
      <CardHeader id="evidence-heading" title="Evidence" description="Who had access to what, when, and why; the trail and its verification." action={<Link href="/audit">Open audit</Link>} />
      <CardBody className="space-y-4">
        <ChainStatusView status={status} compact roleProblems={roleProblems} />
        {month ? (
          <div>
            <h3 className="text-sm font-semibold text-slate-900">{MONTH.format(month.monthStart)} (UTC), from the trail</h3>
            <dl className="mt-2 grid grid-cols-2 gap-3 text-sm sm:max-w-md">
              <div className="rounded-md border border-slate-200 px-3 py-2">
                <dt className="text-slate-600">Grants started</dt>
                <dd className="text-2xl font-semibold text-slate-900" data-testid="month-started">{month.started}</dd>
              </div>
              <div className="rounded-md border border-slate-200 px-3 py-2">
                <dt className="text-slate-600">Grants ended</dt>
                <dd className="text-2xl font-semibold text-slate-900" data-testid="month-ended">{ended}</dd>
                <dd className="text-xs text-slate-600">
                  {month.expired} expired · {month.revoked} revoked · {month.superseded} replaced
                </dd>
              </div>
            </dl>
          </div>
        ) : (
          <p className="text-sm text-slate-600">This month&apos;s figures could not be read just now.</p>
        )}
        <ul className="grid gap-3 text-sm sm:grid-cols-2 lg:grid-cols-4">
          <li>
            <Link href="/audit/access" className="font-medium">Access at a point in time</Link>
            <span className="block text-slate-600">Who had access to a project on a given date.</span>
          </li>
          <li>
            <Link href={monthQuery ? `/audit?${monthQuery}` : "/audit"} className="font-medium">This month&apos;s grants</Link>
            <span className="block text-slate-600">Grant history since the first of the month.</span>
          </li>
          <li>
            <Link href="/audit/events" className="font-medium">Event log</Link>
            <span className="block text-slate-600">Every change, hash-chained.</span>
          </li>
          <li>
            <span className="font-medium text-slate-900">Exports</span>
            <span className="block text-slate-600">
              Grants as <a href="/api/audit/export?kind=grants&format=csv" download className="underline">CSV</a> or <a href="/api/audit/export?kind=grants&format=jsonl" download className="underline">JSON Lines</a>; events as{" "}
              <a href="/api/audit/export?kind=events&format=csv" download className="underline">CSV</a> or <a href="/api/audit/export?kind=events&format=jsonl" download className="underline">JSON Lines</a>.
            </span>
          </li>
        </ul>
      </CardBody>
    </Card>
  );
}
