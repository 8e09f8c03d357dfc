import "server-only";
import { z } from "zod";
import type { Db } from "../db";
import { env } from "../env";
import { defineReview, startReviewNow, stopReviewSchedule, type ReviewDeps } from "../reviews/campaigns";
import { reviewConfigFromEnv } from "../reviews/config";
import { decideItems } from "../reviews/decisions";
import { decideItemsInput, reviewDefinitionInput } from "../reviews/inputs";
import { defineAction } from "./define";

// Access reviews' server actions (docs/reviews.md): approvers define, start and stop reviews; reviewers decide items.
// Whether a principal is a reviewer of an item is decided per item inside decideItems, on every call.

export function reviewDeps(db: Db, now: Date): ReviewDeps {
  return { db, config: reviewConfigFromEnv(env()), now };
}

const definitionId = z.strictObject({ definitionId: z.uuid("That review is not valid.") });

export const defineReviewAction = defineAction({
  name: "define-review",
  permission: "review:define",
  input: reviewDefinitionInput,
  run: ({ input, principal, audit, db, now }) => defineReview(reviewDeps(db, now), principal, input, audit),
});

export const startReviewAction = defineAction({
  name: "start-review",
  permission: "review:define",
  input: definitionId,
  run: ({ input, principal, audit, db, now }) => startReviewNow(reviewDeps(db, now), principal, input.definitionId, audit),
});

export const stopReviewScheduleAction = defineAction({
  name: "stop-review-schedule",
  permission: "review:define",
  input: definitionId,
  run: ({ input, principal, audit, db, now }) => stopReviewSchedule(reviewDeps(db, now), principal, input.definitionId, audit),
});

export const decideReviewItemsAction = defineAction({
  name: "decide-review-items",
  permission: "review:decide",
  input: decideItemsInput,
  run: ({ input, principal, audit, db, now }) => decideItems(reviewDeps(db, now), principal, input, audit),
});

export const REVIEW_ACTIONS = [defineReviewAction, startReviewAction, stopReviewScheduleAction, decideReviewItemsAction] as const;
