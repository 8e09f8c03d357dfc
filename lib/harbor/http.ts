import { HarborError, TRANSIENT_STATUSES, codeForStatus } from "./errors";
import { nodeFetch } from "./node-fetch";

export const API_BASE = "/api/v2.0";
/** Harbor's maximum page size (`page_size` above 100 is answered with 422). */
export const MAX_PAGE_SIZE = 100;
const MAX_PAGES = 10_000;
const MAX_BACKOFF_MS = 10_000;

export interface HarborClientOptions {
  /** Harbor's external URL, e.g. https://harbor.example.com (no /api/v2.0). */
  baseUrl: string;
  /** A system robot (`robot$berth`) or, for development, `admin`. */
  username: string;
  password: string;
  /** Per attempt, including reading the body. Default 10 000. */
  timeoutMs?: number;
  /** Extra attempts for idempotent calls on 502/503/504, network errors and timeouts. Default 4. */
  maxRetries?: number;
  /** First backoff step; doubles per attempt, with jitter. Default 250. */
  retryBaseMs?: number;
  /** Default: a keep-alive node:http(s) fetch shared by the process (./node-fetch). */
  fetch?: typeof fetch;
  /** Called after every attempt; for logs and metrics. Never receives credentials. */
  onCall?: (call: HarborCall) => void;
}

/** One HTTP attempt, as reported to `onCall`. */
export interface HarborCall {
  method: string;
  /** Path below /api/v2.0, without the query string. */
  path: string;
  status: number | "network-error" | "timeout";
  /** The X-Request-Id sent (and echoed by Harbor); the same for every attempt of one call. */
  requestId: string;
  attempt: number;
  durationMs: number;
}

export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface RequestOptions {
  method: HttpMethod;
  /** Below /api/v2.0, already encoded (use `seg()` for values). */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** The path addresses a project by name: send `X-Is-Resource-Name: true` so a numeric name is not taken as an id. */
  byName?: boolean;
  /** Whether a transient failure may be retried. Default: GET, HEAD, PUT and DELETE; POST only when the caller resolves a repeat (409 → adopt). */
  idempotent?: boolean;
  /** Statuses returned to the caller instead of thrown. */
  accept?: number[];
  /** Expect `text/plain` (only /ping). */
  text?: boolean;
}

export interface HarborResponse<T> {
  status: number;
  headers: Headers;
  data: T;
  requestId: string;
}

export interface ListPage<T> {
  items: T[];
  requestId: string;
  /** 1-based. */
  page: number;
  /** Harbor's X-Total-Count, when it sent one. */
  total?: number;
  /** No page follows this one. */
  last: boolean;
}

export interface ListResult<T> {
  items: T[];
  /** The request id of the first page. */
  requestId: string;
  requestIds: string[];
}

/** Harbor's X-Total-Count, or undefined when the answer carries none. */
export function totalCount(headers: Headers): number | undefined {
  const header = headers.get("x-total-count")?.trim();
  return header && /^\d+$/.test(header) ? Number(header) : undefined;
}

/** Encodes one path segment. */
export function seg(value: string | number): string {
  return encodeURIComponent(String(value));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface HarborErrorBody {
  errors?: { code?: unknown; message?: unknown }[];
}

function parseErrorBody(text: string): { code?: string; message?: string } {
  try {
    const body = JSON.parse(text) as HarborErrorBody;
    const first = Array.isArray(body.errors) ? body.errors[0] : undefined;
    if (!first) return {};
    const messages = (body.errors ?? []).map((e) => (typeof e.message === "string" ? e.message : "")).filter(Boolean);
    return { code: typeof first.code === "string" ? first.code : undefined, message: messages.join("; ") };
  } catch {
    return {};
  }
}

// The base client: auth, request ids, timeouts, retries and pagination for every Harbor call.
export class HarborTransport {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly retryBaseMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly onCall: ((call: HarborCall) => void) | undefined;
  // Kept in a closure-like private field and only ever placed in the Authorization header.
  readonly #authorization: string;

  constructor(options: HarborClientOptions) {
    if (!/^https?:\/\//.test(options.baseUrl)) throw new TypeError("Harbor baseUrl must be an http(s) URL");
    this.baseUrl = options.baseUrl.replace(/\/+$/, "").replace(/\/api\/v2\.0$/, "");
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxRetries = Math.max(0, options.maxRetries ?? 4);
    this.retryBaseMs = Math.max(0, options.retryBaseMs ?? 250);
    this.fetchImpl = options.fetch ?? nodeFetch();
    this.onCall = options.onCall;
    this.#authorization = `Basic ${Buffer.from(`${options.username}:${options.password}`, "utf8").toString("base64")}`;
  }

  /** Keeps credentials out of logs that print the client. */
  toJSON() {
    return { baseUrl: this.baseUrl, timeoutMs: this.timeoutMs, maxRetries: this.maxRetries };
  }

  private backoff(attempt: number): number {
    const ceiling = Math.min(MAX_BACKOFF_MS, this.retryBaseMs * 2 ** (attempt - 1));
    return ceiling / 2 + Math.random() * (ceiling / 2);
  }

  private url(path: string, query: RequestOptions["query"]): string {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) params.set(k, String(v));
    const qs = params.toString();
    return `${this.baseUrl}${API_BASE}${path}${qs ? `?${qs}` : ""}`;
  }

  private report(call: HarborCall) {
    try {
      this.onCall?.(call);
    } catch {
      // A failing logger must not fail the Harbor call.
    }
  }

  async request<T>(o: RequestOptions): Promise<HarborResponse<T>> {
    const requestId = crypto.randomUUID();
    const idempotent = o.idempotent ?? (o.method === "GET" || o.method === "HEAD" || o.method === "PUT" || o.method === "DELETE");
    const attempts = idempotent ? this.maxRetries + 1 : 1;
    const headers: Record<string, string> = {
      Authorization: this.#authorization,
      Accept: o.text ? "text/plain" : "application/json",
      "X-Request-Id": requestId,
      "User-Agent": "berth-harbor-client",
    };
    if (o.byName) headers["X-Is-Resource-Name"] = "true";
    const body = o.body === undefined ? undefined : JSON.stringify(o.body);
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const url = this.url(o.path, o.query);

    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, this.timeoutMs);
      let status: number;
      let resHeaders: Headers;
      let text: string;
      try {
        const res = await this.fetchImpl(url, { method: o.method, headers, body, signal: controller.signal });
        status = res.status;
        resHeaders = res.headers;
        text = await res.text();
      } catch (error) {
        clearTimeout(timer);
        const kind = timedOut ? "timeout" : "network-error";
        this.report({ method: o.method, path: o.path, status: kind, requestId, attempt, durationMs: Math.round((performance.now() - started) * 10) / 10 });
        if (attempt < attempts) {
          await sleep(this.backoff(attempt));
          continue;
        }
        throw new HarborError({
          status: undefined,
          code: timedOut ? "TIMEOUT" : "NETWORK",
          harborMessage: timedOut ? `no answer within ${this.timeoutMs} ms` : `network error: ${(error as Error).message}`,
          requestId,
          method: o.method,
          path: o.path,
          cause: timedOut ? undefined : error,
        });
      }
      clearTimeout(timer);
      this.report({ method: o.method, path: o.path, status, requestId, attempt, durationMs: Math.round((performance.now() - started) * 10) / 10 });
      const echoedId = resHeaders.get("x-request-id") || requestId;

      if ((status >= 200 && status < 300) || o.accept?.includes(status)) {
        let data: unknown = text;
        if (!o.text && status >= 200 && status < 300 && text.trim() !== "") {
          try {
            data = JSON.parse(text);
          } catch {
            throw new HarborError({ status, code: "INVALID_RESPONSE", harborMessage: "response is not JSON", requestId: echoedId, method: o.method, path: o.path, retryable: false });
          }
        }
        return { status, headers: resHeaders, data: data as T, requestId: echoedId };
      }
      if (TRANSIENT_STATUSES.has(status) && attempt < attempts) {
        await sleep(this.backoff(attempt));
        continue;
      }
      const parsed = parseErrorBody(text);
      throw new HarborError({
        status,
        code: parsed.code ?? codeForStatus(status),
        harborMessage: parsed.message ?? `HTTP ${status}`,
        requestId: echoedId,
        method: o.method,
        path: o.path,
      });
    }
  }

  /**
   * The pages of a list, `page_size=100`, one call each, fetched as the caller asks for them. Follows
   * `Link: rel="next"` and `X-Total-Count`, and stops at a short page: Harbor's member list counts all members in
   * X-Total-Count even when `entityname` filters them. A caller that has what it needs stops early by leaving the loop.
   */
  async *pages<T>(o: Omit<RequestOptions, "method">): AsyncGenerator<ListPage<T>> {
    let seen = 0;
    for (let page = 1; page <= MAX_PAGES; page++) {
      const res = await this.request<T[]>({ ...o, method: "GET", query: { ...o.query, page, page_size: MAX_PAGE_SIZE } });
      const items = Array.isArray(res.data) ? res.data : [];
      seen += items.length;
      const total = totalCount(res.headers);
      const hasNext = /rel="next"/.test(res.headers.get("link") ?? "");
      const last = items.length < MAX_PAGE_SIZE || (!hasNext && (total === undefined || seen >= total));
      yield { items, requestId: res.requestId, page, total, last };
      if (last) return;
    }
  }

  /** Every page of a list (see `pages`). */
  async listAll<T>(o: Omit<RequestOptions, "method">): Promise<ListResult<T>> {
    const items: T[] = [];
    const requestIds: string[] = [];
    for await (const page of this.pages<T>(o)) {
      items.push(...page.items);
      requestIds.push(page.requestId);
    }
    return { items, requestId: requestIds[0] ?? "", requestIds };
  }
}
