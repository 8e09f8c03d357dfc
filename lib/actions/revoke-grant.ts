"use server";

import { revokeGrantAction } from "./definitions";
import { runAction } from "./run";

export async function revokeGrant(input: unknown) {
  return runAction(revokeGrantAction, input);
}
