"use server";

import "server-only";
import { stopReviewScheduleAction } from "./review-definitions";
import { runAction } from "./run";

export async function stopReviewSchedule(input: unknown) {
  return runAction(stopReviewScheduleAction, input);
}
