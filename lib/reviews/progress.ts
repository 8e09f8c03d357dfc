import "server-only";
import type { Queryable } from "../sql";

// How far campaigns have come: done/total, what is overdue (escalated and still undecided), per campaign, per
// reviewer (an owner group's team leads, or the approvers as fallback) and per person who decided.

export interface CampaignSummary {
  id: string;
  number: number;
  name: string;
  definitionId: string;
  scope: string;
  scopeValue: string | null;
  subjects: string;
  reviewers: string;
  deadlineOutcome: string;
  startedAt: Date;
  startedByName: string;
  escalateAt: Date;
  deadlineAt: Date;
  closedAt: Date | null;
  total: number;
  decided: number;
  byPolicy: number;
  removed: number;
  overdue: number;
  routed: number;
}

const SUMMARY = `
  SELECT c.id, c.number, c.name, c."definitionId", c.scope::text AS scope, c."scopeValue", c.subjects::text AS subjects, c.reviewers::text AS reviewers,
    c."deadlineOutcome"::text AS "deadlineOutcome", c."startedAt", c."startedByName", c."escalateAt", c."deadlineAt", c."closedAt",
    count(i.id)::int AS total, count(d."itemId")::int AS decided,
    count(*) FILTER (WHERE d."byPolicy")::int AS "byPolicy",
    count(*) FILTER (WHERE d.kind = 'REMOVE')::int AS removed,
    count(*) FILTER (WHERE i.id IS NOT NULL AND d."itemId" IS NULL AND i."escalatedAt" IS NOT NULL)::int AS overdue,
    count(i."routedAt")::int AS routed
  FROM "ReviewCampaign" c
  LEFT JOIN "ReviewItem" i ON i."campaignId" = c.id
  LEFT JOIN "ReviewDecision" d ON d."itemId" = i.id`;

/** Campaigns, running ones first, then the most recent. */
export async function campaignSummaries(db: Queryable, options: { open?: boolean; limit?: number } = {}): Promise<CampaignSummary[]> {
  const { rows } = await db.query<CampaignSummary>(
    `${SUMMARY} ${options.open === undefined ? "" : options.open ? `WHERE c."closedAt" IS NULL` : `WHERE c."closedAt" IS NOT NULL`}
     GROUP BY c.id ORDER BY (c."closedAt" IS NULL) DESC, c."startedAt" DESC LIMIT $1`,
    [options.limit ?? 50],
  );
  return rows;
}

export async function campaignSummary(db: Queryable, id: string): Promise<CampaignSummary | null> {
  const { rows } = await db.query<CampaignSummary>(`${SUMMARY} WHERE c.id = $1::uuid GROUP BY c.id`, [id]);
  return rows[0] ?? null;
}

export interface ReviewerProgress {
  /** "group:<owner group>" for its team leads, "approvers" for the fallback reviewers. */
  reviewer: string;
  total: number;
  decided: number;
  overdue: number;
}

export interface DeciderCount {
  name: string;
  byPolicy: boolean;
  decided: number;
}

/** Progress per reviewer: an item routed to the approvers counts for them; every other for its owner group's leads. */
export async function reviewerProgress(db: Queryable, campaignId: string): Promise<{ reviewers: ReviewerProgress[]; deciders: DeciderCount[] }> {
  const [reviewers, deciders] = await Promise.all([
    db.query<ReviewerProgress>(
      `SELECT CASE WHEN i."reviewerGroup" IS NULL OR i."routedAt" IS NOT NULL THEN 'approvers' ELSE 'group:' || i."reviewerGroup" END AS reviewer,
         count(*)::int AS total, count(d."itemId")::int AS decided, count(*) FILTER (WHERE d."itemId" IS NULL AND i."escalatedAt" IS NOT NULL)::int AS overdue
       FROM "ReviewItem" i LEFT JOIN "ReviewDecision" d ON d."itemId" = i.id
       WHERE i."campaignId" = $1::uuid GROUP BY 1 ORDER BY (count(*) - count(d."itemId")) DESC, 1`,
      [campaignId],
    ),
    db.query<DeciderCount>(
      `SELECT coalesce(d."deciderName", 'policy') AS name, d."byPolicy", count(*)::int AS decided
       FROM "ReviewDecision" d WHERE d."campaignId" = $1::uuid GROUP BY 1, 2 ORDER BY 3 DESC, 1`,
      [campaignId],
    ),
  ]);
  return { reviewers: reviewers.rows, deciders: deciders.rows };
}

export interface DefinitionSummary {
  id: string;
  name: string;
  scope: string;
  scopeValue: string | null;
  subjects: string;
  reviewers: string;
  durationDays: number;
  recurrenceDays: number | null;
  deadlineOutcome: string;
  nextStartAt: Date | null;
  createdByName: string;
  running: number | null;
}

/** Defined reviews with their next start and the number of the campaign running now, if any. */
export async function definitions(db: Queryable): Promise<DefinitionSummary[]> {
  const { rows } = await db.query<DefinitionSummary>(
    `SELECT r.id, r.name, r.scope::text AS scope, r."scopeValue", r.subjects::text AS subjects, r.reviewers::text AS reviewers, r."durationDays", r."recurrenceDays",
       r."deadlineOutcome"::text AS "deadlineOutcome", r."nextStartAt", r."createdByName",
       (SELECT c.number FROM "ReviewCampaign" c WHERE c."definitionId" = r.id AND c."closedAt" IS NULL ORDER BY c."startedAt" DESC LIMIT 1) AS running
     FROM "ReviewDefinition" r ORDER BY r."nextStartAt" NULLS LAST, r."createdAt" DESC LIMIT 100`,
  );
  return rows;
}
