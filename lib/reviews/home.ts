import "server-only";
import { can } from "../authz/permissions";
import type { Principal } from "../authz/principal";
import type { Queryable } from "../sql";
import type { ReviewConfig } from "./config";
import { campaignSummaries, definitions, type CampaignSummary, type DefinitionSummary } from "./progress";
import { DAY_MS } from "./timing";
import { unusedAccess, type UnusedOverview } from "./unused";

// What waits on the home page: for reviewers, their open items per campaign with the deadline and the latest
// reminder; for approvers, campaigns in progress, what the policy kept and escalated to them, unused access.

export interface ReviewerCampaign {
  id: string;
  number: number;
  name: string;
  deadlineAt: Date;
  /** Items this person may decide and has not. */
  open: number;
  /** Of those, escalated (overdue for their first reviewers). */
  overdue: number;
  /** Items that would be theirs but for separation of duties. */
  blocked: number;
  /** Of those, items of a group they lead and belong to that have not gone to the approvers yet (routeMembershipConflicts). */
  routeDue: number;
  reminder: { kind: string; at: Date } | null;
}

export async function reviewerHome(db: Queryable, principal: Principal): Promise<ReviewerCampaign[]> {
  const owner = can(principal, "review:decide");
  const fallback = can(principal, "review:decide-fallback");
  if (!owner && !fallback) return [];
  const audiences = [...(owner ? principal.groups.map((g) => `group:${g}`) : []), ...(fallback ? ["approvers"] : [])];
  const { rows } = await db.query<Omit<ReviewerCampaign, "reminder"> & { reminderKind: string | null; reminderAt: Date | null }>(
    `WITH mine AS (
       SELECT i."campaignId", i."escalatedAt",
         ($1 = ANY(i."excludedIds") OR (i."subjectType" = 'GROUP' AND i."subjectName" = ANY($2::text[]))) AS blocked,
         ($3 AND i."routedAt" IS NULL AND i."subjectType" = 'GROUP' AND i."reviewerGroup" = ANY($2::text[]) AND i."subjectName" = ANY($2::text[])) AS "routeDue"
       FROM "ReviewItem" i JOIN "ReviewCampaign" c ON c.id = i."campaignId"
       WHERE c."closedAt" IS NULL AND NOT EXISTS (SELECT 1 FROM "ReviewDecision" d WHERE d."itemId" = i.id)
         AND (($3 AND i."reviewerGroup" = ANY($2::text[])) OR ($4 AND (i."reviewerGroup" IS NULL OR i."routedAt" IS NOT NULL OR i."escalatedAt" IS NOT NULL)))
     )
     SELECT c.id, c.number, c.name, c."deadlineAt",
       count(*) FILTER (WHERE NOT m.blocked)::int AS open,
       count(*) FILTER (WHERE NOT m.blocked AND m."escalatedAt" IS NOT NULL)::int AS overdue,
       count(*) FILTER (WHERE m.blocked)::int AS blocked,
       count(*) FILTER (WHERE m."routeDue")::int AS "routeDue",
       r.kind AS "reminderKind", r."createdAt" AS "reminderAt"
     FROM mine m JOIN "ReviewCampaign" c ON c.id = m."campaignId"
     LEFT JOIN LATERAL (
       SELECT kind, "createdAt" FROM "ReviewReminder" WHERE "campaignId" = c.id AND audience = ANY($5::text[]) ORDER BY "createdAt" DESC LIMIT 1
     ) r ON true
     GROUP BY c.id, r.kind, r."createdAt" ORDER BY c."deadlineAt", c.number`,
    [principal.id, principal.groups, owner, fallback, audiences],
  );
  return rows.map(({ reminderKind, reminderAt, ...c }) => ({ ...c, reminder: reminderKind && reminderAt ? { kind: reminderKind, at: reminderAt } : null }));
}

export interface KeptByPolicy {
  itemId: string;
  grantId: string;
  projectName: string;
  subjectType: "GROUP" | "ROBOT";
  subjectName: string;
  harborRobotName: string | null;
  campaignId: string;
  campaignNumber: number;
  decidedAt: Date;
}

export interface ApproverReviews {
  campaigns: CampaignSummary[];
  keptByPolicy: KeptByPolicy[];
  unused: UnusedOverview;
  upcoming: DefinitionSummary[];
}

/**
 * The approvers' part: running campaigns, access the policy kept at a deadline in the last 90 days that is still
 * active and nobody has decided since, unused access, and the next scheduled starts.
 */
export async function approverReviews(db: Queryable, config: Pick<ReviewConfig, "auditLogging" | "unusedDays">, now = new Date()): Promise<ApproverReviews> {
  const [campaigns, kept, unused, defs] = await Promise.all([
    campaignSummaries(db, { open: true, limit: 5 }),
    db.query<KeptByPolicy>(
      `SELECT i.id AS "itemId", i."grantId", i."projectName", i."subjectType"::text AS "subjectType", i."subjectName", i."harborRobotName",
         c.id AS "campaignId", c.number AS "campaignNumber", d."decidedAt"
       FROM "ReviewDecision" d
       JOIN "ReviewItem" i ON i.id = d."itemId"
       JOIN "ReviewCampaign" c ON c.id = d."campaignId"
       JOIN "Grant" g ON g.id = i."grantId"
       WHERE d."byPolicy" AND d.kind = 'KEEP' AND g.state = 'ACTIVE' AND d."decidedAt" > $1
         AND NOT EXISTS (SELECT 1 FROM "ReviewItem" i2 JOIN "ReviewDecision" d2 ON d2."itemId" = i2.id WHERE i2."grantId" = i."grantId" AND d2."decidedAt" > d."decidedAt")
       ORDER BY d."decidedAt" DESC, i."projectName", i."subjectName" LIMIT 10`,
      [new Date(now.getTime() - 90 * DAY_MS)],
    ),
    unusedAccess(db, config, now),
    definitions(db),
  ]);
  return { campaigns, keptByPolicy: kept.rows, unused, upcoming: defs.filter((d) => d.nextStartAt !== null).slice(0, 3) };
}
