/** done/total as a bar with the numbers in words (color is never the only cue). */
export function Progress({ decided, total, overdue, closed = false }: { decided: number; total: number; overdue: number; closed?: boolean }) {
  const pct = total === 0 ? 100 : Math.round((decided / total) * 100);
  return (
    <div className="space-y-1" data-testid="progress">
      <div className="h-2 w-full overflow-hidden rounded-full bg-slate-200" aria-hidden="true">
        <div className={closed ? "h-full bg-slate-500" : "h-full bg-green-600"} style={{ width: `${pct}%` }} />
      </div>
      <p className="text-xs text-slate-700">
        {decided} of {total} decided{overdue ? <span className="font-semibold text-amber-900"> · {overdue} overdue</span> : null}
        {closed ? " · closed" : ""}
      </p>
    </div>
  );
}
