import { NextResponse, type NextRequest } from "next/server";
import { database } from "@/lib/db";
import { endSessionUrl } from "@/lib/auth/oidc";
import { revokeSession } from "@/lib/auth/revocation";
import { decodeSession, readSessionCookie } from "@/lib/auth/session-cookie";
import { env } from "@/lib/env";

const SIGNED_OUT = "signed-out";

// Ends Berth's session on the server (a copy of the cookie stops working at once) and, where the IdP offers
// RP-initiated logout, the IdP session too.
export async function POST(req: NextRequest) {
  const base = env().NEXTAUTH_URL;
  const origin = req.headers.get("origin");
  if (origin && origin !== new URL(base).origin) return NextResponse.json({ error: "FORBIDDEN", message: "Cross-site sign-out refused." }, { status: 403 });
  const token = await decodeSession(readSessionCookie(req.cookies.getAll()));
  if (token) await revokeSession(database().pool, token, new Date(), env().BERTH_SESSION_MAX_AGE_SECONDS);
  const target = (await endSessionUrl(token?.idToken, `${base}/signin`, SIGNED_OUT)) ?? `${base}/signin?state=${SIGNED_OUT}`;
  const res = NextResponse.redirect(target, 303);
  for (const c of req.cookies.getAll()) if (c.name.includes("next-auth.")) res.cookies.set(c.name, "", { path: "/", maxAge: 0 });
  return res;
}
