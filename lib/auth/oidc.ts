import "server-only";
import { z } from "zod";
import { env } from "../env";
import { jwtClaims, readGroupsClaim, type BerthToken } from "./token";

const discoverySchema = z.object({
  issuer: z.string(),
  token_endpoint: z.string().url(),
  userinfo_endpoint: z.string().url().optional(),
  end_session_endpoint: z.string().url().optional(),
});
export type Discovery = z.infer<typeof discoverySchema>;

let discovery: { value: Discovery; at: number } | undefined;

/** The IdP's OpenID configuration, cached for ten minutes. */
export async function getDiscovery(): Promise<Discovery> {
  if (discovery && Date.now() - discovery.at < 10 * 60_000) return discovery.value;
  const res = await fetch(`${env().OIDC_ISSUER}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5_000), cache: "no-store" });
  if (!res.ok) throw new Error(`OIDC discovery answered ${res.status}`);
  discovery = { value: discoverySchema.parse(await res.json()), at: Date.now() };
  return discovery.value;
}

const tokenResponse = z.object({
  id_token: z.string().optional(),
  access_token: z.string(),
  refresh_token: z.string().optional(),
  expires_in: z.coerce.number().optional(),
});

// One refresh per refresh token at a time in this process: parallel requests share the answer.
const inFlight = new Map<string, Promise<BerthToken>>();

/**
 * Uses the refresh token to get fresh tokens and re-reads the groups, so a user removed from a group in the
 * IdP loses the role now. Fails closed: a refused refresh (or an unreachable IdP) ends the session.
 */
export function refreshGroups(token: BerthToken): Promise<BerthToken> {
  const key = token.refreshToken ?? "";
  const running = inFlight.get(key);
  if (running) return running;
  const work = doRefresh(token).finally(() => setTimeout(() => inFlight.delete(key), 2_000));
  inFlight.set(key, work);
  return work;
}

async function doRefresh(token: BerthToken): Promise<BerthToken> {
  if (!token.refreshToken) return { ...token, error: "RefreshFailed" };
  const config = env();
  let meta: Discovery;
  let res: Response;
  try {
    meta = await getDiscovery();
    res = await fetch(meta.token_endpoint, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(config.OIDC_CLIENT_ID)}:${encodeURIComponent(config.OIDC_CLIENT_SECRET)}`).toString("base64")}`,
      },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: token.refreshToken }),
      signal: AbortSignal.timeout(10_000),
      cache: "no-store",
    });
  } catch {
    return { ...token, error: "IdpUnreachable" };
  }
  if (!res.ok) return { ...token, error: "RefreshFailed" };
  const parsed = tokenResponse.safeParse(await res.json().catch(() => null));
  if (!parsed.success) return { ...token, error: "RefreshFailed" };
  const body = parsed.data;

  let claims: Record<string, unknown> | undefined;
  if (body.id_token) {
    claims = jwtClaims(body.id_token);
    const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    // The ID token came straight from the token endpoint; it must still be about this user, for this client.
    if (claims.iss !== meta.issuer || claims.sub !== token.sub || !aud.includes(config.OIDC_CLIENT_ID)) return { ...token, error: "RefreshFailed" };
  }
  if (!claims || !(config.OIDC_GROUPS_CLAIM.split(".")[0]! in claims)) {
    if (!meta.userinfo_endpoint) return { ...token, error: "RefreshFailed" };
    const info = await fetch(meta.userinfo_endpoint, { headers: { authorization: `Bearer ${body.access_token}` }, signal: AbortSignal.timeout(10_000), cache: "no-store" });
    if (!info.ok) return { ...token, error: "RefreshFailed" };
    claims = (await info.json()) as Record<string, unknown>;
    if (claims.sub !== token.sub) return { ...token, error: "RefreshFailed" };
  }
  const now = Date.now();
  return {
    ...token,
    groups: readGroupsClaim(claims, config.OIDC_GROUPS_CLAIM),
    idToken: body.id_token ?? token.idToken,
    refreshToken: body.refresh_token ?? token.refreshToken,
    accessTokenExpiresAt: now + (body.expires_in ?? 300) * 1000,
    groupsReadAt: now,
    error: undefined,
  };
}

/**
 * Where to send the browser to end the IdP session too (RP-initiated logout), if the IdP offers it. The return
 * address has no query (IdPs match it exactly); `state` comes back to it as a query parameter.
 */
export async function endSessionUrl(idToken: string | undefined, postLogoutRedirect: string, state: string): Promise<string | null> {
  try {
    const meta = await getDiscovery();
    if (!meta.end_session_endpoint) return null;
    const url = new URL(meta.end_session_endpoint);
    if (idToken) url.searchParams.set("id_token_hint", idToken);
    url.searchParams.set("client_id", env().OIDC_CLIENT_ID);
    url.searchParams.set("post_logout_redirect_uri", postLogoutRedirect);
    url.searchParams.set("state", state);
    return url.toString();
  } catch {
    return null;
  }
}
