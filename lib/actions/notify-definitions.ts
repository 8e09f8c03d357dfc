import "server-only";
import { z } from "zod";
import { can } from "../authz/permissions";
import { database } from "../db";
import { env } from "../env";
import { OPTIONAL_KINDS, type MessageKindName } from "../notify/kinds";
import { notificationChoices, retryDelivery, saveNotificationChoices } from "../notify/queries";
import { defineAction } from "./define";

// the kinds someone may switch on or off; anything else is refused by name, not ignored
const OPTIONAL_NAMES = OPTIONAL_KINDS.map((k) => k.kind) as [MessageKindName, ...MessageKindName[]];
const kindList = (what: string) =>
  z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(OPTIONAL_NAMES, { error: `${what} names a notification that cannot be chosen.` }), { error: `${what} must be a list of notifications.` }).max(OPTIONAL_NAMES.length, `${what} lists too many notifications.`),
  );

/** An approver sends an undelivered notification again (home page, "Undelivered notifications"). */
export const retryDeliveryAction = defineAction({
  name: "retry-delivery",
  permission: "notify:retry",
  input: z.strictObject({ deliveryId: z.string({ error: "Delivery is missing." }).uuid("Delivery is not valid.") }),
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
  input: z.strictObject({
    shown: kindList("Shown"),
    receive: kindList("Receive"),
    // a checkbox sends "on" when ticked and nothing when not
    digest: z.union([z.literal("on"), z.boolean()], { error: "Digest must be on or off." }).optional().transform((v) => v === "on" || v === true),
  }),
  run: async ({ input, principal }) => {
    const shown: string[] = input.shown;
    const current = await notificationChoices(database().pool, principal.id);
    const muted = [...current.muted.filter((k) => !shown.includes(k)), ...shown.filter((k) => !input.receive.includes(k as MessageKindName))];
    return saveNotificationChoices(database().pool, principal.id, { muted, digest: input.digest && can(principal, "notify:digest") });
  },
});
