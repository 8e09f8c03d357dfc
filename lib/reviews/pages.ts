import "server-only";
import { cache } from "react";
import { z } from "zod";
import type { AuditContext } from "../audit/types";
import { can } from "../authz/permissions";
import type { Principal } from "../authz/principal";
import { database } from "../db";
import { reads } from "../sql";
import { env } from "../env";
import { reviewConfigFromEnv } from "./config";
import { approverReviews, reviewerHome, type ApproverReviews, type ReviewerCampaign } from "./home";
import { reviewerInbox, routeMembershipConflicts, type InboxFilters } from "./queries";
import { campaignSummaries, campaignSummary, definitions, reviewerProgress, type CampaignSummary, type DefinitionSummary } from "./progress";
import { reportRows } from "./report";
import { toItemView, type ReviewItemView } from "./views";

// The data of each review page, read here so the pages only render (docs/reviews.md "Pages").

export interface ReviewsPage {
  items: ReviewItemView[];
  nextCursor: string | null;
  /** Campaigns with items for this person (the campaign filter's choices). */
  mine: ReviewerCampaign[];
  /** For approvers: campaigns and defined reviews. */
  campaigns: CampaignSummary[] | null;
  definitions: DefinitionSummary[] | null;
  /** Items just sent to the approvers because this person belongs to the group under review. */
  routedNow: number;
}

/**
 * A reviewer's open items per campaign, read once per request: the navigation's badge (layout) and the home or
 * reviews page both show them. Routing separation-of-duties conflicts first or after gives the same figures for this
 * person (an item on a group they belong to counts as blocked either way), so the order of the two callers is free.
 */
export const reviewerCampaigns = cache((principal: Principal): Promise<ReviewerCampaign[]> => reviewerHome(reads(), principal));

/**
 * Separation of duties discovered on the way (routeMembershipConflicts), for the pages that show a reviewer their
 * items: the reviewer's campaigns, read once per request anyway, say whether anything waits to be routed, so the usual
 * visit spends no statement on it.
 */
async function routeWhenDue(principal: Principal, audit: AuditContext): Promise<number> {
  const due = (await reviewerCampaigns(principal)).some((c) => c.routeDue > 0);
  return due ? routeMembershipConflicts(database().prisma, principal, audit, new Date()) : 0;
}

/** The navigation badge: items waiting for this person's decision; undefined for someone who reviews nothing. */
export async function reviewsWaiting(principal: Principal): Promise<number | undefined> {
  if (!can(principal, "review:decide") && !can(principal, "review:decide-fallback")) return undefined;
  return (await reviewerCampaigns(principal)).reduce((n, c) => n + c.open, 0);
}

export async function reviewsPage(principal: Principal, filters: InboxFilters, audit: AuditContext): Promise<ReviewsPage> {
  const { pool } = database();
  const config = reviewConfigFromEnv(env());
  const reviewer = can(principal, "review:decide") || can(principal, "review:decide-fallback");
  const routedNow = reviewer ? await routeWhenDue(principal, audit) : 0;
  const approver = can(principal, "review:define");
  const [inbox, mine, campaigns, defs] = await Promise.all([
    reviewer ? reviewerInbox(pool, principal, filters, config) : Promise.resolve({ items: [], nextCursor: null }),
    reviewer ? reviewerCampaigns(principal) : Promise.resolve([]),
    approver ? campaignSummaries(pool, { limit: 20 }) : Promise.resolve(null),
    approver ? definitions(pool) : Promise.resolve(null),
  ]);
  return { items: inbox.items.map(toItemView), nextCursor: inbox.nextCursor, mine, campaigns, definitions: defs, routedNow };
}

export interface HomeReviews {
  reviewer: ReviewerCampaign[] | null;
  approver: ApproverReviews | null;
}

/** What waits on the home page: a reviewer's open items per campaign; an approver's campaigns, escalations, unused access. */
export async function homeReviews(principal: Principal, audit: AuditContext): Promise<HomeReviews> {
  const reviewer = can(principal, "review:decide") || can(principal, "review:decide-fallback");
  const [, mine, approver] = await Promise.all([
    reviewer ? routeWhenDue(principal, audit) : 0,
    reviewer ? reviewerCampaigns(principal) : Promise.resolve(null),
    // every visit to home: named statements, planned once per connection
    can(principal, "review:define") ? approverReviews(reads(), reviewConfigFromEnv(env())) : Promise.resolve(null),
  ]);
  return { reviewer: mine, approver };
}

/** A campaign's progress page: null for an unknown id. */
export async function campaignPage(id: string) {
  if (!z.uuid().safeParse(id).success) return null;
  const pool = database().pool;
  const campaign = await campaignSummary(pool, id);
  if (!campaign) return null;
  return { campaign, ...(await reviewerProgress(pool, id)) };
}

/** The report page: the campaign, its progress and one row per item. */
export async function reportPage(id: string) {
  if (!z.uuid().safeParse(id).success) return null;
  const pool = database().pool;
  const campaign = await campaignSummary(pool, id);
  if (!campaign) return null;
  const [rows, progress, head] = await Promise.all([
    reportRows(pool, id),
    reviewerProgress(pool, id),
    pool.query<{ seq: string; hash: string }>(`SELECT seq::text AS seq, hash FROM "AuditHead" WHERE id = 1`),
  ]);
  return { campaign, rows, deciders: progress.deciders, chainHead: head.rows[0] ?? null, generatedAt: new Date() };
}

/** The review form's choices and the configured defaults. */
export async function reviewFormData() {
  const config = reviewConfigFromEnv(env());
  const projects = await database().prisma.project.findMany({ where: { state: "ACTIVE" }, orderBy: { name: "asc" }, select: { name: true } });
  return { projects: projects.map((p) => p.name), defaults: { durationDays: config.durationDays, recurrenceDays: config.recurrenceDays, deadlineOutcome: config.deadlineOutcome } };
}

/** Every campaign, for the auditor's list of reports. */
export function auditReviews() {
  return campaignSummaries(database().pool, { limit: 200 });
}

export async function campaignExists(id: string): Promise<boolean> {
  if (!z.uuid().safeParse(id).success) return false;
  return (await database().prisma.reviewCampaign.count({ where: { id } })) === 1;
}
