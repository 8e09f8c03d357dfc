const pad = (n: number) => String(n).padStart(2, "0");

/** "2026-03-14 09:00:05 UTC" */
export function utcText(date: Date): string {
  return `${date.toISOString().replace("T", " ").slice(0, 19)} UTC`;
}

/** A `datetime-local` value (seconds precision) for an instant, in the zone of whoever runs this. */
export function toLocalInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** The same field's value for UTC (what the server renders before the browser's zone is known). */
export function toUtcInput(date: Date): string {
  return date.toISOString().slice(0, 19);
}

/** A `datetime-local` value read in the zone of whoever runs this, as an ISO UTC instant; null when incomplete. */
export function localInputToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
