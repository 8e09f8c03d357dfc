import "server-only";
import { errorField, logger } from "../log";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { AuditContext } from "../audit/types";
import type { Principal } from "../authz/principal";
import type { RequestMeta } from "../auth/session";
import { can, type Permission } from "../authz/permissions";
import type { Db } from "../db";
import { DomainError } from "../core/errors";
import { fieldErrorsOf } from "../core/validation";
import { isUniqueViolation } from "../sql";

export type ActionErrorCode = "UNAUTHENTICATED" | "FORBIDDEN" | "INVALID" | "POLICY" | "NOT_FOUND" | "CONFLICT" | "UNAVAILABLE" | "INTERNAL";

export type ActionResult<R> =
  | { ok: true; data: R; message?: string }
  | { ok: false; code: ActionErrorCode; error: string; fieldErrors?: Record<string, string[]> };

export interface ActionContext<I> {
  input: I;
  principal: Principal;
  audit: AuditContext;
  db: Db;
  now: Date;
}

/** A server action's contract: the permission it needs, its input schema, and its body. */
export interface ActionDefinition<S extends z.ZodType, R> {
  name: string;
  permission: Permission;
  input: S;
  run(ctx: ActionContext<z.output<S>>): Promise<R>;
}

export function defineAction<S extends z.ZodType, R>(definition: ActionDefinition<S, R>): ActionDefinition<S, R> {
  return definition;
}

/** FormData to a plain object: repeated keys and `name[]` keys become arrays. */
export function formToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [rawKey, value] of form.entries()) {
    if (rawKey.startsWith("$ACTION")) continue;
    if (typeof value !== "string") continue;
    const isList = rawKey.endsWith("[]");
    const key = isList ? rawKey.slice(0, -2) : rawKey;
    const existing = out[key];
    if (isList || existing !== undefined) out[key] = [...(Array.isArray(existing) ? existing : existing === undefined ? [] : [existing]), value];
    else out[key] = value;
  }
  return out;
}

export function auditContextFor(principal: Principal, meta: RequestMeta): AuditContext {
  return {
    actor: { type: "user", id: principal.id, name: principal.name, groups: principal.groups },
    sourceIp: meta.sourceIp,
    userAgent: meta.userAgent,
    portalRequestId: meta.portalRequestId,
    clientRequestId: meta.clientRequestId,
  };
}

interface PgLikeError {
  code?: string;
  constraint?: string;
  meta?: { code?: string; constraint?: string; driverAdapterError?: { cause?: { originalCode?: string; constraint?: string } } };
}

/** The database's own refusals, in words a person can act on. */
function databaseRefusal(e: unknown): ActionResult<never> | null {
  const err = e as PgLikeError;
  const cause = err.meta?.driverAdapterError?.cause;
  const code = cause?.originalCode ?? err.meta?.code ?? err.code;
  const text = e instanceof Error ? e.message : "";
  if (isUniqueViolation(e) || /Unique constraint/i.test(text)) return { ok: false, code: "CONFLICT", error: "That was already done by someone else, or a duplicate exists. Reload to see the current state." };
  if (/approval_not_by_requester|cannot decide their own request/.test(text)) return { ok: false, code: "FORBIDDEN", error: "You cannot decide your own request." };
  if (code === "P2034" || code === "40001" || code === "40P01") return { ok: false, code: "CONFLICT", error: "Someone else changed this at the same moment. Try again." };
  // P2028: no database connection came free in time
  if (code === "P2028") return { ok: false, code: "UNAVAILABLE", error: "Berth is too busy to take this right now. Nothing was changed; try again in a moment." };
  return null;
}

/** Maps any failure to a safe answer; unknown errors are logged with a reference and never shown. */
export function toActionError(e: unknown, actionName: string, requestId: string | null = null): ActionResult<never> {
  if (e instanceof DomainError) return { ok: false, code: e.code === "POLICY" ? "POLICY" : e.code, error: e.message, fieldErrors: e.fieldErrors };
  const refusal = databaseRefusal(e);
  if (refusal) return refusal;
  const ref = randomUUID().slice(0, 8);
  logger().error("action failed", { action: actionName, ref, requestId, error: errorField(e) });
  return { ok: false, code: "INTERNAL", error: `Something went wrong on our side (reference ${ref}). Nothing was changed; try again or report the reference.` };
}

// Authenticate, check the declared permission, validate the input, then run — in that order, every time.
export async function executeAction<S extends z.ZodType, R>(
  definition: ActionDefinition<S, R>,
  principal: Principal | null,
  rawInput: unknown,
  deps: { db: Db; meta: RequestMeta; now?: Date },
): Promise<ActionResult<R>> {
  if (!principal) return { ok: false, code: "UNAUTHENTICATED", error: "Your session has ended. Sign in again." };
  if (!can(principal, definition.permission)) {
    return { ok: false, code: "FORBIDDEN", error: `Your roles (${principal.roles.join(", ") || "none"}) do not allow this.` };
  }
  const input = rawInput instanceof FormData ? formToObject(rawInput) : rawInput;
  const parsed = definition.input.safeParse(input);
  if (!parsed.success) return { ok: false, code: "INVALID", error: "Some fields need attention.", fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    const data = await definition.run({ input: parsed.data, principal, audit: auditContextFor(principal, deps.meta), db: deps.db, now: deps.now ?? new Date() });
    return { ok: true, data };
  } catch (e) {
    return toActionError(e, definition.name, deps.meta.portalRequestId);
  }
}
