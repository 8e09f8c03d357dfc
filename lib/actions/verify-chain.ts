"use server";

import "server-only";
import { verifyChainAction } from "./audit-definitions";
import { runAction } from "./run";

export async function verifyChainNow(input: unknown) {
  return runAction(verifyChainAction, input);
}
