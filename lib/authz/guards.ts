import "server-only";
import { errorField, logger } from "../log";
import { notFound, redirect } from "next/navigation";
import { DomainError, type DomainErrorCode } from "../core/errors";
import { canAny, type Permission } from "./permissions";
import { getPrincipal, type Principal } from "./principal";

export interface PageGuardOptions {
  /**
   * What someone signed in but without the permission gets: "home" sends them to the home page (a section they
   * cannot use), "not-found" answers 404 (a page that does not exist for them, such as the audit trail),
   * "no-access" the page that explains that their groups give them no role in Berth.
   */
  otherwise?: "home" | "not-found" | "no-access";
}

/**
 * For a page: the signed-in principal holding at least one of `permissions`. Without a session the page sends to
 * sign-in. Each page calls it itself: a layout's check protects nothing.
 */
export async function requirePagePrincipal(permissions: Permission | readonly Permission[], options: PageGuardOptions = {}): Promise<Principal> {
  const principal = await getPrincipal();
  if (!principal) redirect("/signin");
  const needed = typeof permissions === "string" ? [permissions] : permissions;
  if (!canAny(principal, needed)) {
    if (options.otherwise === "not-found") notFound();
    redirect(options.otherwise === "no-access" ? "/no-access" : "/");
  }
  return principal;
}

const STATUS: Record<DomainErrorCode, number> = { INVALID: 422, POLICY: 422, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, UNAVAILABLE: 503 };

/**
 * Wraps a route handler: signed in, holding one of the declared permissions, errors mapped in one place.
 * Record-level checks (own vs any) happen inside, after loading the record.
 */
export function withPermission<P extends Record<string, string>>(
  permissions: Permission | readonly Permission[],
  handler: (req: Request, ctx: { principal: Principal; params: P }) => Promise<Response>,
) {
  const needed = typeof permissions === "string" ? [permissions] : permissions;
  return async (req: Request, context: { params: Promise<P> }): Promise<Response> => {
    const principal = await getPrincipal();
    if (!principal) return Response.json({ error: "UNAUTHENTICATED", message: "Sign in first." }, { status: 401 });
    if (!canAny(principal, needed)) return Response.json({ error: "FORBIDDEN", message: "Your roles do not allow this." }, { status: 403 });
    try {
      return await handler(req, { principal, params: await context.params });
    } catch (e) {
      if (e instanceof DomainError) return Response.json({ error: e.code, message: e.message }, { status: STATUS[e.code] });
      const ref = crypto.randomUUID().slice(0, 8);
      logger().error("route failed", { method: req.method, path: new URL(req.url).pathname, ref, requestId: req.headers.get("x-request-id"), error: errorField(e) });
      return Response.json({ error: "INTERNAL", message: `Something went wrong (reference ${ref}).` }, { status: 500 });
    }
  };
}
