import { afterEach, describe, expect, it, vi } from "vitest";
import { HarborError } from "./errors";
import { HarborTransport, type HarborClientOptions } from "./http";

type Handler = (url: URL, init: RequestInit) => Response;

function transport(handler: Handler, extra: Partial<HarborClientOptions> = {}) {
  const seen: { url: URL; init: RequestInit }[] = [];
  const fetchImpl: typeof fetch = async (input, init = {}) => {
    const url = new URL(String(input));
    seen.push({ url, init });
    return handler(url, init);
  };
  return { t: new HarborTransport({ baseUrl: "https://harbor.test/api/v2.0/", username: "robot$berth", password: "pw", retryBaseMs: 8, fetch: fetchImpl, ...extra }), seen };
}

const page = (items: unknown[], headers: Record<string, string> = {}) => new Response(JSON.stringify(items), { status: 200, headers: { "Content-Type": "application/json", ...headers } });

afterEach(() => {
  vi.restoreAllMocks();
});

describe("HarborTransport", () => {
  it("normalises the base URL and sends basic auth, a request id and JSON", async () => {
    const { t, seen } = transport(() => new Response("", { status: 201 }));
    await t.request({ method: "POST", path: "/projects", body: { project_name: "a" } });
    const headers = new Headers(seen[0]?.init.headers);
    expect(seen[0]?.url.href).toBe("https://harbor.test/api/v2.0/projects");
    expect(headers.get("authorization")).toBe(`Basic ${Buffer.from("robot$berth:pw").toString("base64")}`);
    expect(headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(headers.get("content-type")).toBe("application/json");
    expect(headers.get("cookie")).toBeNull();
    expect(seen[0]?.init.body).toBe('{"project_name":"a"}');
  });

  it("backs off exponentially with jitter between retries", async () => {
    const delays: number[] = [];
    const real = globalThis.setTimeout;
    vi.spyOn(globalThis, "setTimeout").mockImplementation(((fn: () => void, ms?: number) => {
      if (ms !== 10_000) delays.push(ms ?? 0);
      return real(fn, ms);
    }) as typeof setTimeout);
    const { t } = transport(() => new Response("busy", { status: 503 }), { maxRetries: 3 });
    await expect(t.request({ method: "GET", path: "/health" })).rejects.toMatchObject({ status: 503, code: "SERVICE_UNAVAILABLE", harborMessage: "HTTP 503" });
    expect(delays).toHaveLength(3);
    delays.forEach((d, i) => {
      expect(d).toBeGreaterThanOrEqual(4 * 2 ** i);
      expect(d).toBeLessThanOrEqual(8 * 2 ** i);
    });
  });

  it("joins several Harbor errors into one message and keeps the first code", async () => {
    const body = { errors: [{ code: "BAD_REQUEST", message: "one" }, { code: "BAD_REQUEST", message: "two" }] };
    const { t } = transport(() => new Response(JSON.stringify(body), { status: 400, headers: { "X-Request-Id": "echoed" } }));
    const error = await t.request({ method: "GET", path: "/robots" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HarborError);
    expect(error).toMatchObject({ code: "BAD_REQUEST", harborMessage: "one; two", requestId: "echoed" });
  });

  it("refuses a 2xx body that is not JSON", async () => {
    const { t } = transport(() => new Response("<html>portal</html>", { status: 200 }));
    await expect(t.request({ method: "GET", path: "/projects/1" })).rejects.toMatchObject({ code: "INVALID_RESPONSE", retryable: false });
  });

  it("survives an onCall hook that throws", async () => {
    const { t } = transport(() => page([]), { onCall: () => { throw new Error("logger down"); } });
    await expect(t.request({ method: "GET", path: "/robots" })).resolves.toMatchObject({ status: 200 });
  });

  it("pages with page_size=100, following X-Total-Count when there is no Link header", async () => {
    const items = Array.from({ length: 250 }, (_, i) => i);
    const { t, seen } = transport((url) => {
      const p = Number(url.searchParams.get("page"));
      return page(items.slice((p - 1) * 100, p * 100), { "X-Total-Count": "250" });
    });
    const all = await t.listAll<number>({ path: "/robots", query: { q: "Level=project,ProjectID=3" } });
    expect(all.items).toEqual(items);
    expect(seen.map((s) => s.url.search)).toEqual([1, 2, 3].map((p) => `?q=Level%3Dproject%2CProjectID%3D3&page=${p}&page_size=100`));
  });

  it("stops after a full last page when neither Link nor X-Total-Count promise more", async () => {
    const { t, seen } = transport(() => page(Array.from({ length: 100 }, (_, i) => i), { "X-Total-Count": "100" }));
    await t.listAll({ path: "/robots" });
    expect(seen).toHaveLength(1);
  });
  it("hands out pages one call at a time and makes no further call once the caller stops", async () => {
    const items = Array.from({ length: 350 }, (_, i) => i);
    const { t, seen } = transport((url) => {
      const p = Number(url.searchParams.get("page"));
      return page(items.slice((p - 1) * 100, p * 100), { "X-Total-Count": "350", Link: '</x?page=9>; rel="next"' });
    });
    const got: { page: number; total?: number; last: boolean; n: number }[] = [];
    for await (const p of t.pages<number>({ path: "/robots" })) {
      got.push({ page: p.page, total: p.total, last: p.last, n: p.items.length });
      if (p.page === 2) break;
    }
    expect(got).toEqual([
      { page: 1, total: 350, last: false, n: 100 },
      { page: 2, total: 350, last: false, n: 100 },
    ]);
    expect(seen).toHaveLength(2);
  });

  it("marks a full page as the last when X-Total-Count is reached, and reports no total when Harbor sent none", async () => {
    const { t, seen } = transport((url) => page(Array.from({ length: 100 }, (_, i) => i), url.searchParams.get("page") === "1" ? { "X-Total-Count": "200" } : {}));
    const pages = [];
    for await (const p of t.pages<number>({ path: "/robots" })) pages.push({ page: p.page, total: p.total, last: p.last });
    expect(pages).toEqual([
      { page: 1, total: 200, last: false },
      { page: 2, total: undefined, last: true },
    ]);
    expect(seen).toHaveLength(2);
  });
});
