import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import type { DeadLetter } from "@/lib/notify/queries";
import { buttonClass } from "@/components/ui/button";
import { sinkLabel } from "./delivery-format";
import { RetryDeliveryButton } from "./retry-delivery-button";

/** Approvers' home: notifications that could not be delivered after every retry, each with a retry. */
export function DeadLetters({ total, rows }: { total: number; rows: DeadLetter[] }) {
  return (
    <Card aria-labelledby="dead-letters-heading" data-testid="home-dead-letters">
      <CardHeader
        id="dead-letters-heading"
        title={total ? `Undelivered notifications (${total})` : "Undelivered notifications"}
        description="Messages a receiver refused, or did not take before Berth gave up. Fix the receiver, then send again."
        action={<Link href="/notifications" className={buttonClass("secondary", "sm")}>See all deliveries</Link>}
      />
      {rows.length === 0 ? (
        <p className="px-4 py-3 text-sm text-slate-600">Every notification was delivered.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {rows.map((d) => (
            <li key={d.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm" data-testid="dead-letter">
              <span className="min-w-0">
                <Link href={d.link} className="font-medium">{d.title}</Link>
                <span className="block text-xs text-slate-600">
                  {sinkLabel(d.sink)} to {d.recipient} · {d.lastError ?? "failed"} · {d.attempts} attempt{d.attempts === 1 ? "" : "s"} · <RelativeTime value={d.failedAt} />
                </span>
              </span>
              <RetryDeliveryButton deliveryId={d.id} what={`${sinkLabel(d.sink).toLowerCase()} to ${d.recipient}`} />
            </li>
          ))}
          {total > rows.length ? (
            <li className="px-4 py-2 text-sm text-slate-600">
              and <Link href="/notifications?state=DEAD">{total - rows.length} more</Link>.
            </li>
          ) : null}
        </ul>
      )}
    </Card>
  );
}
