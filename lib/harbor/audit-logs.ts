// Reading Harbor's extended audit log (v2.13+; `audit_log_ext`): what docs/harbor.md "Audit logs and usage" describes.
// The legacy /audit-logs and /projects/{p}/logs read a table Harbor no longer writes and are not used.
import type { WithRequestId } from "./client";
import type { components } from "./generated/harbor";
import { MAX_PAGE_SIZE, seg, totalCount, type HarborTransport } from "./http";

type AuditLogExtPayload = components["schemas"]["AuditLogExt"];
type AuditLogEventTypePayload = components["schemas"]["AuditLogEventType"];

export interface HarborAuditLogEntry {
  id: number;
  /** Who acted, as Harbor named them: a robot's full name (`robot$team-a+ci`), a user's Harbor name, `anonymous`. */
  username: string;
  /** Harbor's spelling: `pull`, `create` (a push is `create` of an `artifact`), `delete`, `update`… */
  operation: string;
  /** `artifact`, `project`, `repository`, `robot`, `tag`, `user`, `configuration`… */
  resourceType: string;
  /** For artifacts `<project>/<repository>:<tag>`, or `@<digest>` when the client named no tag. */
  resource: string;
  description: string;
  success: boolean;
  /** As Harbor sent it (ISO 8601, UTC on a stock Harbor). */
  opTime: string;
}

/** Server-side conditions, turned into Harbor's `q`. All given conditions must hold. */
export interface AuditLogFilter {
  /** Any of these operations (`operation={a b}`). */
  operations?: string[];
  /** Any of these resource types. */
  resourceTypes?: string[];
  /** Any of these usernames, exact. */
  usernames?: string[];
  /** op_time at or after, to the second. */
  from?: Date;
  /** op_time at or before, to the second. */
  to?: Date;
  /** Harbor sort keys, e.g. `["-op_time", "-id"]`. Default: newest first, ties by id, so pages are stable. */
  sort?: string[];
}

export interface AuditLogPage extends WithRequestId {
  entries: HarborAuditLogEntry[];
  /** 1-based. */
  page: number;
  /** X-Total-Count: entries matching the filter, on all pages. */
  total?: number;
  /** No page follows. */
  last: boolean;
}

export interface HarborAuditLogClient {
  /** One page of a project's log (GET /projects/{p}/auditlog-exts): needs project `log:list` (403 without it). */
  listProjectAuditLogs(project: string, filter?: AuditLogFilter, paging?: { page?: number; pageSize?: number }): Promise<AuditLogPage>;
  /**
   * A project's log, page by page (page_size 100), each page fetched when the loop asks for it: leave the loop to stop
   * calling Harbor. The filter is checked at once (TypeError), before any call.
   */
  projectAuditLogPages(project: string, filter?: AuditLogFilter): AsyncGenerator<AuditLogPage>;
  /**
   * One page of the system-wide log (GET /auditlog-exts). Only system admins and robots with system `audit-log:list`
   * see entries: any other robot gets 200 with an empty list, so "empty" here never means "nothing happened".
   */
  listAuditLogs(filter?: AuditLogFilter, paging?: { page?: number; pageSize?: number }): Promise<AuditLogPage>;
  /** Event types Harbor can log (`pull_artifact`…); a fixed list, not what this Harbor has switched on. Needs system `audit-log:list`. */
  listAuditLogEventTypes(): Promise<{ eventTypes: string[] } & WithRequestId>;
}

const DEFAULT_SORT = ["-op_time", "-id"];
const SORT_KEY = /^-?[A-Za-z_]+$/;
const WORD = /^[a-z][a-z_-]*$/;
// Characters with a meaning in Harbor's q (separators, list and range brackets, quotes it strips, its escape).
const Q_SYNTAX = /[\s,{}()[\]~"'\\]/;

function checkValues(name: string, values: string[] | undefined, pattern?: RegExp): string[] | undefined {
  if (values === undefined) return undefined;
  if (!Array.isArray(values) || values.length === 0) throw new TypeError(`audit-log filter ${name} must be a non-empty list`);
  for (const v of values) {
    if (typeof v !== "string" || v === "" || Q_SYNTAX.test(v) || (pattern && !pattern.test(v))) throw new TypeError(`audit-log filter ${name}: ${JSON.stringify(v)} cannot be expressed in Harbor's q`);
  }
  return values;
}

function anyOf(key: string, values: string[]): string {
  return values.length === 1 ? `${key}=${values[0]}` : `${key}={${values.join(" ")}}`;
}

// Harbor compares op_time (a TIMESTAMP without zone) with the text it is given; the documented form is
// "2020-04-09 02:36:00", Harbor's own clock is UTC.
function harborTime(name: string, d: Date): string {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new TypeError(`audit-log filter ${name} must be a valid Date`);
  return d.toISOString().slice(0, 19).replace("T", " ");
}

/** The `q` and `sort` parameters for a filter; TypeError for what Harbor's q cannot express. */
export function auditLogQuery(filter: AuditLogFilter = {}): { q?: string; sort: string } {
  const parts: string[] = [];
  const operations = checkValues("operations", filter.operations, WORD);
  const resourceTypes = checkValues("resourceTypes", filter.resourceTypes, WORD);
  const usernames = checkValues("usernames", filter.usernames);
  if (operations) parts.push(anyOf("operation", operations));
  if (resourceTypes) parts.push(anyOf("resource_type", resourceTypes));
  if (usernames) parts.push(anyOf("username", usernames));
  const from = filter.from === undefined ? undefined : harborTime("from", filter.from);
  const to = filter.to === undefined ? undefined : harborTime("to", filter.to);
  if (from !== undefined && to !== undefined && from > to) throw new TypeError("audit-log filter: from is after to");
  if (from !== undefined || to !== undefined) parts.push(`op_time=[${from ?? ""}~${to ?? ""}]`);
  const sort = filter.sort ?? DEFAULT_SORT;
  if (sort.length === 0 || !sort.every((k) => SORT_KEY.test(k))) throw new TypeError("audit-log sort keys are field names, optionally with a leading '-'");
  // Harbor unescapes q once more after the HTTP layer: a "+" (robot$team+ci) must reach it as %2B, a "%" as %25.
  const q = parts.length ? parts.join(",").replace(/%/g, "%25").replace(/\+/g, "%2B") : undefined;
  return { q, sort: sort.join(",") };
}

function toEntry(e: AuditLogExtPayload): HarborAuditLogEntry {
  return {
    id: e.id ?? 0,
    username: e.username ?? "",
    operation: e.operation ?? "",
    resourceType: e.resource_type ?? "",
    resource: e.resource ?? "",
    description: e.operation_description ?? "",
    success: e.operation_result ?? true,
    opTime: e.op_time ?? "",
  };
}

function checkPaging(paging: { page?: number; pageSize?: number }) {
  const { page = 1, pageSize = MAX_PAGE_SIZE } = paging;
  // page_size 0 would make Harbor return every row at once; Berth never asks for that.
  if (!Number.isInteger(page) || page < 1) throw new TypeError("page must be a positive integer");
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) throw new TypeError(`page size must be 1 to ${MAX_PAGE_SIZE}`);
  return { page, page_size: pageSize };
}

/** The audit-log calls of the Harbor client, on its transport. */
export function auditLogClient(t: HarborTransport): HarborAuditLogClient {
  const projectLogPath = (project: string) => `/projects/${seg(project)}/auditlog-exts`;

  async function onePage(path: string, filter: AuditLogFilter | undefined, paging: { page?: number; pageSize?: number }): Promise<AuditLogPage> {
    const query = { ...auditLogQuery(filter), ...checkPaging(paging) };
    const res = await t.request<AuditLogExtPayload[]>({ method: "GET", path, query });
    const entries = (Array.isArray(res.data) ? res.data : []).map(toEntry);
    const total = totalCount(res.headers);
    const last = entries.length < query.page_size || (total !== undefined && query.page * query.page_size >= total);
    return { entries, page: query.page, total, last, requestId: res.requestId };
  }

  async function* pages(path: string, query: { q?: string; sort: string }): AsyncGenerator<AuditLogPage> {
    for await (const p of t.pages<AuditLogExtPayload>({ path, query })) {
      yield { entries: p.items.map(toEntry), page: p.page, total: p.total, last: p.last, requestId: p.requestId };
    }
  }

  return {
    listProjectAuditLogs: (project, filter, paging = {}) => onePage(projectLogPath(project), filter, paging),

    projectAuditLogPages(project, filter) {
      if (typeof project !== "string" || project === "") throw new TypeError("project name is required");
      return pages(projectLogPath(project), auditLogQuery(filter));
    },

    listAuditLogs: (filter, paging = {}) => onePage("/auditlog-exts", filter, paging),

    async listAuditLogEventTypes() {
      const res = await t.request<AuditLogEventTypePayload[]>({ method: "GET", path: "/auditlog-exts/events" });
      return { eventTypes: (Array.isArray(res.data) ? res.data : []).map((e) => e.event_type ?? "").filter(Boolean), requestId: res.requestId };
    },
  };
}
