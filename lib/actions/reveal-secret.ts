"use server";

import "server-only";
import { revealSecretAction } from "./definitions";
import { runAction } from "./run";

export async function revealSecret(input: unknown) {
  return runAction(revealSecretAction, input);
}
