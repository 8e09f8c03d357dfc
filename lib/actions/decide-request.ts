"use server";

import "server-only";
import { decideRequestAction } from "./definitions";
import { runAction } from "./run";

export async function decideRequest(input: unknown) {
  return runAction(decideRequestAction, input);
}
