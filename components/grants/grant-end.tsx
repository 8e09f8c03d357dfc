import { RelativeTime } from "@/components/ui/relative-time";
import { endUrgency } from "./format";

/** When access ends (or ended), highlighted with words as well as color when it falls within the warning window. */
export function GrantEnd({ grant, now, warningDays }: { grant: { state: string; endsAt: Date | null; endedAt: Date | null }; now: Date; warningDays: number }) {
  if (grant.endedAt && grant.state !== "ACTIVE") {
    return (
      <span className="text-slate-600">
        ended <RelativeTime value={grant.endedAt} />
      </span>
    );
  }
  if (!grant.endsAt) return <span className="text-slate-600">no end date</span>;
  const urgency = endUrgency(grant, now, warningDays);
  if (!urgency) return <RelativeTime value={grant.endsAt} />;
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <RelativeTime value={grant.endsAt} />
      <span className="rounded bg-amber-100 px-1.5 text-xs font-semibold text-amber-950 ring-1 ring-inset ring-amber-300">
        {urgency === "overdue" ? "expiry running" : "ends soon"}
      </span>
    </span>
  );
}
