import "server-only";
import type pg from "pg";
import { exportQuery, type ExportColumn, type ExportFormat, type ExportOptions } from "../audit/export";
import { roleNameSql } from "../audit/roles";
import { isoUtc } from "../audit/sql";
import type { Queryable } from "../sql";

// The campaign report an auditor signs off: per item, what was reviewed (the grant as it was at the start, its
// request and approvers), who reviewed it (or the policy), when, with which reason and evidence, and what Harbor
// confirmed. One list of columns serves the page and the CSV / JSON Lines export (docs/reviews.md "The report").

/** The finishing step of each decision's job (Harbor's request id), computed once for the campaign ahead of the rows. */
const WITH_STEPS = `WITH st AS MATERIALIZED (
  SELECT DISTINCT ON (s."jobId") s."jobId", s."harborRequestId"
  FROM "ProvisioningStep" s
  WHERE s."jobId" IN (SELECT "jobId" FROM "ReviewDecision" WHERE "campaignId" = $1::uuid AND "jobId" IS NOT NULL) AND s.state = 'SUCCEEDED'
  ORDER BY s."jobId", s.ordinal DESC
)
`;

const FROM = `FROM "ReviewItem" i
  JOIN "ReviewCampaign" c ON c.id = i."campaignId"
  JOIN "Grant" g ON g.id = i."grantId"
  LEFT JOIN "ReviewDecision" d ON d."itemId" = i.id
  LEFT JOIN "ProvisioningJob" j ON j.id = d."jobId"
  LEFT JOIN "Request" cr ON cr.id = d."requestId"
  LEFT JOIN st ON st."jobId" = d."jobId"`;

export const REPORT_COLUMNS: ExportColumn[] = [
  { name: "campaignNumber", sql: "c.number", safe: true, raw: true },
  { name: "itemId", sql: "i.id::text", safe: true },
  { name: "projectName", sql: `i."projectName"` },
  { name: "subjectType", sql: `i."subjectType"::text`, safe: true },
  { name: "subjectName", sql: `i."subjectName"` },
  { name: "harborRobotName", sql: `i."harborRobotName"` },
  { name: "roleName", sql: roleNameSql(`i."roleId"`), safe: true },
  { name: "permissions", sql: "i.permissions", raw: true },
  { name: "grantId", sql: `i."grantId"::text`, safe: true },
  { name: "grantStartsAt", sql: isoUtc(`i."grantStartsAt"`), safe: true },
  { name: "grantEndsAt", sql: isoUtc(`i."grantEndsAt"`), safe: true },
  { name: "requestNumber", sql: `i."requestNumber"`, safe: true, raw: true },
  { name: "requesterName", sql: `i."requesterName"` },
  { name: "approvers", sql: "i.approvers", safe: true, raw: true },
  { name: "reviewers", sql: `CASE WHEN i."reviewerGroup" IS NULL OR i."routedAt" IS NOT NULL THEN 'approvers' ELSE 'team leads of ' || i."reviewerGroup" END` },
  { name: "routedReason", sql: `i."routedReason"` },
  { name: "escalatedAt", sql: isoUtc(`i."escalatedAt"`), safe: true },
  { name: "decision", sql: "d.kind::text", safe: true },
  { name: "decidedBy", sql: `CASE WHEN d."byPolicy" THEN 'policy' ELSE d."deciderName" END` },
  { name: "deciderId", sql: `d."deciderId"` },
  { name: "decidedAt", sql: isoUtc(`d."decidedAt"`), safe: true },
  { name: "reason", sql: "d.reason" },
  { name: "newRoleName", sql: roleNameSql(`d."newRoleId"`), safe: true },
  { name: "newEndsAt", sql: isoUtc(`d."newEndsAt"`), safe: true },
  { name: "evidence", sql: "d.evidence", raw: true },
  { name: "changeRequestNumber", sql: "cr.number", safe: true, raw: true },
  { name: "jobId", sql: "j.id::text", safe: true },
  { name: "jobKind", sql: "j.kind::text", safe: true },
  { name: "jobState", sql: "j.state::text", safe: true },
  { name: "harborConfirmedAt", sql: `CASE WHEN j.state = 'SUCCEEDED' THEN ${isoUtc(`j."finishedAt"`)} END`, safe: true },
  { name: "harborRequestId", sql: `st."harborRequestId"` },
  { name: "grantState", sql: "g.state::text", safe: true },
  { name: "grantEndedAt", sql: isoUtc(`g."endedAt"`), safe: true },
];

const ORDER = [
  { expr: `i."projectName"`, dir: "ASC" as const },
  { expr: `i."subjectType"`, dir: "ASC" as const },
  { expr: `i."subjectName"`, dir: "ASC" as const },
  { expr: "i.id", dir: "ASC" as const },
];

export interface ReportEvidence {
  usage?: { verdict?: string; note?: string; readAt?: string | null };
  drift?: unknown[];
  suggestion?: { action: string; text: string } | null;
}

/** One row of the report, as the page shows it (times as ISO UTC text, as in the export). */
export interface ReportRow {
  campaignNumber: number;
  itemId: string;
  projectName: string;
  subjectType: "GROUP" | "ROBOT";
  subjectName: string;
  harborRobotName: string | null;
  roleName: string | null;
  permissions: { resource: string; action: string }[] | null;
  grantId: string;
  grantStartsAt: string | null;
  grantEndsAt: string | null;
  requestNumber: number;
  requesterName: string;
  approvers: { id: string; name: string }[];
  reviewers: string;
  routedReason: string | null;
  escalatedAt: string | null;
  decision: "KEEP" | "SHORTEN" | "LOWER_ROLE" | "REMOVE" | null;
  decidedBy: string | null;
  deciderId: string | null;
  decidedAt: string | null;
  reason: string | null;
  newRoleName: string | null;
  newEndsAt: string | null;
  evidence: ReportEvidence | null;
  changeRequestNumber: number | null;
  jobId: string | null;
  jobKind: string | null;
  jobState: string | null;
  harborConfirmedAt: string | null;
  harborRequestId: string | null;
  grantState: string;
  grantEndedAt: string | null;
}

/** The report's rows for the page: the export's columns, read as one statement. */
export async function reportRows(db: Queryable, campaignId: string): Promise<ReportRow[]> {
  const { rows } = await db.query<ReportRow>(
    `${WITH_STEPS}SELECT ${REPORT_COLUMNS.map((c) => `${c.sql} AS "${c.name}"`).join(", ")}
     ${FROM} WHERE i."campaignId" = $1::uuid ORDER BY ${ORDER.map((o) => `${o.expr} ${o.dir}`).join(", ")}`,
    [campaignId],
  );
  return rows;
}

/** The report as CSV or JSON Lines, with the audit chain head at export time in the first line. */
export function exportReport(pool: pg.Pool, campaign: { id: string; number: number }, format: ExportFormat, options: ExportOptions): AsyncIterable<string> {
  return exportQuery(
    pool,
    {
      kind: "review",
      rowType: "review-item",
      filters: { campaign: String(campaign.number) },
      columns: REPORT_COLUMNS,
      from: FROM,
      where: [`i."campaignId" = $1::uuid`],
      values: [campaign.id],
      orderBy: ORDER,
      withClause: WITH_STEPS,
      splitFrom: `FROM "ReviewItem" i`,
    },
    format,
    options,
  );
}
