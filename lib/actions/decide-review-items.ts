"use server";

import "server-only";
import { decideReviewItemsAction } from "./review-definitions";
import { runAction } from "./run";

export async function decideReviewItems(input: unknown) {
  return runAction(decideReviewItemsAction, input);
}
