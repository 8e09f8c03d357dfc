"use client";

import { useState } from "react";
import { ageText } from "@/components/ui/age";
import type { DayStat } from "@/lib/governance/stats";

/**
 * The chart's numbers as a table, behind "Show as a table". Its rows are made when someone opens it: the approver's
 * home is the busiest page, and a month of rows on every visit doubled what the chart cost to render.
 */
export function DayTable({ days }: { days: DayStat[] }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="text-sm" data-testid="requests-chart-table" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer text-brand-700">Show as a table</summary>
      {open ? (
        // it scrolls: keyboard users reach it with Tab and scroll it with the arrow keys
        <div className="mt-2 max-h-64 overflow-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600" tabIndex={0} role="region" aria-label="Requests and decisions per day">
          <table className="w-full border-collapse text-left text-sm">
            <caption className="sr-only">Requests and decisions per day</caption>
            <thead>
              <tr className="border-b border-slate-200 text-xs uppercase text-slate-600">
                <th scope="col" className="px-2 py-1">Day (UTC)</th>
                <th scope="col" className="px-2 py-1">Requests</th>
                <th scope="col" className="px-2 py-1">Decided</th>
                <th scope="col" className="px-2 py-1">Median time to decision</th>
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.day} className="border-b border-slate-100">
                  <th scope="row" className="px-2 py-1 font-normal">{d.day}</th>
                  <td className="px-2 py-1">{d.requests}</td>
                  <td className="px-2 py-1">{d.decided}</td>
                  <td className="px-2 py-1">{d.medianDecisionMs === null ? "—" : ageText(d.medianDecisionMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </details>
  );
}
