import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { serverSchema } from "../env";
import {
  CLIENT_ADDRESS_HEADER,
  CLIENT_REQUEST_ID_HEADER,
  installPeerAddressHook,
  normalizeAddress,
  PEER_HEADER,
  readRequestFacts,
  REQUEST_ID_HEADER,
  resolveClientAddress,
  trustedProxies,
  withRequestFacts,
} from "./request-facts";

// The proxy believes X-Forwarded-For only from BERTH_TRUSTED_PROXIES, makes its own request id, and the page reads
// only what the proxy set.

const ranges = (text: string) => serverSchema.shape.BERTH_TRUSTED_PROXIES.parse(text);
const none = trustedProxies([]);
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

// what a client sends to lie about itself
const SPOOFED = {
  "x-forwarded-for": "203.0.113.9",
  "x-real-ip": "203.0.113.10",
  "x-request-id": "spoofed-request-id",
  [CLIENT_ADDRESS_HEADER]: "198.51.100.66",
  [CLIENT_REQUEST_ID_HEADER]: "planted",
  "x-berth-facts": "guess",
};

describe("the client's address", () => {
  it("normalizes IPv4-mapped IPv6 and brackets, and refuses what is not an address", () => {
    expect(normalizeAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeAddress("[2001:DB8::1]")).toBe("2001:db8::1");
    expect(normalizeAddress(" 10.0.0.1 ")).toBe("10.0.0.1");
    for (const bad of ["", "unknown", "10.0.0.1:443", "evil.example", "1.2.3.4.5", null, undefined]) expect(normalizeAddress(bad)).toBeNull();
  });

  it("without a trusted proxy is the socket peer, whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress("::ffff:192.0.2.50", "203.0.113.9", none)).toBe("192.0.2.50");
    expect(resolveClientAddress("192.0.2.50", "203.0.113.9, 10.0.0.1", trustedProxies(ranges("10.0.0.0/8")))).toBe("192.0.2.50");
    expect(resolveClientAddress(null, "203.0.113.9", none)).toBeNull();
  });

  it("behind trusted proxies is the first address from the right that no trusted proxy owns", () => {
    const trusted = trustedProxies(ranges("10.0.0.0/8, fd00::/8, 192.0.2.7"));
    expect(resolveClientAddress("10.1.2.3", "198.51.100.7", trusted)).toBe("198.51.100.7");
    // the client prepends a lie; the proxies append what they saw
    expect(resolveClientAddress("10.1.2.3", "203.0.113.9, 198.51.100.7, 10.9.9.9", trusted)).toBe("198.51.100.7");
    expect(resolveClientAddress("192.0.2.7", "2001:db8::5", trusted)).toBe("2001:db8::5");
    expect(resolveClientAddress("fd00::1", "::ffff:198.51.100.8", trusted)).toBe("198.51.100.8");
    // a malformed hop: nothing left of it is believed, the last trusted proxy is what Berth knows
    expect(resolveClientAddress("10.1.2.3", "198.51.100.7, garbage, 10.9.9.9", trusted)).toBe("10.9.9.9");
    // only proxies: the leftmost they name
    expect(resolveClientAddress("10.1.2.3", "10.4.4.4, 10.9.9.9", trusted)).toBe("10.4.4.4");
    // a trusted proxy that forwards no header is itself the best answer
    expect(resolveClientAddress("10.1.2.3", null, trusted)).toBe("10.1.2.3");
  });

  it("takes CIDR ranges and single addresses, and names a bad entry", () => {
    expect(ranges("10.0.0.0/8,192.0.2.7, fd00::/8")).toEqual([
      { address: "10.0.0.0", bits: 8, family: "ipv4" },
      { address: "192.0.2.7", bits: 32, family: "ipv4" },
      { address: "fd00::", bits: 8, family: "ipv6" },
    ]);
    for (const bad of ["10.0.0.0/33", "10.0.0.0/8/1", "proxy.internal", "fd00::/129", "10.0.0.0/x"]) {
      const result = serverSchema.shape.BERTH_TRUSTED_PROXIES.safeParse(`10.0.0.0/8,${bad}`);
      expect(result.error?.issues[0]?.message).toBe(`"${bad}" is not an IP address or CIDR range (e.g. 10.0.0.0/8, fd00::/8, 192.0.2.7)`);
    }
    expect(ranges("")).toEqual([]);
  });
});

describe("the headers the proxy hands on", () => {
  it("with a spoofing client and no trusted proxy: the socket address, Berth's own request id, the client's id kept apart", () => {
    installPeerAddressHook();
    const forwarded = withRequestFacts(new Headers({ ...SPOOFED, [PEER_HEADER]: "127.0.0.1" }), none);
    const facts = readRequestFacts(forwarded);
    expect(facts.sourceIp).toBe("127.0.0.1");
    expect(facts.portalRequestId).toMatch(uuid);
    expect(facts.portalRequestId).not.toBe(SPOOFED["x-request-id"]);
    expect(facts.clientRequestId).toBe("spoofed-request-id");
    expect(forwarded.get(REQUEST_ID_HEADER)).toBe(facts.portalRequestId);
    expect(forwarded.get(PEER_HEADER)).toBeNull();
    // every request gets its own id
    expect(readRequestFacts(withRequestFacts(new Headers({ [PEER_HEADER]: "127.0.0.1" }), none)).portalRequestId).not.toBe(facts.portalRequestId);
  });

  it("with the same client behind a trusted proxy: the address the proxy saw", () => {
    const trusted = trustedProxies(ranges("10.0.0.0/8"));
    const facts = readRequestFacts(withRequestFacts(new Headers({ ...SPOOFED, "x-forwarded-for": "203.0.113.9, 198.51.100.7", [PEER_HEADER]: "10.0.0.2" }), trusted));
    expect(facts.sourceIp).toBe("198.51.100.7");
    expect(facts.clientRequestId).toBe("spoofed-request-id");
    expect(facts.portalRequestId).toMatch(uuid);
  });

  it("a second pass of the proxy over the same request keeps what the first established", () => {
    const first = withRequestFacts(new Headers({ ...SPOOFED, [PEER_HEADER]: "127.0.0.1" }), none);
    const second = withRequestFacts(first, none);
    expect(readRequestFacts(second)).toEqual(readRequestFacts(first));
    expect(readRequestFacts(second).clientRequestId).toBe("spoofed-request-id");
  });

  it("keeps a client's request id only when it looks like one", () => {
    for (const bad of ["has space", "x".repeat(201), "tab\there", "caf\u00e9"]) {
      expect(readRequestFacts(withRequestFacts(new Headers({ "x-request-id": bad }), none)).clientRequestId, bad).toBeNull();
    }
    expect(readRequestFacts(withRequestFacts(new Headers({ "x-request-id": "abc-123_XYZ.1" }), none)).clientRequestId).toBe("abc-123_XYZ.1");
  });

  it("the page believes none of these headers unless this process's proxy set them", () => {
    expect(readRequestFacts(new Headers(SPOOFED))).toEqual({ sourceIp: null, portalRequestId: null, clientRequestId: null });
  });
});

describe("the server's request hook", () => {
  it("stamps the socket address on every request, replacing a header of that name from the client", async () => {
    installPeerAddressHook();
    const server = http.createServer((req, res) => res.end(JSON.stringify({ peer: req.headers[PEER_HEADER] ?? null })));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_HEADER]: "192.0.2.1", "x-forwarded-for": "203.0.113.9" } });
      expect(await res.json()).toEqual({ peer: "127.0.0.1" });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
