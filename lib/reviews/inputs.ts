import "server-only";
import { z } from "zod";
import { endDateText, endInstant, roleIdField, timeZone } from "../core/payloads";
import { emptyAsUnset } from "../core/settings";
import { plainText, wholeNumber } from "../core/validation";

// What people submit to access reviews (form fields or JSON), checked on the server. Defaults the form leaves out
// come from the configuration (lib/reviews/config.ts), so the policy's defaults hold for a hand-made call too.

export const REVIEW_SCOPES = ["ALL", "PATTERN", "PROJECT"] as const;
export const REVIEW_SUBJECTS = ["GROUPS", "ROBOTS", "BOTH"] as const;
export const REVIEW_REVIEWERS = ["OWNER_TEAM_LEADS", "APPROVERS"] as const;
export const REVIEW_OUTCOMES = ["REMOVE", "KEEP_AND_ESCALATE"] as const;
export const DECISION_KINDS = ["KEEP", "SHORTEN", "LOWER_ROLE", "REMOVE"] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyAsUnset, schema.optional());
const days = (label: string, max: number) => wholeNumber(label, 1, max);
// glob characters of project names (Harbor's rules) plus the wildcard
const PATTERN = /^[a-z0-9._*-]+$/;

/** An instant without a zone is UTC, as everywhere in Berth; years outside 1970-9999 are refused like end dates. */
const instant = z
  .string({ error: "Enter a valid date and time." })
  .trim()
  .max(40, "Enter a valid date and time.")
  .transform((v, ctx) => {
    const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : /(Z|[+-]\d{2}:?\d{2})$/.test(v) ? v : `${v}Z`);
    if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: "custom", message: "Enter a valid date and time." });
      return z.NEVER;
    }
    if (date.getUTCFullYear() < 1970 || date.getUTCFullYear() > 9999) {
      ctx.addIssue({ code: "custom", message: "Enter a date between 1970 and 9999." });
      return z.NEVER;
    }
    return date;
  });

export const reviewDefinitionInput = z
  .strictObject({
    name: plainText("Name", { max: 120, missing: "Name the review." }).pipe(z.string().min(3, "Name the review, in at least 3 characters.")),
    scope: z.enum(REVIEW_SCOPES, { error: "Choose what the review covers." }),
    scopeValue: optional(plainText("Scope", { max: 255 })),
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

export const decideItemsInput = z
  .strictObject({
    itemIds: z.preprocess((v) => (typeof v === "string" ? [v] : v), z.array(z.uuid("Unknown review item."), { error: "Select the items to decide." }).min(1, "Select at least one item.").max(1000, "Decide at most 1000 items at once.")),
    decision: z.enum(DECISION_KINDS, { error: "Choose keep, shorten, lower the role or remove." }),
    reason: plainText("Reason", { max: 1000, multiline: true, missing: "Say why." }).pipe(z.string().min(5, "Say why, in at least 5 characters.")),
    newRoleId: optional(roleIdField("Choose the lower role.")),
    newEndsAt: optional(endDateText),
    timeZone,
  })
  .superRefine((v, ctx) => {
    if (v.decision === "LOWER_ROLE" && v.newRoleId === undefined) ctx.addIssue({ code: "custom", path: ["newRoleId"], message: "Choose the lower role." });
    if (v.decision === "SHORTEN" && v.newEndsAt === undefined) ctx.addIssue({ code: "custom", path: ["newEndsAt"], message: "Give the new, earlier end date." });
    if (new Set(v.itemIds).size !== v.itemIds.length) ctx.addIssue({ code: "custom", path: ["itemIds"], message: "An item is selected twice." });
  })
  // a day picked as the new end is the end of that day on the picker's clock, as for requests
  .transform(({ timeZone: zone, ...v }) => ({ ...v, newEndsAt: v.newEndsAt === undefined ? undefined : endInstant(v.newEndsAt, zone) }));
export type DecideItemsInput = z.infer<typeof decideItemsInput>;
