import { NextResponse, type NextRequest } from "next/server";
import { endSessionUrl } from "@/lib/auth/oidc";
import { decodeSession, readSessionCookie } from "@/lib/auth/session-cookie";
import { env } from "@/lib/env";

const SIGNED_OUT = "signed-out";

// Ends Berth's session and, where the IdP offers RP-initiated logout, the IdP session too.
export async function POST(req: NextRequest) {
  const base = env().NEXTAUTH_URL;
  const origin = req.headers.get("origin");
  if (origin && origin !== new URL(base).origin) return NextResponse.json({ error: "FORBIDDEN", message: "Cross-site sign-out refused." }, { status: 403 });
  const token = await decodeSession(readSessionCookie(req.cookies.getAll()));
  const target = (await endSessionUrl(token?.idToken, `${base}/signin`, SIGNED_OUT)) ?? `${base}/signin?state=${SIGNED_OUT}`;
  const res = NextResponse.redirect(target, 303);
  for (const c of req.cookies.getAll()) if (c.name.includes("next-auth.")) res.cookies.set(c.name, "", { path: "/", maxAge: 0 });
  return res;
}
