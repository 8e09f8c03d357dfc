import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeFetch } from "./node-fetch";

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  socket: Socket;
}

let server: http.Server;
let base = "";
const seen: Seen[] = [];
const connections = new Set<Socket>();
let closedRequests = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString(), socket: req.socket });
      const path = req.url ?? "/";
      if (path === "/json") {
        res.writeHead(201, [
          ["Content-Type", "application/json"],
          ["X-Request-Id", "rid-1"],
          ["Set-Cookie", "a=1"],
          ["Set-Cookie", "b=2"],
        ]);
        return res.end(JSON.stringify({ echoed: chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : null }));
      }
      if (path === "/empty") {
        res.writeHead(204);
        return res.end();
      }
      if (path === "/big") {
        res.writeHead(200, { "Content-Type": "text/plain" });
        return res.end("x".repeat(4096));
      }
      if (path === "/cut") {
        // promises 100 bytes, sends 5, then drops the connection
        res.writeHead(200, { "Content-Length": "100" });
        res.write("hello");
        return setTimeout(() => req.socket.destroy(), 20);
      }
      if (path === "/slow") {
        res.on("close", () => (closedRequests += 1));
        return setTimeout(() => res.end("late"), 2_000);
      }
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.end(req.method === "HEAD" ? undefined : "plain");
    });
  });
  server.on("connection", (s) => {
    connections.add(s);
    s.on("close", () => connections.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of connections) s.destroy();
  await new Promise((resolve) => server.close(resolve));
});

describe("createNodeFetch", () => {
  it("sends the method, headers and body, and answers with status, every header and the body", async () => {
    const f = createNodeFetch();
    const res = await f(`${base}/json`, { method: "post", headers: { Authorization: "Basic eA==", "Content-Type": "application/json" }, body: '{"n":1}' });
    const request = seen.at(-1)!;
    expect([request.method, request.headers.authorization, request.headers["content-length"], request.body]).toEqual(["POST", "Basic eA==", "7", '{"n":1}']);
    expect(res.status).toBe(201);
    expect(res.ok).toBe(true);
    expect(res.headers.get("x-request-id")).toBe("rid-1");
    expect(res.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(await res.json()).toEqual({ echoed: { n: 1 } });
  });

  it("takes Headers objects and header pairs as well as records", async () => {
    const f = createNodeFetch();
    await f(new URL(`${base}/plain`), { headers: new Headers({ "X-One": "1" }) });
    expect(seen.at(-1)!.headers["x-one"]).toBe("1");
    await f(`${base}/plain`, { headers: [["X-Two", "2"]] });
    expect(seen.at(-1)!.headers["x-two"]).toBe("2");
  });

  it("gives 204 and HEAD answers an empty body", async () => {
    const f = createNodeFetch();
    const none = await f(`${base}/empty`, { method: "DELETE" });
    expect([none.status, await none.text()]).toEqual([204, ""]);
    const head = await f(`${base}/plain`, { method: "HEAD" });
    expect([head.status, await head.text()]).toEqual([200, ""]);
  });

  it("keeps the connection alive between calls", async () => {
    const f = createNodeFetch();
    await (await f(`${base}/plain`)).text();
    const first = seen.at(-1)!.socket;
    await (await f(`${base}/plain`)).text();
    expect(seen.at(-1)!.socket).toBe(first);
  });

  it("rejects with the signal's reason when aborted, before or during the call, and closes the request", async () => {
    const f = createNodeFetch();
    const already = AbortSignal.abort();
    await expect(f(`${base}/plain`, { signal: already })).rejects.toMatchObject({ name: "AbortError" });

    const controller = new AbortController();
    const pending = f(`${base}/slow`, { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    await expect.poll(() => closedRequests).toBe(1);
  });

  it("rejects with 'fetch failed' and the cause when nothing listens", async () => {
    const idle = http.createServer();
    await new Promise<void>((resolve) => idle.listen(0, "127.0.0.1", resolve));
    const port = (idle.address() as AddressInfo).port;
    await new Promise((resolve) => idle.close(resolve));
    const error = await createNodeFetch()(`http://127.0.0.1:${port}/`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/^fetch failed: .*ECONNREFUSED/);
    expect((error as Error).cause).toMatchObject({ code: "ECONNREFUSED" });
  });

  it("rejects an answer cut short, and one larger than the limit", async () => {
    await expect(createNodeFetch()(`${base}/cut`)).rejects.toThrow(/fetch failed/);
    await expect(createNodeFetch({ maxBodyBytes: 1024 })(`${base}/big`)).rejects.toThrow(/larger than 1024 bytes/);
    expect(await (await createNodeFetch({ maxBodyBytes: 8192 })(`${base}/big`)).text()).toHaveLength(4096);
  });

  it("refuses what HarborTransport never sends: a Request object, a stream body, another protocol", async () => {
    const f = createNodeFetch();
    await expect(f(new Request(`${base}/plain`))).rejects.toThrow(/takes a URL/);
    await expect(f(`${base}/plain`, { method: "POST", body: new Blob(["x"]) })).rejects.toThrow(/string or byte bodies/);
    await expect(f("ftp://example.com/")).rejects.toThrow(/unsupported protocol/);
  });
});
