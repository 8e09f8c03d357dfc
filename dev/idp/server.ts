import { generateKeyPairSync, randomBytes, timingSafeEqual } from "node:crypto";
import http from "node:http";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import { z } from "zod";
import { cloneDemoUsers, type DemoUser } from "./users";

export interface DemoIdpOptions {
  port: number;
  host?: string;
  /** The portal's base URL (NEXTAUTH_URL): its callback and post-logout URLs are registered. */
  portalUrl: string;
  clientId: string;
  clientSecret: string;
  /** Bearer token for /admin; without one the admin endpoint is off. */
  adminToken?: string;
  accessTokenTtlSeconds?: number;
  users?: DemoUser[];
}

export interface DemoIdp {
  issuer: string;
  users(): DemoUser[];
  setGroups(username: string, groups: string[]): void;
  close(): Promise<void>;
}

const PAGE_STYLE = `
  :root { color-scheme: light; font-family: ui-sans-serif, system-ui, -apple-system, "Segoe UI", sans-serif; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f1f5f9; color: #0f172a; }
  main { width: min(24rem, calc(100vw - 2rem)); background: #fff; border: 1px solid #cbd5e1; border-radius: .75rem; padding: 1.75rem; box-shadow: 0 1px 3px rgb(0 0 0 / .08); }
  h1 { font-size: 1.25rem; margin: 0 0 .25rem; } p { margin: 0 0 1rem; color: #475569; font-size: .9rem; }
  label { display: block; font-weight: 600; font-size: .875rem; margin: .75rem 0 .25rem; }
  input { width: 100%; box-sizing: border-box; padding: .55rem .65rem; border: 1px solid #94a3b8; border-radius: .4rem; font-size: 1rem; }
  input:focus, button:focus { outline: 3px solid #2563eb; outline-offset: 2px; }
  button { margin-top: 1.25rem; width: 100%; padding: .6rem; border: 0; border-radius: .4rem; background: #1d4ed8; color: #fff; font-weight: 600; font-size: 1rem; cursor: pointer; }
  .error { background: #fef2f2; color: #991b1b; border: 1px solid #fecaca; padding: .5rem .65rem; border-radius: .4rem; font-size: .875rem; }
  .badge { display: inline-block; font-size: .75rem; font-weight: 700; letter-spacing: .04em; color: #92400e; background: #fef3c7; border-radius: 999px; padding: .1rem .55rem; margin-bottom: .75rem; }
  ul { padding-left: 1.1rem; margin: .25rem 0 0; font-size: .85rem; color: #475569; }`;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${PAGE_STYLE}</style></head><body><main>${body}</main></body></html>`;
}

function loginPage(uid: string, users: DemoUser[], error?: string, username = "") {
  return page(
    "Sign in — Demo identity provider",
    `<span class="badge">DEMO IDENTITY PROVIDER</span>
    <h1>Sign in</h1>
    <p>Berth asks you to sign in. This stand-in replaces your company's IdP; the password of each demo user is the user name.</p>
    ${error ? `<div class="error" role="alert" id="login-error">${escapeHtml(error)}</div>` : ""}
    <form method="post" action="/interaction/${escapeHtml(uid)}/login" autocomplete="off">
      <label for="username">User name</label>
      <input id="username" name="username" value="${escapeHtml(username)}" required autofocus ${error ? 'aria-describedby="login-error" aria-invalid="true"' : ""}>
      <label for="password">Password</label>
      <input id="password" name="password" type="password" required>
      <button type="submit">Sign in</button>
    </form>
    <p style="margin-top:1rem">Demo users:</p>
    <ul>${users.map((u) => `<li><strong>${escapeHtml(u.username)}</strong> — ${escapeHtml(u.description)}</li>`).join("")}</ul>`,
  );
}

async function readBody(req: http.IncomingMessage, limit = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error("body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: http.ServerResponse, status: number, body: string, type = "text/html; charset=utf-8") {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
}

const groupsInput = z.object({ groups: z.array(z.string().trim().min(1).max(255)).max(500) });
const userPatch = z.object({ groups: z.array(z.string().trim().min(1).max(255)).max(500).optional(), disabled: z.boolean().optional() });

/**
 * A real OpenID Provider (oidc-provider 9) on 127.0.0.1 for the demo and the tests: authorization code + PKCE,
 * groups in the ID token, refresh tokens, consent skipped for the portal, RP-initiated logout, and an admin
 * endpoint to change users' groups while it runs.
 */
export async function startDemoIdp(options: DemoIdpOptions): Promise<DemoIdp> {
  const host = options.host ?? "127.0.0.1";
  const issuer = `http://${host}:${options.port}`;
  const users = options.users ?? cloneDemoUsers();
  const findUser = (username: string) => users.find((u) => u.username === username);
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: "jwk" }), kid: "demo-idp", use: "sig", alg: "RS256" };
  const portal = options.portalUrl.replace(/\/+$/, "");

  const configuration: Configuration = {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        client_name: "Berth",
        redirect_uris: [`${portal}/api/auth/callback/oidc`],
        post_logout_redirect_uris: [`${portal}/signin`],
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [jwk as never] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    claims: {
      openid: ["sub"],
      profile: ["name", "preferred_username"],
      email: ["email", "email_verified"],
      groups: ["groups"],
    },
    scopes: ["openid", "profile", "email", "groups", "offline_access"],
    // Groups go into the ID token itself, as Keycloak, Okta and Entra ID can be set to do.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          // Berth asked for the sign-out: confirm it without a second question.
          // "logout=yes" is what the IdP's own "Yes, sign me out" button sends; without it the IdP session survives.
          ctx.body = page(
            "Signing out",
            `${form}<p>Signing you out…</p><script>const f=document.forms[0];const i=document.createElement("input");i.type="hidden";i.name="logout";i.value="yes";f.appendChild(i);f.submit();</script>`,
          );
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.body = page("Signed out", "<h1>Signed out</h1><p>You are signed out of the demo identity provider.</p>");
        },
      },
    },
    ttl: {
      AccessToken: options.accessTokenTtlSeconds ?? 300,
      IdToken: options.accessTokenTtlSeconds ?? 300,
      AuthorizationCode: 60,
      Interaction: 3600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
      RefreshToken: 8 * 3600,
    },
    // Refresh tokens for the portal without offline_access; reusable, as Keycloak's and Entra's are by default.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed("refresh_token"),
    rotateRefreshToken: false,
    // Consent is implied for the first-party portal client.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const existingId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId);
      if (existingId) {
        const existing = await ctx.oidc.provider.Grant.find(existingId);
        if (existing) return existing;
      }
      if (ctx.oidc.client?.clientId !== options.clientId || !ctx.oidc.session?.accountId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: options.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope("openid profile email groups offline_access");
      await grant.save();
      return grant;
    },
    findAccount: async (_ctx, sub) => {
      const user = findUser(sub);
      // A disabled or deleted user cannot refresh: the portal loses the session at its next refresh.
      if (!user || user.disabled) return undefined;
      return {
        accountId: user.username,
        claims: async () => ({
          sub: user.username,
          name: user.name,
          preferred_username: user.username,
          email: user.email,
          email_verified: true,
          groups: [...user.groups],
        }),
      };
    },
    renderError: async (ctx, out) => {
      ctx.type = "html";
      ctx.body = page("Sign-in error", `<h1>Sign-in error</h1><div class="error" role="alert">${escapeHtml(String(out.error))}: ${escapeHtml(String(out.error_description ?? ""))}</div>`);
    },
  };

  const provider = new Provider(issuer, configuration);
  provider.on("server_error", (_ctx, err) => process.stderr.write(`[demo-idp] ${err.message}\n`));
  const callback = provider.callback();

  const isAdmin = (req: http.IncomingMessage) => {
    if (!options.adminToken) return false;
    const given = Buffer.from(req.headers.authorization ?? "");
    const expected = Buffer.from(`Bearer ${options.adminToken}`);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  async function handleInteraction(req: http.IncomingMessage, res: http.ServerResponse, uid: string, action?: string) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) return send(res, 400, page("Error", "<p>This sign-in attempt has expired. Go back to Berth and try again.</p>"));
    if (!action && req.method === "GET") return send(res, 200, loginPage(uid, users));
    if (action === "login" && req.method === "POST") {
      const form = new URLSearchParams(await readBody(req));
      const username = (form.get("username") ?? "").trim();
      const password = form.get("password") ?? "";
      const user = findUser(username);
      if (!user || password !== user.username || user.disabled) {
        return send(res, 401, loginPage(uid, users, "Unknown user name or wrong password.", username));
      }
      return provider.interactionFinished(req, res, { login: { accountId: user.username } }, { mergeWithLastSubmission: false });
    }
    return send(res, 404, page("Not found", "<p>Not found.</p>"));
  }

  async function handleAdmin(req: http.IncomingMessage, res: http.ServerResponse, path: string) {
    if (!isAdmin(req)) return send(res, 401, JSON.stringify({ error: "admin token required" }), "application/json");
    const json = (status: number, body: unknown) => send(res, status, JSON.stringify(body), "application/json");
    if (path === "/admin/users" && req.method === "GET") return json(200, users);
    const match = /^\/admin\/users\/([^/]+)$/.exec(path);
    if (match && req.method === "PATCH") {
      const user = findUser(decodeURIComponent(match[1]!));
      if (!user) return json(404, { error: "no such user" });
      const parsed = userPatch.safeParse(JSON.parse((await readBody(req)) || "{}"));
      if (!parsed.success) return json(400, { error: parsed.error.issues.map((i) => i.message).join("; ") });
      if (parsed.data.groups) user.groups = parsed.data.groups;
      if (parsed.data.disabled !== undefined) user.disabled = parsed.data.disabled;
      return json(200, user);
    }
    return json(404, { error: "not found" });
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    const interaction = /^\/interaction\/([^/]+)(?:\/([a-z]+))?$/.exec(url.pathname);
    const work = interaction
      ? handleInteraction(req, res, interaction[1]!, interaction[2])
      : url.pathname.startsWith("/admin/")
        ? handleAdmin(req, res, url.pathname)
        : Promise.resolve(callback(req, res));
    work.catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      if (!res.headersSent) send(res, 400, page("Sign-in error", `<h1>Sign-in error</h1><div class="error" role="alert">${escapeHtml(message)}</div><p>Go back to Berth and sign in again.</p>`));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, resolve);
  });

  return {
    issuer,
    users: () => users,
    setGroups(username, groups) {
      const user = findUser(username);
      if (!user) throw new Error(`no demo user ${username}`);
      user.groups = groupsInput.parse({ groups }).groups;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
