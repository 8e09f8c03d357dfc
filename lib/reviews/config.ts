import "server-only";
import type { Env } from "../env";
import type { AuditLogging } from "../harbor/usage";
import { REVIEWER_WINDOW_DAYS } from "./timing";

/** Access reviews' settings (docs/reviews.md): the review form's defaults and the background usage check. */
export interface ReviewConfig {
  durationDays: number;
  recurrenceDays: number;
  deadlineOutcome: "REMOVE" | "KEEP_AND_ESCALATE";
  /** Robots and group grants with no pull or push for this many days are marked unused. */
  unusedDays: number;
  /** How often each managed project's audit log is read; 0 turns the usage check off. */
  usageCheckSeconds: number;
  /** What this Harbor logs, as whoever runs Berth states it (Berth cannot read it). */
  auditLogging: AuditLogging;
  /** The window read from Harbor: the 90 days reviewers see, or the unused threshold when that is longer. */
  usageWindowDays: number;
  /** End-to-end tests may move a deadline (lib/env.ts allows it on the demo stack only). */
  e2eControls: boolean;
}

export function reviewConfigFromEnv(env: Env): ReviewConfig {
  return {
    durationDays: env.BERTH_REVIEW_DURATION_DAYS,
    recurrenceDays: env.BERTH_REVIEW_RECURRENCE_DAYS,
    deadlineOutcome: env.BERTH_REVIEW_DEADLINE_OUTCOME === "remove" ? "REMOVE" : "KEEP_AND_ESCALATE",
    unusedDays: env.BERTH_UNUSED_DAYS,
    usageCheckSeconds: env.BERTH_USAGE_CHECK_SECONDS,
    auditLogging: env.BERTH_HARBOR_AUDIT_LOGGING,
    usageWindowDays: Math.max(REVIEWER_WINDOW_DAYS, env.BERTH_UNUSED_DAYS),
    e2eControls: env.BERTH_E2E_CONTROLS === "on",
  };
}
