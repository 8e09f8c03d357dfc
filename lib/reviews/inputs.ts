import "server-only";
import { z } from "zod";
import { emptyAsUnset } from "../core/settings";
import { endDate } from "../core/payloads";
import { ROLE_IDS, type RoleId } from "../core/roles";

// What people submit to access reviews (form fields or JSON), checked on the server. Defaults the form leaves out
// come from the configuration (lib/reviews/config.ts), so the policy's defaults hold for a hand-made call too.

export const REVIEW_SCOPES = ["ALL", "PATTERN", "PROJECT"] as const;
export const REVIEW_SUBJECTS = ["GROUPS", "ROBOTS", "BOTH"] as const;
export const REVIEW_REVIEWERS = ["OWNER_TEAM_LEADS", "APPROVERS"] as const;
export const REVIEW_OUTCOMES = ["REMOVE", "KEEP_AND_ESCALATE"] as const;
export const DECISION_KINDS = ["KEEP", "SHORTEN", "LOWER_ROLE", "REMOVE"] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyAsUnset, schema.optional());
const days = (label: string, max: number) =>
  z.coerce.number({ error: `${label} must be a number of days.` }).int(`${label} must be whole days.`).min(1, `${label} must be at least 1 day.`).max(max, `${label} must be at most ${max} days.`);
// glob characters of project names (Harbor's rules) plus the wildcard
const PATTERN = /^[a-z0-9._*-]+$/;

/** An instant without a zone is UTC, as everywhere in Berth. */
const instant = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : /(Z|[+-]\d{2}:?\d{2})$/.test(v) ? v : `${v}Z`);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: "custom", message: "Enter a valid date and time." });
      return z.NEVER;
    }
    return date;
  });

export const reviewDefinitionInput = z
  .object({
    name: z.string({ error: "Name the review." }).trim().min(3, "Name the review, in at least 3 characters.").max(120, "Keep the name under 120 characters."),
    scope: z.enum(REVIEW_SCOPES, { error: "Choose what the review covers." }),
    scopeValue: optional(z.string().trim().max(255, "At most 255 characters.")),
    subjects: optional(z.enum(REVIEW_SUBJECTS, { error: "Choose groups, robots or both." })),
    reviewers: optional(z.enum(REVIEW_REVIEWERS, { error: "Choose who reviews." })),
    durationDays: optional(days("Duration", 365)),
    recurrence: optional(z.enum(["every", "once"], { error: "Choose whether the review repeats." })),
    recurrenceDays: optional(days("Recurrence", 3650)),
    deadlineOutcome: optional(z.enum(REVIEW_OUTCOMES, { error: "Choose what happens to undecided items." })),
    start: optional(z.enum(["now", "at"], { error: "Choose when the review starts." })),
    startAt: optional(instant),
  })
  .superRefine((v, ctx) => {
    if (v.scope === "PROJECT" && !v.scopeValue) ctx.addIssue({ code: "custom", path: ["scopeValue"], message: "Choose the project." });
    if (v.scope === "PATTERN") {
      if (!v.scopeValue) ctx.addIssue({ code: "custom", path: ["scopeValue"], message: "Give a pattern such as team-*." });
      else if (!PATTERN.test(v.scopeValue)) ctx.addIssue({ code: "custom", path: ["scopeValue"], message: "A pattern has lower-case letters, digits, . _ - and * (any run of characters)." });
    }
    if (v.start === "at" && !v.startAt) ctx.addIssue({ code: "custom", path: ["startAt"], message: "Give the date and time of the first start." });
  });
export type ReviewDefinitionInput = z.infer<typeof reviewDefinitionInput>;

const roleId = z.coerce
  .number({ error: "Choose the lower role." })
  .refine((v): v is RoleId => (ROLE_IDS as number[]).includes(v), "Choose the lower role.")
  .transform((v) => v as RoleId);

export const decideItemsInput = z
  .object({
    itemIds: z.preprocess((v) => (typeof v === "string" ? [v] : v), z.array(z.uuid("Unknown review item."), { error: "Select the items to decide." }).min(1, "Select at least one item.").max(1000, "Decide at most 1000 items at once.")),
    decision: z.enum(DECISION_KINDS, { error: "Choose keep, shorten, lower the role or remove." }),
    reason: z.string({ error: "Say why." }).trim().min(5, "Say why, in at least 5 characters.").max(1000, "Keep the reason under 1000 characters."),
    newRoleId: optional(roleId),
    newEndsAt: optional(endDate),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "LOWER_ROLE" && v.newRoleId === undefined) ctx.addIssue({ code: "custom", path: ["newRoleId"], message: "Choose the lower role." });
    if (v.decision === "SHORTEN" && v.newEndsAt === undefined) ctx.addIssue({ code: "custom", path: ["newEndsAt"], message: "Give the new, earlier end date." });
    if (new Set(v.itemIds).size !== v.itemIds.length) ctx.addIssue({ code: "custom", path: ["itemIds"], message: "An item is selected twice." });
  });
export type DecideItemsInput = z.infer<typeof decideItemsInput>;
