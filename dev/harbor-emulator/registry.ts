// The registry's `/v2/` ping and Harbor's token service, enough for `docker login` with a robot's secret.
// Neither belongs to the /api/v2.0 document (they are the distribution registry and core's token service),
// so their answers are exempt from contract validation.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { authenticate, canProject, type AuthConfig, type Principal } from "./auth";
import type { EmulatorState } from "./state";

export const TOKEN_SERVICE = "harbor-registry";
const TOKEN_TTL_SECONDS = 1800;

export interface RegistryReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface AccessEntry {
  type: string;
  name: string;
  actions: string[];
}

function b64url(data: string | Buffer): string {
  return Buffer.from(data).toString("base64url");
}

export class TokenService {
  private readonly key = randomBytes(32);

  sign(subject: string, access: AccessEntry[], nowSeconds: number): string {
    const header = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
    const payload = b64url(
      JSON.stringify({ iss: "harbor-token-issuer", sub: subject, aud: TOKEN_SERVICE, exp: nowSeconds + TOKEN_TTL_SECONDS, nbf: nowSeconds, iat: nowSeconds, jti: randomUUID(), access }),
    );
    const signature = createHmac("sha256", this.key).update(`${header}.${payload}`).digest("base64url");
    return `${header}.${payload}.${signature}`;
  }

  verify(token: string, nowSeconds: number): boolean {
    const [header, payload, signature] = token.split(".");
    if (!header || !payload || !signature) return false;
    const expected = Buffer.from(createHmac("sha256", this.key).update(`${header}.${payload}`).digest("base64url"));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
    try {
      const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { exp?: number };
      return typeof claims.exp === "number" && claims.exp > nowSeconds;
    } catch {
      return false;
    }
  }
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): RegistryReply => ({
  status,
  headers: { "Content-Type": "application/json; charset=utf-8", ...headers },
  body: `${JSON.stringify(body)}\n`,
});

// Which of the requested actions on repository `project/repo` the principal gets (push needs push, pull needs pull,
// `*` and delete need repository:delete); unknown projects grant nothing.
function grant(state: EmulatorState, principal: Principal, scope: string): AccessEntry | undefined {
  const parts = scope.split(":");
  if (parts.length < 3) return undefined;
  const type = parts[0] ?? "";
  const actions = (parts[parts.length - 1] ?? "").split(",").filter(Boolean);
  const name = parts.slice(1, -1).join(":");
  if (type !== "repository") return { type, name, actions: [] };
  const projectName = name.split("/")[0] ?? "";
  const project = state.projects.find((p) => p.name === projectName);
  const granted = project
    ? actions.filter((a) => {
        const needed = a === "*" ? "delete" : a;
        return ["pull", "push", "delete"].includes(needed) && canProject(state, principal, project.id, "repository", needed);
      })
    : [];
  return { type, name, actions: granted };
}

export function registryPing(state: EmulatorState, cfg: AuthConfig, tokens: TokenService, authorization: string | undefined, realmBase: string): RegistryReply {
  const bearer = authorization?.match(/^bearer\s+(.+)$/i)?.[1];
  const valid = bearer ? tokens.verify(bearer, cfg.nowSeconds()) : authenticate(state, cfg, authorization).kind !== "anonymous";
  if (valid) return json(200, {}, { "Docker-Distribution-Api-Version": "registry/2.0" });
  return json(
    401,
    { errors: [{ code: "UNAUTHORIZED", message: "authentication required", detail: null }] },
    { "Docker-Distribution-Api-Version": "registry/2.0", "WWW-Authenticate": `Bearer realm="${realmBase}/service/token",service="${TOKEN_SERVICE}"` },
  );
}

export function issueToken(state: EmulatorState, cfg: AuthConfig, tokens: TokenService, authorization: string | undefined, query: URLSearchParams, nowMs: number): RegistryReply {
  const principal = authenticate(state, cfg, authorization);
  if (principal.kind === "anonymous") return json(401, { errors: [{ code: "UNAUTHORIZED", message: "authentication required" }] });
  const access = query
    .getAll("scope")
    .flatMap((s) => s.split(" "))
    .filter(Boolean)
    .map((s) => grant(state, principal, s))
    .filter((a): a is AccessEntry => a !== undefined);
  const nowSeconds = Math.floor(nowMs / 1000);
  const token = tokens.sign(principal.username, access, nowSeconds);
  return json(200, { token, access_token: token, expires_in: TOKEN_TTL_SECONDS, issued_at: new Date(nowMs).toISOString() });
}
