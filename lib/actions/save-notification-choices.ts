"use server";

import "server-only";
import { saveNotificationChoicesAction } from "./notify-definitions";
import { runAction } from "./run";

export async function saveNotificationChoices(input: unknown) {
  return runAction(saveNotificationChoicesAction, input);
}
