"use server";

import "server-only";
import { retryDeliveryAction } from "./notify-definitions";
import { runAction } from "./run";

export async function retryDelivery(input: unknown) {
  return runAction(retryDeliveryAction, input);
}
