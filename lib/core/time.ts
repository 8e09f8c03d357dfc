// What an end date picked as a day means: the end of that day in the zone of the person who picked it
// (docs/governance.md, "End dates").

/** Whether `zone` is an IANA time zone this runtime knows (e.g. "Europe/Berlin"). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** How far `zone`'s wall clock is ahead of UTC at `instant`, in milliseconds (Berlin in winter: +1 h). */
function offsetMs(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The last millisecond of `day` (YYYY-MM-DD) on the wall clock of `zone`. */
export function endOfDayIn(day: string, zone: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, 23, 59, 59, 999);
  // the offset at the wall time's own instant; read again there, since a DST change can fall on that day
  const first = wall - offsetMs(wall, zone);
  return new Date(wall - offsetMs(first, zone));
}
