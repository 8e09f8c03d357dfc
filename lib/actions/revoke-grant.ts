"use server";

import "server-only";
import { revokeGrantAction } from "./definitions";
import { runAction } from "./run";

export async function revokeGrant(input: unknown) {
  return runAction(revokeGrantAction, input);
}
