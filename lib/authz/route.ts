import "server-only";
import { getPrincipal, type Principal } from "../auth/principal";
import { DomainError } from "../core/errors";
import { can, type Permission } from "./permissions";

const STATUS = { INVALID: 422, POLICY: 422, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, UNAVAILABLE: 503 } as const;

/**
 * Wraps a route handler: signed in, holding one of the declared permissions, errors mapped in one place.
 * Record-level checks (own vs any) happen inside, after loading the record.
 */
export function withPermission<P extends Record<string, string>>(
  permissions: Permission | Permission[],
  handler: (req: Request, ctx: { principal: Principal; params: P }) => Promise<Response>,
) {
  const needed = Array.isArray(permissions) ? permissions : [permissions];
  return async (req: Request, context: { params: Promise<P> }): Promise<Response> => {
    const principal = await getPrincipal();
    if (!principal) return Response.json({ error: "UNAUTHENTICATED", message: "Sign in first." }, { status: 401 });
    if (!needed.some((p) => can(principal.roles, p))) return Response.json({ error: "FORBIDDEN", message: "Your roles do not allow this." }, { status: 403 });
    try {
      return await handler(req, { principal, params: await context.params });
    } catch (e) {
      if (e instanceof DomainError) return Response.json({ error: e.code, message: e.message }, { status: STATUS[e.code] });
      const ref = crypto.randomUUID().slice(0, 8);
      console.error(`[berth] ${req.method} ${new URL(req.url).pathname} failed (ref ${ref}):`, e instanceof Error ? e.message : "unknown error");
      return Response.json({ error: "INTERNAL", message: `Something went wrong (reference ${ref}).` }, { status: 500 });
    }
  };
}
