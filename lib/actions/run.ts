import "server-only";
import type { z } from "zod";
import { getPrincipal } from "../authz/principal";
import { getRequestMeta } from "../auth/session";
import { db } from "../db";
import { executeAction, type ActionDefinition, type ActionResult } from "./define";

/** Runs an action definition for the signed-in user of this request (used by the "use server" entry points). */
export async function runAction<S extends z.ZodType, R>(definition: ActionDefinition<S, R>, rawInput: unknown): Promise<ActionResult<R>> {
  return executeAction(definition, await getPrincipal(), rawInput, { db: db(), meta: await getRequestMeta() });
}
