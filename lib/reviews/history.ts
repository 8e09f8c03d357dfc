import "server-only";
import type { Queryable } from "../sql";

// Review decisions on grants, for the auditor's access timeline and grant record: when, what, by whom, why.

export interface GrantReview {
  grantId: string;
  campaignId: string;
  campaignNumber: number;
  at: Date;
  decision: "KEEP" | "SHORTEN" | "LOWER_ROLE" | "REMOVE";
  by: string;
  byPolicy: boolean;
  reason: string;
  usageNote: string | null;
}

export async function reviewsOfGrants(db: Queryable, grantIds: string[]): Promise<Map<string, GrantReview[]>> {
  const out = new Map<string, GrantReview[]>();
  if (grantIds.length === 0) return out;
  const { rows } = await db.query<GrantReview>(
    `SELECT i."grantId", c.id AS "campaignId", c.number AS "campaignNumber", d."decidedAt" AS at, d.kind::text AS decision,
       coalesce(d."deciderName", 'policy') AS by, d."byPolicy", d.reason, d.evidence -> 'usage' ->> 'note' AS "usageNote"
     FROM "ReviewDecision" d JOIN "ReviewItem" i ON i.id = d."itemId" JOIN "ReviewCampaign" c ON c.id = d."campaignId"
     WHERE i."grantId" = ANY($1::uuid[]) ORDER BY d."decidedAt", c.number`,
    [grantIds],
  );
  for (const r of rows) out.set(r.grantId, [...(out.get(r.grantId) ?? []), r]);
  return out;
}
