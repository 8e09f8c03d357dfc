// Layout of the access timeline (docs/ui.md): one row per group or robot, one bar per grant, positions in percent of
// the visible time range so the component itself stays free of date arithmetic.

const DAY = 86_400_000;
const MIN_SPAN = 14 * DAY;
const MIN_BAR_PCT = 0.8;

export interface TimelineGrant {
  id: string;
  subjectType: "GROUP" | "ROBOT";
  /** The row's key within its type: the group's name, the robot's short name. */
  subjectName: string;
  /** What the row shows (a robot's full Harbor name). */
  label: string;
  state: string;
  roleLabel: string;
  startsAt: string | null;
  endsAt: string | null;
  endedAt: string | null;
  endReason: string | null;
  request: { id: string; number: number; requesterName: string };
  approvers: string[];
  /** Access review decisions on this grant (the auditor's view draws them on the bar). */
  reviews?: TimelineReview[];
}

export interface TimelineReview {
  at: string;
  /** In words: "kept", "removed"… */
  decision: string;
  by: string;
  reason: string;
  campaignNumber: number;
}

export interface TimelineBar extends TimelineGrant {
  leftPct: number;
  widthPct: number;
  /** Active with no end date: the bar runs off the right edge. */
  openEnded: boolean;
  /** Where each review decision falls on the row, in percent (as `leftPct`). */
  reviewPcts: number[];
}

export interface TimelineRow {
  key: string;
  subjectType: "GROUP" | "ROBOT";
  label: string;
  bars: TimelineBar[];
}

export interface TimelineTick {
  at: string;
  pct: number;
  label: string;
}

export interface TimelineLayout {
  from: string;
  to: string;
  nowPct: number;
  rows: TimelineRow[];
  ticks: TimelineTick[];
  /** Grants that never started (pending, failed before provisioning): nothing to draw. */
  notStarted: TimelineGrant[];
}

const ms = (iso: string | null) => (iso ? new Date(iso).getTime() : null);

/** When the grant stopped giving access, or null while it still does (and has no end date). */
function endOf(grant: TimelineGrant, start: number): number | null {
  if (grant.state === "ACTIVE") return ms(grant.endsAt);
  return ms(grant.endedAt) ?? ms(grant.endsAt) ?? start;
}

export function layoutTimeline(grants: readonly TimelineGrant[], nowIso: string): TimelineLayout {
  const now = new Date(nowIso).getTime();
  const started = grants.filter((g) => g.startsAt);
  const notStarted = grants.filter((g) => !g.startsAt);
  const spans = started.map((g) => {
    const start = ms(g.startsAt)!;
    return { grant: g, start, end: endOf(g, start) };
  });

  let from = Math.min(now, ...spans.map((s) => s.start));
  let to = Math.max(now, ...spans.map((s) => s.end ?? now));
  if (to - from < MIN_SPAN) from = to - MIN_SPAN;
  // room on the right for "now" and open-ended bars, a little on the left so the first bar is not glued to the edge
  const pad = (to - from) * 0.04;
  from -= pad;
  to = Math.max(to + pad, now + (to - from) * 0.08);
  const pct = (t: number) => ((t - from) / (to - from)) * 100;

  const rows = new Map<string, TimelineRow>();
  for (const { grant, start, end } of spans) {
    const key = `${grant.subjectType}:${grant.subjectName}`;
    const row = rows.get(key) ?? { key, subjectType: grant.subjectType, label: grant.label, bars: [] };
    const leftPct = pct(start);
    const rightPct = end === null ? 100 : pct(end);
    const reviewPcts = (grant.reviews ?? []).map((r) => Math.min(100, Math.max(0, pct(new Date(r.at).getTime()))));
    row.bars.push({ ...grant, leftPct, widthPct: Math.max(rightPct - leftPct, MIN_BAR_PCT), openEnded: end === null, reviewPcts });
    rows.set(key, row);
  }
  const sorted = [...rows.values()].sort((a, b) => (a.subjectType === b.subjectType ? a.label.localeCompare(b.label) : a.subjectType === "GROUP" ? -1 : 1));
  for (const row of sorted) row.bars.sort((a, b) => a.leftPct - b.leftPct);

  return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), nowPct: pct(now), rows: sorted, ticks: ticks(from, to), notStarted };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Axis marks in UTC, so the server's and the browser's rendering agree: weeks, months or years by span. */
export function ticks(from: number, to: number, maxTicks = 8): TimelineTick[] {
  const span = to - from;
  const out: number[] = [];
  if (span <= 60 * DAY) {
    const first = new Date(from);
    first.setUTCHours(0, 0, 0, 0);
    while (first.getUTCDay() !== 1 || first.getTime() < from) first.setUTCDate(first.getUTCDate() + 1);
    const step = Math.max(1, Math.ceil(span / (7 * DAY) / maxTicks)) * 7 * DAY;
    for (let t = first.getTime(); t <= to; t += step) if (t >= from) out.push(t);
    return out.map((t) => {
      const d = new Date(t);
      return { at: d.toISOString(), pct: ((t - from) / span) * 100, label: `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}` };
    });
  }
  const months = span <= 3 * 365 * DAY;
  const start = new Date(from);
  let y = start.getUTCFullYear();
  let m = months ? start.getUTCMonth() + 1 : 0;
  if (!months) y += 1;
  const count = months ? Math.ceil(span / (30 * DAY)) : Math.ceil(span / (365 * DAY));
  const every = Math.max(1, Math.ceil(count / maxTicks));
  for (;;) {
    const t = Date.UTC(y, m, 1);
    if (t > to) break;
    if (t >= from) out.push(t);
    if (months) {
      m += every;
      y += Math.floor(m / 12);
      m %= 12;
    } else y += every;
  }
  return out.map((t, i) => {
    const d = new Date(t);
    // the year on the first mark and at each January, so the axis reads without guessing
    const label = !months ? String(d.getUTCFullYear()) : i === 0 || d.getUTCMonth() === 0 ? `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}` : MONTHS[d.getUTCMonth()]!;
    return { at: d.toISOString(), pct: ((t - from) / span) * 100, label };
  });
}
