"use server";

import "server-only";
import { submitRequestAction } from "./definitions";
import { runAction } from "./run";

export async function submitRequest(input: unknown) {
  return runAction(submitRequestAction, input);
}
