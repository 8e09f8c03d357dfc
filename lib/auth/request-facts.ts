import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import { BlockList, isIP } from "node:net";
import type { AddressRange } from "../env";

// Facts about a request that the client cannot forge, for the audit trail (docs/audit.md "Where an event came from").
// The proxy cannot see the socket, and Next.js fills X-Forwarded-For with the socket address only when the client did
// not send one. So the HTTP server's own request hook stamps the socket address on every request before Next.js sees
// it; the proxy resolves the client's address from it (trusting X-Forwarded-For only from BERTH_TRUSTED_PROXIES),
// makes Berth's own request id, and hands both on in headers it sets after deleting any copy the client sent.

/** Set by the server's request hook: the TCP peer of this request, overwriting any header of that name from the client. */
export const PEER_HEADER = "x-berth-peer-address";
/** Set by the proxy: where the request came from, as far as Berth can tell. */
export const CLIENT_ADDRESS_HEADER = "x-berth-client-address";
/** Set by the proxy: the X-Request-Id the client sent, if any, kept apart as the client's claim. */
export const CLIENT_REQUEST_ID_HEADER = "x-berth-client-request-id";
/** Set by the proxy: proves to the page that these headers are the proxy's, not the client's. */
export const FACTS_HEADER = "x-berth-facts";
/** Berth's own id of this request; the client's value of this header is replaced. */
export const REQUEST_ID_HEADER = "x-request-id";

const PREFIX = "x-berth-";

interface ProcessFacts {
  hookInstalled: boolean;
  /** per process: the proxy and the pages run in the same one, a client cannot know it */
  token: string;
}

// one record per process, however often the bundles load this module
const facts = ((globalThis as Record<symbol, ProcessFacts | undefined>)[Symbol.for("berth.requestFacts")] ??= { hookInstalled: false, token: randomBytes(18).toString("base64url") });

/** An IP address as Berth records it: IPv4-mapped IPv6 as plain IPv4, IPv6 in lower case; null when not an address. */
export function normalizeAddress(value: string | null | undefined): string | null {
  if (!value) return null;
  let text = value.trim();
  if (text.startsWith("[") && text.endsWith("]")) text = text.slice(1, -1);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(text);
  if (mapped) text = mapped[1]!;
  const family = isIP(text);
  if (family === 0) return null;
  return family === 6 ? text.toLowerCase() : text;
}

const lists = new WeakMap<readonly AddressRange[], BlockList>();

/** BERTH_TRUSTED_PROXIES as a lookup (built once per configuration). */
export function trustedProxies(ranges: readonly AddressRange[]): BlockList {
  let list = lists.get(ranges);
  if (!list) {
    list = new BlockList();
    for (const r of ranges) list.addSubnet(r.address, r.bits, r.family);
    lists.set(ranges, list);
  }
  return list;
}

const trusts = (list: BlockList, address: string) => list.check(address, isIP(address) === 4 ? "ipv4" : "ipv6");

/**
 * The client's address: the socket peer, unless that peer is a trusted proxy; then X-Forwarded-For read from the right,
 * skipping trusted proxies, up to the first address a trusted proxy vouches for. Entries left of an untrusted or
 * malformed one were written by the client and are never believed.
 */
export function resolveClientAddress(peer: string | null, forwardedFor: string | null, trusted: BlockList): string | null {
  const socket = normalizeAddress(peer);
  if (!socket || !trusts(trusted, socket)) return socket;
  let client = socket;
  const hops = (forwardedFor ?? "").split(",").map((h) => h.trim()).filter(Boolean).reverse();
  for (const hop of hops) {
    const address = normalizeAddress(hop);
    if (!address) break;
    client = address;
    if (!trusts(trusted, address)) break;
  }
  return client;
}

// printable ASCII, as request ids are; anything else is not kept
const CLIENT_REQUEST_ID = /^[\x21-\x7e]{1,200}$/;

/**
 * The request headers the app sees: the client's copies of Berth's own headers removed, then the resolved client
 * address, Berth's own request id (X-Request-Id) and the client's X-Request-Id apart, with this process's token.
 */
export function withRequestFacts(incoming: Headers, trusted: BlockList): Headers {
  const headers = new Headers(incoming);
  // Next.js may run the proxy twice for one request (a server action, then its render): the second pass sees what the
  // first set, which only this process can have made, and keeps it
  if (factsEstablished(incoming)) return headers;
  const peer = facts.hookInstalled ? incoming.get(PEER_HEADER) : null;
  for (const name of [...headers.keys()]) if (name.startsWith(PREFIX)) headers.delete(name);
  const address = resolveClientAddress(peer, incoming.get("x-forwarded-for"), trusted);
  if (address) headers.set(CLIENT_ADDRESS_HEADER, address);
  const claimed = incoming.get(REQUEST_ID_HEADER)?.trim();
  if (claimed && CLIENT_REQUEST_ID.test(claimed)) headers.set(CLIENT_REQUEST_ID_HEADER, claimed);
  headers.set(REQUEST_ID_HEADER, randomUUID());
  headers.set(FACTS_HEADER, facts.token);
  return headers;
}

/** Whether this process's proxy already established the facts of these headers. */
export const factsEstablished = (headers: { get(name: string): string | null }) => headers.get(FACTS_HEADER) === facts.token;

export interface RequestFacts {
  sourceIp: string | null;
  portalRequestId: string | null;
  clientRequestId: string | null;
}

/** The facts the proxy set for this request; nothing when the headers did not come from this process's proxy. */
export function readRequestFacts(headers: { get(name: string): string | null }): RequestFacts {
  if (!factsEstablished(headers)) return { sourceIp: null, portalRequestId: null, clientRequestId: null };
  return { sourceIp: headers.get(CLIENT_ADDRESS_HEADER), portalRequestId: headers.get(REQUEST_ID_HEADER), clientRequestId: headers.get(CLIENT_REQUEST_ID_HEADER) };
}

/**
 * Stamps every request this process's HTTP server receives with its socket address (PEER_HEADER), replacing any
 * header of that name the client sent, before Next.js handles it. Node's `http.server.request.start` diagnostics
 * channel runs synchronously before the request is handed to the server's handler. Installed once, at start-up.
 */
export function installPeerAddressHook(): void {
  if (facts.hookInstalled) return;
  subscribe("http.server.request.start", (message) => {
    const request = (message as { request?: IncomingMessage }).request;
    if (!request) return;
    const address = normalizeAddress(request.socket?.remoteAddress);
    if (address) request.headers[PEER_HEADER] = address;
    else delete request.headers[PEER_HEADER];
  });
  facts.hookInstalled = true;
}
