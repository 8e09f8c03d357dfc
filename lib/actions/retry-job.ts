"use server";

import "server-only";
import { retryJobAction } from "./definitions";
import { runAction } from "./run";

export async function retryJob(input: unknown) {
  return runAction(retryJobAction, input);
}
