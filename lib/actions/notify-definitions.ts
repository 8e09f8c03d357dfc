import "server-only";
import { z } from "zod";
import { database } from "../db";
import { env } from "../env";
import { OPTIONAL_KINDS } from "../notify/kinds";
import { notificationChoices, retryDelivery, saveNotificationChoices } from "../notify/queries";
import { defineAction } from "./define";

const list = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(100)).max(50));

/** An approver sends an undelivered notification again (home page, "Undelivered notifications"). */
export const retryDeliveryAction = defineAction({
  name: "retry-delivery",
  permission: "notify:retry",
  input: z.object({ deliveryId: z.string({ error: "Delivery is missing." }).uuid("Delivery is not valid.") }),
  run: async ({ input }) => {
    await retryDelivery(database().pool, input.deliveryId, env().BERTH_NOTIFY_GIVE_UP_HOURS);
    return { state: "PENDING" as const };
  },
});

/**
 * Someone's own choices from the profile form: the kinds shown (`shown[]`) and those ticked (`receive[]`); kinds not
 * shown keep their setting. `digest` holds approvers' request messages for the daily digest.
 */
export const saveNotificationChoicesAction = defineAction({
  name: "save-notification-choices",
  permission: "notify:choose-own",
  input: z.object({ shown: list, receive: list, digest: z.preprocess((v) => v === "on" || v === true, z.boolean()) }),
  run: async ({ input, principal }) => {
    const optional = new Set(OPTIONAL_KINDS.map((k) => k.kind));
    const shown = input.shown.filter((k) => optional.has(k));
    const current = await notificationChoices(database().pool, principal.id);
    const muted = [...current.muted.filter((k) => !shown.includes(k)), ...shown.filter((k) => !input.receive.includes(k))];
    return saveNotificationChoices(database().pool, principal.id, { muted, digest: input.digest && principal.roles.includes("approver") });
  },
});
