import "server-only";
import { likeEscape } from "../audit/sql";
// The clock of a campaign (docs/reviews.md): when it reminds, escalates and ends, and when a recurring review runs
// next. Pure date arithmetic, so the scheduler, the pages and the tests agree.

export const DAY_MS = 86_400_000;
/** Reviewers see usage over this many days. */
export const REVIEWER_WINDOW_DAYS = 90;
/** The last reminder, and the escalation of what is still undecided, come this many days before the deadline. */
export const LAST_CALL_DAYS = 2;

export type ReminderKind = "start" | "halfway" | "two-days";

export interface CampaignTimes {
  startedAt: Date;
  halfwayAt: Date;
  /** Two days before the deadline; null when that is not after the halfway reminder (campaigns of 4 days or less). */
  lastCallAt: Date | null;
  /** Undecided items escalate to the fallback reviewers: at the last call, or halfway in a short campaign. */
  escalateAt: Date;
  deadlineAt: Date;
}

export function campaignTimes(startedAt: Date, durationDays: number): CampaignTimes {
  const deadlineAt = new Date(startedAt.getTime() + durationDays * DAY_MS);
  return timesBetween(startedAt, deadlineAt);
}

/** The same instants for a campaign whose start and deadline are known (a deadline may have been moved). */
export function timesBetween(startedAt: Date, deadlineAt: Date): CampaignTimes {
  const span = deadlineAt.getTime() - startedAt.getTime();
  const halfwayAt = new Date(startedAt.getTime() + Math.floor(span / 2));
  const twoDaysBefore = new Date(deadlineAt.getTime() - LAST_CALL_DAYS * DAY_MS);
  const lastCallAt = twoDaysBefore > halfwayAt ? twoDaysBefore : null;
  return { startedAt, halfwayAt, lastCallAt, escalateAt: lastCallAt ?? halfwayAt, deadlineAt };
}

/**
 * The reminder due now, if any: the latest of start, halfway and two-days whose time has come, before the deadline.
 * A scheduler that was down sends only the latest one it missed, not the whole series.
 */
export function dueReminder(times: CampaignTimes, now: Date): ReminderKind | null {
  if (now >= times.deadlineAt || now < times.startedAt) return null;
  if (times.lastCallAt && now >= times.lastCallAt) return "two-days";
  if (now >= times.halfwayAt) return "halfway";
  return "start";
}

/**
 * The first schedule instant after `now` of a review that runs every `recurrenceDays` from `scheduledFor`; null for a
 * review that runs once. Instants missed while no scheduler ran are skipped, not caught up one by one.
 */
export function nextStartAfter(scheduledFor: Date, recurrenceDays: number | null, now: Date): Date | null {
  if (recurrenceDays === null) return null;
  const step = recurrenceDays * DAY_MS;
  const missed = Math.max(0, Math.floor((now.getTime() - scheduledFor.getTime()) / step));
  return new Date(scheduledFor.getTime() + (missed + 1) * step);
}

/** A project-name glob (`team-*`, `*-prod`) as a LIKE pattern: `*` is any run of characters, nothing else is special. */
export function globToLike(glob: string): string {
  return likeEscape(glob).replaceAll("*", "%");
}
