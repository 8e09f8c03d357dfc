import "server-only";
import diagnostics from "node:diagnostics_channel";
import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { metrics } from "./registry";

// HTTP duration by route for the Next.js server, observed through Node's http diagnostics channels: no wrapper
// around pages, actions or route handlers, one Map entry per request in flight.

interface Route {
  template: string;
  pattern: RegExp;
}

/** A route template of the App Router (`/requests/[id]`) as a matcher. */
function routeMatcher(template: string): Route {
  const source = template
    .split("/")
    .map((segment) => {
      if (/^\[\[\.\.\.[^\]]+\]\]$/.test(segment)) return "(?:/.*)?";
      if (/^\[\.\.\.[^\]]+\]$/.test(segment)) return "/.+";
      if (/^\[[^\]]+\]$/.test(segment)) return "/[^/]+";
      return segment ? `/${segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}` : "";
    })
    .join("");
  return { template, pattern: new RegExp(`^${source || "/"}$`) };
}

/** The build's routes (.next/app-path-routes-manifest.json), static ones first; empty when the build has none. */
export function buildRoutes(dir = path.join(process.cwd(), ".next")): Route[] {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
    const templates = [...new Set(Object.values(manifest))];
    const dynamic = (t: string) => (t.includes("[") ? 1 : 0);
    return templates.sort((a, b) => dynamic(a) - dynamic(b) || b.length - a.length).map(routeMatcher);
  } catch {
    return [];
  }
}

/** The label for a request path: its route template, `/_next/static` for assets, or `other`. */
export function routeOf(routes: Route[], url: string | undefined): string {
  const pathname = (url ?? "/").split("?")[0]!;
  if (pathname.startsWith("/_next/static/")) return "/_next/static";
  if (pathname.startsWith("/_next/")) return "/_next";
  return routes.find((r) => r.pattern.test(pathname))?.template ?? "other";
}

const KEY = Symbol.for("berth.metrics.http");

/** Starts observing every request this process's HTTP server answers (once per process). */
export function observeHttp(routes = buildRoutes()): void {
  const g = globalThis as unknown as { [KEY]?: boolean };
  if (g[KEY]) return;
  g[KEY] = true;
  const started = new WeakMap<IncomingMessage, number>();
  const { httpDuration } = metrics();
  diagnostics.subscribe("http.server.request.start", (message) => {
    started.set((message as { request: IncomingMessage }).request, performance.now());
  });
  diagnostics.subscribe("http.server.response.finish", (message) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    const at = started.get(request);
    if (at === undefined) return;
    started.delete(request);
    httpDuration.observe({ method: request.method ?? "GET", route: routeOf(routes, request.url), status: String(response.statusCode) }, (performance.now() - at) / 1000);
  });
}
