import { ageText } from "@/components/ui/age";
import type { RequestStats } from "@/lib/governance/stats";
import { DayTable } from "./day-table";

const shortDay = (day: string) => {
  const [, m, d] = day.split("-");
  return `${Number(d)} ${["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][Number(m) - 1]}`;
};

/** Requests per day (bars) and the median time to decision, with the same numbers as a table for screen readers. */
export function RequestsChart({ stats }: { stats: RequestStats }) {
  const max = Math.max(1, ...stats.days.map((d) => d.requests));
  const first = stats.days[0];
  const last = stats.days.at(-1);
  const median = stats.medianDecisionMs === null ? "no decisions yet" : ageText(stats.medianDecisionMs);
  const busiest = stats.days.reduce((a, b) => (b.requests > a.requests ? b : a), stats.days[0]!);
  const summary = `${stats.totalRequests} requests in the last ${stats.days.length} days${busiest.requests ? `, most on ${shortDay(busiest.day)} (${busiest.requests})` : ""}; ${stats.totalDecided} decided, median time to decision ${median}.`;
  return (
    <figure className="space-y-3" data-testid="requests-chart">
      <dl className="grid grid-cols-3 gap-2 text-center">
        <div className="rounded-md bg-slate-50 px-2 py-1.5">
          <dt className="text-xs text-slate-600">Requests</dt>
          <dd className="text-lg font-semibold">{stats.totalRequests}</dd>
        </div>
        <div className="rounded-md bg-slate-50 px-2 py-1.5">
          <dt className="text-xs text-slate-600">Decided</dt>
          <dd className="text-lg font-semibold">{stats.totalDecided}</dd>
        </div>
        <div className="rounded-md bg-slate-50 px-2 py-1.5">
          <dt className="text-xs text-slate-600">Median time to decision</dt>
          <dd className="text-lg font-semibold">{stats.medianDecisionMs === null ? "—" : ageText(stats.medianDecisionMs)}</dd>
        </div>
      </dl>
      <div role="img" aria-label={`Bar chart: ${summary}`}>
        <div className="flex h-24 items-end gap-px border-b border-slate-300">
          {stats.days.map((d) => (
            <div
              key={d.day}
              title={`${shortDay(d.day)}: ${d.requests} requests, ${d.decided} decided${d.medianDecisionMs !== null ? `, median ${ageText(d.medianDecisionMs)}` : ""}`}
              className="flex-1 rounded-t-sm bg-brand-600"
              style={{ height: d.requests ? `${Math.max(4, (d.requests / max) * 100)}%` : "0" }}
            />
          ))}
        </div>
        <div aria-hidden="true" className="mt-1 flex justify-between text-[11px] text-slate-500">
          <span>{first ? shortDay(first.day) : ""}</span>
          <span>up to {max} a day</span>
          <span>{last ? shortDay(last.day) : ""}</span>
        </div>
      </div>
      <figcaption className="text-xs text-slate-600">Requests submitted per day (UTC). Time to decision runs from submission to the last approval or the rejection.</figcaption>
      <DayTable days={stats.days} />
    </figure>
  );
}
