// A `fetch` for the Harbor client built on node:http(s) with keep-alive agents. The global fetch (undici) adds
// about half a millisecond of bookkeeping to every call; a provisioning job makes one to three calls per step,
// so the worker uses this one (ADR 009). It covers exactly what HarborTransport sends: a string or URL, a
// method, plain headers, a string body and an AbortSignal; the body is read whole before the promise resolves.
import http from "node:http";
import https from "node:https";

export interface NodeFetchOptions {
  /** Connections per Harbor host at once. Default 16. */
  maxSockets?: number;
  /** An idle kept-alive connection is closed after this long. Default 4 000 (below Node's and nginx's server timeouts). */
  idleSocketMs?: number;
  /** A larger answer is refused. Default 32 MiB (a page of 100 items is far smaller). */
  maxBodyBytes?: number;
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

function headerRecord(headers: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  const entries = headers instanceof Headers ? [...headers.entries()] : Array.isArray(headers) ? headers : Object.entries(headers);
  for (const [k, v] of entries) if (k !== undefined && v !== undefined) out[k.toLowerCase()] = String(v);
  return out;
}

function bodyOf(body: BodyInit | null | undefined): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string" || body instanceof Uint8Array) return body;
  throw new TypeError("this fetch sends string or byte bodies only");
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("This operation was aborted", "AbortError");
}

export function createNodeFetch(options: NodeFetchOptions = {}): typeof fetch {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 16, timeout: options.idleSocketMs ?? 4_000 };
  const agents = { "http:": new http.Agent(agentOptions), "https:": new https.Agent(agentOptions) };
  const maxBodyBytes = options.maxBodyBytes ?? 32 * 1024 * 1024;

  return (input, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      if (input instanceof Request) return reject(new TypeError("this fetch takes a URL, not a Request"));
      const url = new URL(String(input));
      if (url.protocol !== "http:" && url.protocol !== "https:") return reject(new TypeError(`unsupported protocol ${url.protocol}`));
      const { signal } = init;
      if (signal?.aborted) return reject(abortReason(signal));
      let body: string | Uint8Array | undefined;
      try {
        body = bodyOf(init.body);
      } catch (error) {
        return reject(error);
      }
      const headers = headerRecord(init.headers);
      if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
      const method = (init.method ?? "GET").toUpperCase();
      const transport = url.protocol === "https:" ? https : http;

      let settled = false;
      const onAbort = () => req.destroy(new DOMException("This operation was aborted", "AbortError"));
      const done = (error: unknown, response?: Response) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener("abort", onAbort);
        if (error !== undefined) {
          // as the global fetch does: an abort rejects with the signal's reason, anything else with "fetch failed"
          if (signal?.aborted) reject(abortReason(signal));
          else reject(new TypeError(`fetch failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error }));
        } else resolve(response!);
      };

      const req = transport.request(url, { method, headers, agent: agents[url.protocol] }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBodyBytes) {
            done(new Error(`the answer is larger than ${maxBodyBytes} bytes`));
            return void req.destroy();
          }
          chunks.push(chunk);
        });
        res.on("error", (error) => done(error));
        res.on("close", () => {
          if (!res.complete) done(new Error("the connection closed before the answer was complete"));
        });
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          if (status < 200 || status > 599) return done(new Error(`unexpected HTTP status ${status}`));
          const responseHeaders = new Headers();
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) responseHeaders.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
          const payload = NULL_BODY_STATUSES.has(status) || method === "HEAD" ? null : Buffer.concat(chunks);
          done(undefined, new Response(payload, { status, statusText: res.statusMessage ?? "", headers: responseHeaders }));
        });
      });
      req.on("error", (error) => done(error));
      signal?.addEventListener("abort", onAbort, { once: true });
      req.end(body);
    });
}

let shared: typeof fetch | undefined;

/** One keep-alive pool per process, shared by every Harbor client that does not bring its own fetch. */
export function nodeFetch(): typeof fetch {
  shared ??= createNodeFetch();
  return shared;
}
