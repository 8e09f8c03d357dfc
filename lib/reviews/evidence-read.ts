import "server-only";
import type { DriftFinding } from "../core/drift";
import { findingsFor, suggest, usageEvidence, type Figures, type Suggestion, type UsageEvidence, type UsageRead } from "./evidence";
import type { ReviewConfig } from "./config";

// The stored evidence of an item, as SQL selects it next to the item (one join, no Harbor call): the usage check's
// columns and the figures of this subject, and the drift check's findings of the project.

/** Select list of the evidence columns; needs `i` (ReviewItem), `u` (UsageCheck) and `dc` (DriftCheck) joined by project. */
export const EVIDENCE_COLUMNS = `u.status AS "usageStatus", u.reason AS "usageReason", u."attemptedAt" AS "usageAttemptedAt", u."checkedAt" AS "usageCheckedAt",
  u."windowFrom" AS "usageFrom", u."windowTo" AS "usageTo", coalesce(u."pullsLogged", true) AS "pullsLogged",
  CASE WHEN i."subjectType" = 'ROBOT' THEN u.robots -> coalesce(i."harborRobotName", 'robot$' || i."projectName" || '+' || i."subjectName") ELSE u.users END AS figures,
  coalesce(dc.findings, '[]'::jsonb) AS drift`;

export const EVIDENCE_JOINS = `LEFT JOIN "UsageCheck" u ON u."projectId" = i."projectId" LEFT JOIN "DriftCheck" dc ON dc."projectId" = i."projectId"`;

export interface EvidenceColumns {
  usageStatus: string | null;
  usageReason: string | null;
  usageAttemptedAt: Date | null;
  usageCheckedAt: Date | null;
  usageFrom: Date | null;
  usageTo: Date | null;
  pullsLogged: boolean;
  figures: (Figures & { people?: number }) | null;
  drift: DriftFinding[];
}

export interface ItemSubject {
  grantId: string;
  subjectType: "GROUP" | "ROBOT";
  subjectName: string;
  harborRobotName: string | null;
  grantStartsAt: Date | null;
}

export interface ItemEvidence {
  usage: UsageEvidence;
  drift: DriftFinding[];
  suggestion: Suggestion | null;
}

export function usageReadOf(c: EvidenceColumns): UsageRead | null {
  if (c.usageStatus === null && c.usageCheckedAt === null) return null;
  return { status: c.usageStatus, reason: c.usageReason, attemptedAt: c.usageAttemptedAt, checkedAt: c.usageCheckedAt, windowFrom: c.usageFrom, windowTo: c.usageTo, pullsLogged: c.pullsLogged, figures: c.figures };
}

/** An item's evidence and suggestion from its stored columns. */
export function itemEvidence(item: ItemSubject & EvidenceColumns, config: Pick<ReviewConfig, "auditLogging" | "unusedDays">, now: Date): ItemEvidence {
  const subject = { subjectType: item.subjectType, subjectName: item.subjectName, grantStartsAt: item.grantStartsAt };
  const usage = usageEvidence(usageReadOf(item), subject, { now, logging: config.auditLogging, unusedDays: config.unusedDays });
  const drift = findingsFor(item.drift ?? [], item);
  return { usage, drift, suggestion: suggest(usage, drift, subject, { now, unusedDays: config.unusedDays }) };
}
