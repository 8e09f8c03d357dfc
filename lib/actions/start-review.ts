"use server";

import "server-only";
import { startReviewAction } from "./review-definitions";
import { runAction } from "./run";

export async function startReview(input: unknown) {
  return runAction(startReviewAction, input);
}
