// A Harbor v2.15 stand-in for development and tests: a plain node:http server that answers the /api/v2.0
// operations Berth uses the way Harbor does (see api.ts), in OIDC auth mode, with fault injection.
import { ROBOT_PREFIX } from "../../lib/core/names";
import { randomBytes, randomUUID } from "node:crypto";
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { harborContract } from "./contract";
import { handlers, type Ctx, type EmulatorConfig, type Reply } from "./api";
import { activityEntry, activityInput, auditLogHandlers, auditSettingsUpdate } from "./audit-log";
import { authenticate, type AuthConfig } from "./auth";
import { ApiError } from "./errors";
import { TokenService, issueToken, registryPing, type RegistryReply } from "./registry";
import { freshState, iso, loadState, recordAudit, saveState, type AuditSettings, type EmulatorState } from "./state";

export type { EmulatorConfig } from "./api";
export type { AuditSettings, EmulatorState } from "./state";

const operations = { ...handlers, ...auditLogHandlers };

/** A pull or push as Harbor's audit log records it; see POST /__emulator/projects/{name}/activity. */
export interface SimulatedActivity {
  /** A robot's full name (`robot$team-a+ci`) or a user's name, as Harbor's security context names them. */
  username: string;
  operation: "pull" | "push";
  /** The repository inside the project ("app"); a push creates it, a pull needs it. */
  repository: string;
  tag?: string;
  digest?: string;
  /** When it happened; the past is allowed, the future is not. Default: now. */
  at?: Date | string;
  /** How many identical events. Default 1. */
  count?: number;
}

export interface Faults {
  /** How long every answer takes, counted from the request's arrival: the emulator's own work is part of it. */
  latencyMs: number;
  /** Share (0..1) of requests answered with `errorStatus`. */
  errorRate: number;
  /** 500 comes from Harbor (its JSON error); 502/503/504 from the proxy in front (an nginx HTML page). */
  errorStatus: 500 | 502 | 503 | 504;
  /** Share (0..1) of requests that are never answered. */
  timeoutRate: number;
  /** Every connection is reset. */
  down: boolean;
}

/** One request and its answer, as seen on the wire; for contract checks in tests. */
export interface EmulatorExchange {
  method: string;
  pathname: string;
  query: URLSearchParams;
  requestHeaders: IncomingHttpHeaders;
  requestBody: string;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: string;
  /** The documented operation ("GET /projects/{project_name_or_id}") or the route outside the document. */
  route: string;
  /** Answered by fault injection, not by the emulated Harbor. */
  injected: boolean;
  /** /v2/, /service/token and unknown paths: not part of the API document. */
  outsideDocument: boolean;
}

export interface StartHarborEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The built-in admin's password; Harbor12345 like a fresh Harbor. */
  adminPassword?: string;
  /** Keep state in this JSON file across restarts (only salted secret hashes are written). */
  stateFile?: string;
  /** Clock in milliseconds, for expiry tests. */
  now?: () => number;
  config?: Partial<Omit<EmulatorConfig, "adminPassword">>;
  onExchange?: (exchange: EmulatorExchange) => void;
}

export interface HarborEmulator {
  /** http://127.0.0.1:PORT, no trailing slash. */
  url: string;
  adminPassword: string;
  close(): Promise<void>;
  faults(f: Partial<Faults>): void;
  currentFaults(): Faults;
  /** Back to a fresh Harbor; also clears faults and statistics. */
  reset(): void;
  /** Stands in for a `docker push`: the project then has a repository (and cannot be deleted: 412). */
  addRepository(project: string, repo: string): void;
  /** Logs pulls or pushes as Harbor would (subject to the audit-logging settings); returns how many were stored. */
  recordActivity(project: string, activity: SimulatedActivity): number;
  /** Reads, or changes, Harbor's audit-logging settings (pull logging off, database skipped, event types off). */
  auditLogging(change?: Partial<AuditSettings>): AuditSettings;
  stats(): { total: number; byRoute: Record<string, number> };
  resetStats(): void;
  /** A deep copy of the emulated Harbor's data (robot secrets only as salted hashes). */
  state(): EmulatorState;
}

const NO_FAULTS: Faults = { latencyMs: 0, errorRate: 0, errorStatus: 503, timeoutRate: 0, down: false };
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);
const NGINX_TITLES: Record<number, string> = { 502: "502 Bad Gateway", 503: "503 Service Temporarily Unavailable", 504: "504 Gateway Time-out" };

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Resolves at `deadline` (performance.now() time), or at once when it has passed. */
function until(deadline: number): Promise<void> | void {
  const wait = deadline - performance.now();
  if (wait > 0) return new Promise((resolve) => setTimeout(resolve, wait));
}

function cookie(headers: IncomingHttpHeaders, name: string): string | undefined {
  for (const part of (headers.cookie ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return undefined;
}

// go-openapi's content negotiation: no Accept takes the first offer, otherwise a type (or wildcard) must match.
function acceptable(accept: string | undefined, produces: string[]): boolean {
  if (!accept?.trim()) return true;
  const wanted = accept
    .split(",")
    .map((part) => {
      const [type = "", ...params] = part.split(";").map((s) => s.trim().toLowerCase());
      const q = params.find((p) => p.startsWith("q="));
      return { type, q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((w) => w.q > 0);
  return produces.some((offer) => {
    const o = offer.toLowerCase();
    return wanted.some((w) => w.type === "*/*" || w.type === o || (w.type.endsWith("/*") && o.startsWith(w.type.slice(0, -1))));
  });
}

function errorBody(code: string, message: string): string {
  return `${JSON.stringify({ errors: [{ code, message }] })}\n`;
}

function validFaults(f: unknown): Partial<Faults> {
  if (typeof f !== "object" || f === null) throw new ApiError(400, "BAD_REQUEST", "faults must be a JSON object");
  const o = f as Record<string, unknown>;
  const out: Partial<Faults> = {};
  const share = (k: "errorRate" | "timeoutRate") => {
    if (o[k] === undefined) return;
    const v = o[k];
    if (typeof v !== "number" || v < 0 || v > 1) throw new ApiError(400, "BAD_REQUEST", `${k} must be a number from 0 to 1`);
    out[k] = v;
  };
  share("errorRate");
  share("timeoutRate");
  if (o.latencyMs !== undefined) {
    if (typeof o.latencyMs !== "number" || o.latencyMs < 0) throw new ApiError(400, "BAD_REQUEST", "latencyMs must be a non-negative number");
    out.latencyMs = o.latencyMs;
  }
  if (o.errorStatus !== undefined) {
    if (o.errorStatus !== 500 && o.errorStatus !== 502 && o.errorStatus !== 503 && o.errorStatus !== 504) throw new ApiError(400, "BAD_REQUEST", "errorStatus must be 500, 502, 503 or 504");
    out.errorStatus = o.errorStatus;
  }
  if (o.down !== undefined) {
    if (typeof o.down !== "boolean") throw new ApiError(400, "BAD_REQUEST", "down must be a boolean");
    out.down = o.down;
  }
  return out;
}

export async function startHarborEmulator(options: StartHarborEmulatorOptions = {}): Promise<HarborEmulator> {
  const now = options.now ?? Date.now;
  const host = options.host ?? "127.0.0.1";
  const adminPassword = options.adminPassword ?? "Harbor12345";
  const cfg: EmulatorConfig = {
    adminPassword,
    robotPrefix: ROBOT_PREFIX,
    projectCreationRestriction: "everyone",
    storagePerProject: -1,
    oidcProviderName: "OIDC",
    harborVersion: "v2.15.2-emulator",
    ...options.config,
  };
  const authCfg: AuthConfig = { adminPassword, robotPrefix: cfg.robotPrefix, nowSeconds: () => Math.floor(now() / 1000) };
  const contract = harborContract();
  const tokens = new TokenService();
  let state: EmulatorState = options.stateFile ? loadState(options.stateFile, now()) : freshState(now());
  let faults: Faults = { ...NO_FAULTS };
  let stats = { total: 0, byRoute: {} as Record<string, number> };
  const hanging = new Set<ServerResponse>();
  // when each delayed request's answer is due (injected latency)
  const answerAt = new WeakMap<IncomingMessage, number>();
  const sockets = new Set<Socket>();
  let baseUrl = "";

  // Writes are batched (at most one every 250 ms, and one on close): a full rewrite per request would make the
  // emulator's own time, not Harbor's latency, dominate what tests and benchmarks measure.
  let persistTimer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(persistTimer);
    persistTimer = undefined;
    if (options.stateFile) saveState(options.stateFile, state);
  };
  const persist = () => {
    if (!options.stateFile || persistTimer) return;
    persistTimer = setTimeout(flush, 250);
    persistTimer.unref?.();
  };

  function addRepository(project: string, repo: string, atMs = now()) {
    const p = state.projects.find((x) => x.name === project);
    if (!p) throw new ApiError(404, "NOT_FOUND", `project ${project} not found`);
    if (!repo || p.repositories.some((r) => r.name === repo)) return;
    state.seq.repository += 1;
    p.repositories.push({ id: state.seq.repository, name: repo, creationTime: iso(atMs) });
    persist();
  }

  function recordActivity(project: string, body: unknown): number {
    const p = state.projects.find((x) => x.name === project);
    if (!p) throw new ApiError(404, "NOT_FOUND", `project ${project} not found`);
    const activity = activityInput(body, now());
    if (activity.operation === "push") addRepository(project, activity.repository, activity.at);
    else if (!p.repositories.some((r) => r.name === activity.repository)) throw new ApiError(404, "NOT_FOUND", `repository ${project}/${activity.repository} not found`);
    const entry = activityEntry(p.id, p.name, activity);
    let stored = 0;
    for (let i = 0; i < activity.count; i++) if (recordAudit(state, entry)) stored += 1;
    persist();
    return stored;
  }

  function auditLogging(change: unknown = {}): AuditSettings {
    state.auditSettings = auditSettingsUpdate(state.auditSettings, change);
    persist();
    return structuredClone(state.auditSettings);
  }

  function reset() {
    state = freshState(now());
    faults = { ...NO_FAULTS };
    stats = { total: 0, byRoute: {} };
    persist();
  }

  async function send(req: IncomingMessage, res: ServerResponse, x: Omit<EmulatorExchange, "responseHeaders" | "status" | "responseBody" | "requestHeaders" | "method">, status: number, headers: Record<string, string>, body: string) {
    await until(answerAt.get(req) ?? 0);
    res.writeHead(status, { ...headers, "Content-Length": String(Buffer.byteLength(body)) });
    res.end(req.method === "HEAD" ? undefined : body);
    options.onExchange?.({ ...x, method: req.method ?? "GET", requestHeaders: req.headers, status, responseHeaders: headers, responseBody: req.method === "HEAD" ? "" : body });
  }

  async function control(req: IncomingMessage, res: ServerResponse, url: URL) {
    const body = await readBody(req);
    const reply = (status: number, value: unknown) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(`${JSON.stringify(value)}\n`);
    };
    try {
      const path = url.pathname.replace(/\/+$/, "");
      const parsed = (): unknown => {
        try {
          return body.trim() ? JSON.parse(body) : {};
        } catch {
          throw new ApiError(400, "BAD_REQUEST", "body is not JSON");
        }
      };
      const repo = path.match(/^\/__emulator\/projects\/([^/]+)\/repositories$/);
      const activity = path.match(/^\/__emulator\/projects\/([^/]+)\/activity$/);
      if (path === "/__emulator/faults" && req.method === "GET") return reply(200, faults);
      if (path === "/__emulator/faults" && req.method === "PUT") {
        faults = { ...faults, ...validFaults(parsed()) };
        return reply(200, faults);
      }
      if (path === "/__emulator/reset" && req.method === "POST") {
        reset();
        return reply(200, { reset: true });
      }
      if (path === "/__emulator/stats" && req.method === "GET") return reply(200, stats);
      if (path === "/__emulator/stats/reset" && req.method === "POST") {
        stats = { total: 0, byRoute: {} };
        return reply(200, stats);
      }
      if (repo && req.method === "POST") {
        const input = parsed() as { name?: unknown };
        if (typeof input.name !== "string" || !input.name) throw new ApiError(400, "BAD_REQUEST", "name is required");
        addRepository(decodeURIComponent(repo[1] ?? ""), input.name);
        return reply(201, { project: decodeURIComponent(repo[1] ?? ""), name: input.name });
      }
      if (activity && req.method === "POST") {
        const project = decodeURIComponent(activity[1] ?? "");
        return reply(201, { project, logged: recordActivity(project, parsed()) });
      }
      if (path === "/__emulator/audit-logging" && req.method === "GET") return reply(200, state.auditSettings);
      if (path === "/__emulator/audit-logging" && req.method === "PUT") return reply(200, auditLogging(parsed()));
      reply(404, { errors: [{ code: "NOT_FOUND", message: `no emulator control at ${req.method} ${url.pathname}` }] });
    } catch (error) {
      const e = error instanceof ApiError ? error : new ApiError(500, "UNKNOWN", (error as Error).message);
      reply(e.status, { errors: [{ code: e.code, message: e.message }] });
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse, arrived: number) {
    const url = new URL(req.url ?? "/", "http://emulator");
    const method = (req.method ?? "GET").toUpperCase();
    if (url.pathname.startsWith("/__emulator/")) return control(req, res, url);

    const rawBody = await readBody(req);
    const isApi = url.pathname === "/api/v2.0" || url.pathname.startsWith("/api/v2.0/");
    const isRegistry = url.pathname === "/v2" || url.pathname === "/v2/";
    const isToken = url.pathname === "/service/token";
    const matched = isApi ? contract.match(method, url.pathname) : undefined;
    const route = matched?.match?.operation.key ?? (isRegistry ? `${method} /v2/` : `${method} ${url.pathname}`);
    stats.total += 1;
    stats.byRoute[route] = (stats.byRoute[route] ?? 0) + 1;
    const base = { pathname: url.pathname, query: url.searchParams, requestBody: rawBody, route, outsideDocument: !matched?.match };

    if (faults.down) {
      req.socket.destroy();
      return;
    }
    if (faults.latencyMs > 0) answerAt.set(req, arrived + faults.latencyMs);
    if (faults.timeoutRate > 0 && Math.random() < faults.timeoutRate) {
      hanging.add(res);
      res.on("close", () => hanging.delete(res));
      return;
    }
    const requestId = (req.headers["x-request-id"] as string | undefined) || randomUUID();
    if (faults.errorRate > 0 && Math.random() < faults.errorRate) {
      const status = faults.errorStatus;
      if (status === 500) {
        return send(req, res, { ...base, injected: true }, 500, { "Content-Type": "application/json; charset=utf-8", "X-Request-Id": requestId }, errorBody("UNKNOWN", "internal server error"));
      }
      const title = NGINX_TITLES[status] ?? String(status);
      return send(req, res, { ...base, injected: true }, status, { "Content-Type": "text/html" }, `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`);
    }

    const realmBase = `http://${req.headers.host ?? new URL(baseUrl).host}`;
    if (isRegistry || isToken) {
      const r: RegistryReply = isRegistry
        ? registryPing(state, authCfg, tokens, req.headers.authorization, realmBase)
        : issueToken(state, authCfg, tokens, req.headers.authorization, url.searchParams, now());
      return send(req, res, { ...base, injected: false }, r.status, r.headers, r.body);
    }

    const sid = cookie(req.headers, "sid") ?? randomBytes(16).toString("hex");
    const common: Record<string, string> = { "X-Request-Id": requestId, "Set-Cookie": `sid=${sid}; Path=/; HttpOnly` };
    const fail = (e: ApiError) =>
      send(req, res, { ...base, injected: false }, e.status, { ...common, "Content-Type": "application/json; charset=utf-8" }, errorBody(e.code, e.status >= 500 ? "internal server error" : e.message));

    if (!isApi) return fail(new ApiError(404, "NOT_FOUND", `path ${url.pathname} was not found`));
    // Harbor's CSRF check is skipped for /api/ unless the request carries the session cookie it hands out.
    if (cookie(req.headers, "sid") !== undefined && !SAFE_METHODS.has(method)) return fail(new ApiError(403, "FORBIDDEN", "CSRF token invalid"));
    const m = matched?.match;
    if (!m) {
      if (matched?.pathKnown) return fail(new ApiError(405, "METHOD_NOT_ALLOWED", `method ${method} is not allowed, but [${matched.allowed.join(",")}] are`));
      return fail(new ApiError(404, "NOT_FOUND", `path ${url.pathname} was not found`));
    }
    const handler = operations[m.operation.key];
    if (!handler) return fail(new ApiError(501, "NOT_IMPLEMENTED", `${m.operation.key} is not implemented by the Harbor emulator`));
    const problems: string[] = [];
    if (!acceptable(req.headers.accept, m.operation.produces)) problems.push(`unsupported media type requested, only [${m.operation.produces.join(" ")}] are available`);
    // Harbor's request-id middleware fills in an empty X-Request-Id before go-swagger validates the request.
    const validation = contract.validateRequest({ method, path: url.pathname, query: url.searchParams, headers: { ...req.headers, "x-request-id": requestId }, body: rawBody }, { allowUnknown: true });
    problems.push(...validation.failures.map((f) => f.message));
    if (problems.length > 0) return fail(new ApiError(422, "UNPROCESSABLE_ENTITY", `validation failure list:\n${problems.join("\n")}`));

    const ctx: Ctx = {
      method,
      pathname: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      params: m.pathParams,
      body: rawBody.trim() ? (JSON.parse(rawBody) as unknown) : undefined,
      principal: authenticate(state, authCfg, req.headers.authorization),
      state,
      cfg,
      nowMs: now(),
      baseUrl: realmBase,
    };
    let reply: Reply;
    try {
      reply = handler(ctx);
    } catch (error) {
      if (error instanceof ApiError) return fail(error);
      console.error("[harbor-emulator]", error);
      return fail(new ApiError(500, "UNKNOWN", "internal server error"));
    }
    if (!SAFE_METHODS.has(method) && reply.status < 400) persist();
    const headers: Record<string, string> = { ...common, ...reply.headers };
    let body = "";
    if (reply.text !== undefined) body = reply.text;
    else if (reply.json !== undefined) {
      headers["Content-Type"] ??= "application/json";
      body = `${JSON.stringify(reply.json)}\n`;
    }
    return send(req, res, { ...base, injected: false }, reply.status, headers, body);
  }

  const server = http.createServer((req, res) => {
    handle(req, res, performance.now()).catch((error: unknown) => {
      console.error("[harbor-emulator]", error);
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json; charset=utf-8" });
      res.end(errorBody("UNKNOWN", "internal server error"));
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host}:${port}`;
  persist();

  return {
    url: baseUrl,
    adminPassword,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (persistTimer) flush();
        for (const res of hanging) res.destroy();
        for (const s of sockets) s.destroy();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
    faults: (f) => {
      faults = { ...faults, ...validFaults(f) };
    },
    currentFaults: () => ({ ...faults }),
    reset,
    addRepository: (project, repo) => addRepository(project, repo),
    recordActivity: (project, a) => recordActivity(project, { ...a, at: a.at instanceof Date ? a.at.toISOString() : a.at }),
    auditLogging: (change) => auditLogging(change),
    stats: () => ({ total: stats.total, byRoute: { ...stats.byRoute } }),
    resetStats: () => {
      stats = { total: 0, byRoute: {} };
    },
    state: () => structuredClone(state),
  };
}
