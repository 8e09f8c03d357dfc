"use client";

import { useSyncExternalStore } from "react";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86400_000],
  ["month", 30 * 86400_000],
  ["week", 7 * 86400_000],
  ["day", 86400_000],
  ["hour", 3600_000],
  ["minute", 60_000],
];

export function relativeText(date: Date, now: number): string {
  const diff = date.getTime() - now;
  const abs = Math.abs(diff);
  const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  for (const [unit, ms] of UNITS) if (abs >= ms) return rtf.format(Math.round(diff / ms), unit);
  return abs < 45_000 ? "just now" : rtf.format(Math.round(diff / 1000), "second");
}

// One shared clock ticking every 30 s; the server renders without one (absolute UTC), the browser with it.
const TICK = 30_000;
function subscribeClock(onTick: () => void) {
  const timer = setInterval(onTick, TICK);
  return () => clearInterval(timer);
}
const clockNow = () => Math.floor(Date.now() / TICK) * TICK;

function utc(date: Date) {
  return `${date.toISOString().replace("T", " ").slice(0, 19)} UTC`;
}

// An end date picked as a day ends at 23:59:59.999 on the picker's clock: shown as that day, as it was picked.
const isEndOfDay = (d: Date) => d.getHours() === 23 && d.getMinutes() === 59 && d.getSeconds() === 59 && d.getMilliseconds() === 999;

function localText(date: Date) {
  if (isEndOfDay(date)) return `${date.toLocaleDateString(undefined, { dateStyle: "medium" })}, end of day`;
  return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** "in 3 days" / "2 h ago", with the viewer's local time and UTC on hover (docs/ui.md, "Times"). */
export function RelativeTime({ value, mode = "relative" }: { value: string | Date | null | undefined; mode?: "relative" | "absolute" }) {
  const now = useSyncExternalStore(subscribeClock, clockNow, () => null);
  if (!value) return <span className="text-slate-500">—</span>;
  const date = typeof value === "string" ? new Date(value) : value;
  const local = now === null ? utc(date) : localText(date);
  const text = mode === "absolute" || now === null ? local : relativeText(date, now);
  return (
    <time dateTime={date.toISOString()} title={`${local} (your time) · ${utc(date)}`} className="whitespace-nowrap">
      {text}
    </time>
  );
}
