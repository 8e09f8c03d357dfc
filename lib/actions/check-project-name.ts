"use server";

import "server-only";
import { checkProjectNameAction } from "./definitions";
import { runAction } from "./run";

export async function checkProjectName(input: unknown) {
  return runAction(checkProjectNameAction, input);
}
