import "server-only";
import type { HarborCall } from "../harbor";
import { metrics } from "./registry";

// Path segments kept as they are in an operation label; any other segment is a name or id and becomes {id}.
const WORDS = new Set([
  "projects", "members", "robots", "quotas", "immutabletagrules", "usergroups", "metadatas", "repositories", "artifacts", "users",
  "current", "permissions", "_deletable", "summary", "auditlog-exts", "logs", "audit-logs", "ping", "health", "systeminfo", "search",
]);

/** `GET /projects/{id}/members/{id}` for `GET /projects/finance/members/12`: a bounded label for a Harbor call. */
export function harborOperation(method: string, path: string): string {
  const template = path
    .split("/")
    .map((segment) => (segment === "" || WORDS.has(segment) ? segment : "{id}"))
    .join("/");
  return `${method} ${template}`;
}

/** The Harbor client's onCall hook: one observation per attempt. */
export function observeHarborCall(call: HarborCall): void {
  metrics().harborDuration.observe({ operation: harborOperation(call.method, call.path), status: String(call.status) }, call.durationMs / 1000);
}
