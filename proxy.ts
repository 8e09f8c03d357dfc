import { NextResponse, type NextRequest } from "next/server";
import { refuseBadActionCall } from "@/lib/action-guard";
import { env } from "@/lib/env";
import { contentSecurityPolicy, newNonce, strictTransportSecurity } from "@/lib/security-headers";
import { refreshGroups } from "@/lib/auth/oidc";
import { sameOriginPath } from "@/lib/auth/redirect";
import { factsEstablished, REQUEST_ID_HEADER, trustedProxies, withRequestFacts } from "@/lib/auth/request-facts";
import { decodeSession, encodeSession, readSessionCookie, sessionCookieOptions, sessionCookieParts } from "@/lib/auth/session-cookie";
import { needsRefresh } from "@/lib/auth/token";

// the unsubscribe link of optional emails carries its own authorization (a signed token) and is POSTed by mail
// providers' servers, which have no session (docs/notifications.md, "Unsubscribing")
const PUBLIC = [/^\/signin(\/|$)/, /^\/api\/auth\//, /^\/api\/(health|ready|metrics)$/, /^\/api\/notify\/unsubscribe$/];

/** Every answer names Berth's request id, so a support request can point at the audit events it made, and carries the policy headers. */
function finish(res: NextResponse, headers: Headers): NextResponse {
  res.headers.set(REQUEST_ID_HEADER, headers.get(REQUEST_ID_HEADER)!);
  res.headers.set(CSP, headers.get(CSP)!);
  const hsts = strictTransportSecurity(env().NEXTAUTH_URL);
  if (hsts) res.headers.set("strict-transport-security", hsts);
  return res;
}

const CSP = "content-security-policy";

/** The request as the app sees it: the facts Berth established, and this answer's policy, whose nonce Next.js puts on its scripts. */
function requestHeaders(req: NextRequest): Headers {
  const config = env();
  const again = factsEstablished(req.headers);
  const headers = withRequestFacts(req.headers, trustedProxies(config.BERTH_TRUSTED_PROXIES));
  // a second pass over the same request keeps the first pass's nonce, which the page may already carry
  if (!again || !headers.get(CSP)) headers.set(CSP, contentSecurityPolicy(newNonce(), { idpOrigin: new URL(config.OIDC_ISSUER).origin, dev: config.NODE_ENV === "development" }));
  return headers;
}

function signedOut(req: NextRequest, reason?: string) {
  const { pathname, search } = req.nextUrl;
  const res = pathname.startsWith("/api/")
    ? NextResponse.json({ error: "UNAUTHENTICATED", message: "Sign in first." }, { status: 401 })
    : NextResponse.redirect(new URL(`/signin?${new URLSearchParams({ callbackUrl: sameOriginPath(pathname + search, env().NEXTAUTH_URL), ...(reason ? { error: reason } : {}) })}`, req.url));
  if (reason) for (const c of req.cookies.getAll()) if (c.name.includes("next-auth.session-token")) res.cookies.set(c.name, "", { path: "/", maxAge: 0 });
  return res;
}

// Establishes what the app may believe about the call (client address, Berth's request id), sends anonymous visitors
// to sign-in, and refreshes the IdP tokens (re-reading the groups) when they are due, writing the new session cookie.
// Authorization itself happens in every page and action.
export async function proxy(req: NextRequest) {
  const headers = requestHeaders(req);
  const refusal = await refuseBadActionCall(req);
  if (refusal) return finish(refusal, headers);
  const next = () => NextResponse.next({ request: { headers } });
  if (PUBLIC.some((p) => p.test(req.nextUrl.pathname))) return finish(next(), headers);

  const token = await decodeSession(readSessionCookie(req.cookies.getAll()));
  if (!token || token.error) return finish(signedOut(req, token?.error ? "SessionExpired" : undefined), headers);
  if (!needsRefresh(token, Date.now(), env().BERTH_GROUPS_REFRESH_SECONDS)) return finish(next(), headers);

  const refreshed = await refreshGroups(token);
  if (refreshed.error) return finish(signedOut(req, refreshed.error === "IdpUnreachable" ? "IdpUnreachable" : "SessionExpired"), headers);

  const value = await encodeSession(refreshed);
  const parts = sessionCookieParts(value, req.cookies.getAll().map((c) => c.name));
  const stale = new Set([...parts.clear, ...parts.set.map((c) => c.name)]);
  const forwarded = [...req.cookies.getAll().filter((c) => !stale.has(c.name)), ...parts.set];
  headers.set("cookie", forwarded.map((c) => `${c.name}=${c.value}`).join("; "));
  const res = next();
  const options = sessionCookieOptions();
  for (const c of parts.set) res.cookies.set(c.name, c.value, options);
  for (const name of parts.clear) res.cookies.set(name, "", { ...options, maxAge: 0 });
  return finish(res, headers);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
