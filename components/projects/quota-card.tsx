import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatBytes, gibToBytes, quotaUse } from "./format";
import type { Live } from "@/lib/governance/project-live";

const BAR = { ok: "bg-green-600", high: "bg-amber-500", full: "bg-red-600" } as const;
const WORDS = { ok: "", high: " — getting full", full: " — full: pushes will be refused" } as const;

/** Storage used and the limit, live from Harbor, next to the limit Berth approved. */
export function QuotaCard({ project, live, changeHref }: { project: { name: string; quotaGiB: number }; live: Live<{ hardBytes: number; usedBytes: number } | null> | null; changeHref?: string }) {
  const approvedBytes = gibToBytes(project.quotaGiB);
  let body;
  if (!live) {
    body = <p className="text-sm text-slate-600">The project is not in Harbor yet, so there is no usage to show. Berth approved {project.quotaGiB} GiB.</p>;
  } else if (!live.ok || !live.value) {
    body = (
      <p className="text-sm text-slate-700" role="status">
        Harbor&apos;s live figures are unavailable right now{live.ok ? " (Harbor has no quota for this project)" : ` (${live.why})`}. Berth approved {project.quotaGiB} GiB; reload later to see the usage.
      </p>
    );
  } else {
    const { usedBytes, hardBytes } = live.value;
    const use = quotaUse(usedBytes, hardBytes);
    body = (
      <div className="space-y-2">
        <p className="text-sm">
          <span className="text-lg font-semibold">{formatBytes(usedBytes)}</span> of {formatBytes(hardBytes)} used
          {use.pct !== null ? ` (${Math.round(use.pct)} %)` : ""}
          <span className={use.level === "ok" ? "" : "font-medium text-red-800"}>{WORDS[use.level]}</span>
        </p>
        {use.pct !== null ? (
          <div aria-hidden="true" className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200">
            <div className={cn("h-full rounded-full", BAR[use.level])} style={{ width: `${Math.max(use.pct, 1)}%` }} />
          </div>
        ) : null}
        <p className="text-xs text-slate-600">
          Live from Harbor, read <RelativeTime value={live.at} />.
          {hardBytes !== approvedBytes ? <span className="font-medium text-amber-900"> Harbor&apos;s limit differs from the {project.quotaGiB} GiB Berth approved.</span> : null}
        </p>
      </div>
    );
  }
  return (
    <Card aria-labelledby="quota-heading">
      <CardHeader id="quota-heading" title="Storage quota" action={changeHref ? <Link href={changeHref} className={buttonClass("secondary", "sm")}>Change quota</Link> : null} />
      <CardBody>{body}</CardBody>
    </Card>
  );
}
