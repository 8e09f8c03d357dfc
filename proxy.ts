import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { refuseBadActionCall } from "@/lib/action-guard";
import { env } from "@/lib/env";
import { refreshGroups } from "@/lib/auth/oidc";
import { decodeSession, encodeSession, readSessionCookie, sessionCookieOptions, sessionCookieParts } from "@/lib/auth/session-cookie";
import { needsRefresh } from "@/lib/auth/token";

const PUBLIC = [/^\/signin(\/|$)/, /^\/api\/auth\//, /^\/api\/(health|ready)$/];

function withRequestHeaders(headers: Headers) {
  return NextResponse.next({ request: { headers } });
}

function signedOut(req: NextRequest, reason?: string) {
  const { pathname, search } = req.nextUrl;
  const res = pathname.startsWith("/api/")
    ? NextResponse.json({ error: "UNAUTHENTICATED", message: "Sign in first." }, { status: 401 })
    : NextResponse.redirect(new URL(`/signin?${new URLSearchParams({ callbackUrl: pathname + search, ...(reason ? { error: reason } : {}) })}`, req.url));
  if (reason) for (const c of req.cookies.getAll()) if (c.name.includes("next-auth.session-token")) res.cookies.set(c.name, "", { path: "/", maxAge: 0 });
  return res;
}

// Gives each call a request id, sends anonymous visitors to sign-in, and refreshes the IdP tokens (re-reading the
// groups) when they are due, writing the new session cookie. Authorization itself happens in every page and action.
export async function proxy(req: NextRequest) {
  const refusal = await refuseBadActionCall(req);
  if (refusal) return refusal;
  const headers = new Headers(req.headers);
  if (!headers.get("x-request-id")) headers.set("x-request-id", randomUUID());
  if (PUBLIC.some((p) => p.test(req.nextUrl.pathname))) return withRequestHeaders(headers);

  const token = await decodeSession(readSessionCookie(req.cookies.getAll()));
  if (!token || token.error) return signedOut(req, token?.error ? "SessionExpired" : undefined);
  if (!needsRefresh(token, Date.now(), env().BERTH_GROUPS_REFRESH_SECONDS)) return withRequestHeaders(headers);

  const refreshed = await refreshGroups(token);
  if (refreshed.error) return signedOut(req, refreshed.error === "IdpUnreachable" ? "IdpUnreachable" : "SessionExpired");

  const value = await encodeSession(refreshed);
  const parts = sessionCookieParts(value, req.cookies.getAll().map((c) => c.name));
  const stale = new Set([...parts.clear, ...parts.set.map((c) => c.name)]);
  const forwarded = [...req.cookies.getAll().filter((c) => !stale.has(c.name)), ...parts.set];
  headers.set("cookie", forwarded.map((c) => `${c.name}=${c.value}`).join("; "));
  const res = withRequestHeaders(headers);
  const options = sessionCookieOptions();
  for (const c of parts.set) res.cookies.set(c.name, c.value, options);
  for (const name of parts.clear) res.cookies.set(name, "", { ...options, maxAge: 0 });
  return res;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
