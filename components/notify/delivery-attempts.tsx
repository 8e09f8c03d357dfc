import { RelativeTime } from "@/components/ui/relative-time";
import type { DeliveryLogRow } from "@/lib/notify/queries";
import { answerText, durationText } from "./delivery-format";

/** One delivery's attempts, folded under its count: when, what the receiver answered, how long it took. */
export function DeliveryAttempts({ delivery: d }: { delivery: DeliveryLogRow }) {
  const count = `${d.attempts} attempt${d.attempts === 1 ? "" : "s"}`;
  if (d.attemptLog.length === 0) return <span className="whitespace-nowrap text-slate-600">{d.attempts ? count : "none yet"}</span>;
  return (
    <details data-testid="delivery-attempts">
      <summary className="relative cursor-pointer whitespace-nowrap text-brand-700">
        {count}
        <span className="sr-only"> of {d.title}</span>
      </summary>
      {/* relative: the screen-reader texts stay inside the table's scrolling container at phone width */}
      <table className="relative mt-2 text-xs">
        <caption className="sr-only">Attempts to deliver {d.title}</caption>
        <thead>
          <tr className="text-left text-slate-600">
            <th scope="col" className="pr-3 font-medium">#</th>
            <th scope="col" className="pr-3 font-medium">When</th>
            <th scope="col" className="pr-3 font-medium">Answer</th>
            <th scope="col" className="font-medium">Took</th>
          </tr>
        </thead>
        <tbody>
          {d.attemptLog.map((a, i) => {
            const answer = answerText(d.sink, a.status, a.error);
            return (
              <tr key={`${a.attempt}-${i}`} data-testid="delivery-attempt">
                <td className="pr-3 tabular-nums">{a.attempt}</td>
                <td className="pr-3"><RelativeTime value={a.at} mode="absolute" /></td>
                <td className="pr-3 font-mono">
                  <span className="whitespace-nowrap">{answer ?? "—"}</span>
                  {a.error && a.error !== answer ? <span className="block font-sans text-red-800">{a.error}</span> : null}
                </td>
                <td className="whitespace-nowrap tabular-nums">{durationText(a.durationMs)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {d.attemptsRecorded > d.attemptLog.length ? <p className="mt-1 text-xs text-slate-600">The latest {d.attemptLog.length} of {d.attemptsRecorded} attempts are shown.</p> : null}
    </details>
  );
}
