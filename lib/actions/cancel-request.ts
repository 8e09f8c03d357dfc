"use server";

import "server-only";
import { cancelRequestAction } from "./definitions";
import { runAction } from "./run";

export async function cancelRequest(input: unknown) {
  return runAction(cancelRequestAction, input);
}
