"use server";

import "server-only";
import { defineReviewAction } from "./review-definitions";
import { runAction } from "./run";

export async function defineReview(input: unknown) {
  return runAction(defineReviewAction, input);
}
