import "server-only";
import { logger } from "../log";
import { randomUUID } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import { database } from "../db";
import { env } from "../env";
import { recordSignIn } from "./people";
import { getDiscovery } from "./oidc";
import { isRevoked } from "./revocation";
import { sameOriginUrl } from "./redirect";
import { readGroupsClaim, type BerthToken } from "./token";

/** Thrown to next-auth for a cookie whose session was ended at sign-out. */
const REVOKED_SESSION = "RevokedSessionError";
class RevokedSessionError extends Error {
  override name = REVOKED_SESSION;
}

interface OidcProfile extends Record<string, unknown> {
  sub: string;
  name?: string;
  preferred_username?: string;
  email?: string;
}

// next-auth with the company IdP: authorization code + PKCE + state + nonce; groups read from the ID token.
export function authOptions(): NextAuthOptions {
  const config = env();
  return {
    secret: config.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: config.BERTH_SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      {
        id: "oidc",
        name: config.OIDC_DISPLAY_NAME,
        type: "oauth",
        wellKnown: `${config.OIDC_ISSUER}/.well-known/openid-configuration`,
        clientId: config.OIDC_CLIENT_ID,
        clientSecret: config.OIDC_CLIENT_SECRET,
        client: { token_endpoint_auth_method: "client_secret_basic" },
        authorization: { params: { scope: config.OIDC_SCOPES } },
        idToken: true,
        checks: ["pkce", "state", "nonce"],
        profile(profile: OidcProfile) {
          return { id: profile.sub, name: profile.name ?? profile.preferred_username ?? profile.sub, email: profile.email ?? null };
        },
      },
    ],
    callbacks: {
      async jwt({ token, account, profile }) {
        if (account && profile) {
          const claims = profile as OidcProfile;
          let groupSource: Record<string, unknown> = claims;
          if (!(config.OIDC_GROUPS_CLAIM.split(".")[0]! in claims) && account.access_token) {
            // Some IdPs put groups only in the userinfo answer.
            const meta = await getDiscovery();
            if (meta.userinfo_endpoint) {
              const res = await fetch(meta.userinfo_endpoint, { headers: { authorization: `Bearer ${account.access_token}` }, cache: "no-store" });
              if (res.ok) groupSource = (await res.json()) as Record<string, unknown>;
            }
          }
          const now = Date.now();
          const fresh: BerthToken = {
            sub: claims.sub,
            sid: randomUUID(),
            name: claims.name ?? claims.preferred_username ?? claims.sub,
            email: claims.email,
            username: claims.preferred_username ?? claims.sub,
            groups: readGroupsClaim(groupSource, config.OIDC_GROUPS_CLAIM),
            idToken: account.id_token,
            refreshToken: account.refresh_token,
            accessTokenExpiresAt: account.expires_at ? account.expires_at * 1000 : now + 300_000,
            groupsReadAt: now,
          };
          // the directory notifications use; a database hiccup must not refuse the sign-in itself
          await recordSignIn(database().pool, { id: fresh.sub, username: fresh.username, name: fresh.name, email: fresh.email ?? null, groups: fresh.groups }).catch((e: unknown) =>
            console.error(`[auth] could not record the sign-in: ${e instanceof Error ? e.name : "unknown error"}`),
          );
          return fresh;
        }
        // next-auth's session endpoint (/api/auth/session) reads the cookie through here: a session ended at sign-out
        // gets no answer but an empty one, and its cookie is cleared (next-auth does both when this throws)
        if (typeof token.sid === "string" && (await isRevoked(database().pool, token.sid))) throw new RevokedSessionError();
        return token;
      },
      // Only identity and groups reach the browser; roles are derived on the server per request.
      async session({ session, token }) {
        const t = token as BerthToken;
        return { ...session, user: { id: t.sub, name: t.name, email: t.email ?? null, username: t.username }, groups: t.groups };
      },
      // next-auth asks here before every redirect it makes (sign-in callback, sign-out): only this portal's own paths
      async redirect({ url }) {
        return sameOriginUrl(url, config.NEXTAUTH_URL);
      },
    },
    logger: {
      error(code, metadata) {
        // next-auth's metadata can carry tokens; log the code and message only.
        const error = metadata instanceof Error ? metadata : (metadata as { error?: unknown }).error;
        if (error instanceof Error && error.name === REVOKED_SESSION) return; // expected: a signed-out copy
        const message = error instanceof Error ? error.message : "";
        logger().error("sign-in error", { code, message });
      },
      warn(code) {
        logger().warn("sign-in warning", { code });
      },
      debug() {},
    },
  };
}
