// Harbor v2.15.2's extended audit log: GET /auditlog-exts, /auditlog-exts/events and /projects/{p}/auditlog-exts
// (server/v2.0/handler/auditlog.go and project.go), read from `audit_log_ext` through Harbor's generic ORM query
// (lib/q/builder.go, lib/orm/query.go). The legacy /audit-logs and /projects/{p}/logs read a table Harbor stopped
// writing in v2.13; Berth does not use them, so they stay unimplemented (501).
import { createHash } from "node:crypto";
import { canSystem } from "./auth";
import { getProject, isObj, listReply, ok, requireProjectAccess, requireSystemAccess, str, type Ctx, type Handler, type Reply } from "./api";
import { ApiError, badRequest } from "./errors";
import { parseQ, type QValue } from "./query";
import { iso, type AuditLogRec, type AuditSettings } from "./state";

/** pkg/auditext/model.EventTypes at v2.15.2, in Harbor's order. */
export const AUDIT_EVENT_TYPES = [
  "create_artifact",
  "delete_artifact",
  "pull_artifact",
  "create_project",
  "delete_project",
  "delete_repository",
  "login_user",
  "logout_user",
  "create_user",
  "delete_user",
  "update_user",
  "create_robot",
  "delete_robot",
  "update_configuration",
];

type Field = keyof AuditLogRec;
type Kind = "int" | "text" | "bool" | "time";

// Harbor's ORM accepts a model's Go field name or its column name as a `q` or `sort` key; any other key is
// silently ignored. `operation_description` is not one of them: the column is `op_desc`.
const KEYS: Record<string, Field> = {
  ID: "id",
  id: "id",
  ProjectID: "projectId",
  project_id: "projectId",
  Operation: "operation",
  operation: "operation",
  OperationDescription: "description",
  op_desc: "description",
  IsSuccessful: "success",
  op_result: "success",
  ResourceType: "resourceType",
  resource_type: "resourceType",
  Resource: "resource",
  resource: "resource",
  Username: "username",
  username: "username",
  OpTime: "opTime",
  op_time: "opTime",
};

const KINDS: Record<Field, Kind> = {
  id: "int",
  projectId: "int",
  operation: "text",
  description: "text",
  success: "bool",
  resourceType: "text",
  resource: "text",
  username: "text",
  opTime: "time",
};

// A value PostgreSQL cannot cast to the column's type fails the query: Harbor answers 500.
const dbError = () => new ApiError(500, "UNKNOWN", "internal server error");

const unquote = (v: string) => v.trim().replace(/^["']+|["']+$/g, "");

// op_time is a TIMESTAMP without zone: PostgreSQL reads "2026-01-02 03:04:05", the ISO form, or a bare date, and
// ignores any zone written after the time. The emulator's clock is UTC, as in Harbor's containers.
function parseTime(raw: string): number {
  const m = unquote(raw).match(/^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?))?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/i);
  if (!m) throw dbError();
  const ms = Date.parse(`${m[1]}T${m[2] ?? "00:00:00"}Z`);
  if (!Number.isFinite(ms)) throw dbError();
  return ms;
}

function typed(kind: Kind, raw: string): number | string | boolean {
  switch (kind) {
    case "int": {
      const v = unquote(raw);
      if (!/^[+-]?\d+$/.test(v)) throw dbError();
      return Number(v);
    }
    case "bool": {
      const v = unquote(raw).toLowerCase();
      if (["t", "true", "1", "y", "yes", "on"].includes(v)) return true;
      if (["f", "false", "0", "n", "no", "off"].includes(v)) return false;
      throw dbError();
    }
    case "time":
      return parseTime(raw);
    case "text":
      return unquote(raw);
  }
}

type Value = number | string | boolean;
type Predicate = (row: AuditLogRec) => boolean;

// Values are cast when the query is built, as PostgreSQL binds them, so a bad one fails even when no row is read.
function predicate(field: Field, cond: QValue): Predicate {
  const kind = KINDS[field];
  const at = (row: AuditLogRec) => row[field] as Value;
  switch (cond.kind) {
    case "exact": {
      const want = typed(kind, cond.value);
      return (row) => at(row) === want;
    }
    case "fuzzy": {
      // `__icontains`: only text columns; UPPER() of a number or a timestamp fails in PostgreSQL.
      if (kind !== "text") throw dbError();
      const want = cond.value.toLowerCase();
      return (row) => String(at(row)).toLowerCase().includes(want);
    }
    case "range": {
      const low = cond.min === undefined ? undefined : typed(kind, cond.min);
      const high = cond.max === undefined ? undefined : typed(kind, cond.max);
      return (row) => (low === undefined || at(row) >= low) && (high === undefined || at(row) <= high);
    }
    case "or": {
      const wanted = cond.values.map((v) => typed(kind, v));
      return (row) => wanted.includes(at(row));
    }
    case "and":
      // Harbor's ORM leaves an and-list to each DAO; the audit-log DAO ignores it.
      return () => true;
  }
}

function compile(q: Map<string, QValue>): Predicate[] {
  const out: Predicate[] = [];
  for (const [key, cond] of q) {
    const field = KEYS[key];
    if (field) out.push(predicate(field, cond));
  }
  return out;
}

// `sort=-op_time,username`; unknown keys are dropped and, with none left, Harbor's default applies: op_time
// descending. Ties keep id order in the same direction (PostgreSQL gives them no order at all).
function sorted(rows: AuditLogRec[], sort: string | null): AuditLogRec[] {
  const keys = (sort ?? "")
    .split(",")
    .map((k) => ({ field: KEYS[k.replace(/^-/, "")], desc: k.startsWith("-") }))
    .filter((k): k is { field: Field; desc: boolean } => k.field !== undefined);
  if (keys.length === 0) keys.push({ field: "opTime", desc: true });
  const last = keys[keys.length - 1] as { desc: boolean };
  keys.push({ field: "id", desc: last.desc });
  return [...rows].sort((a, b) => {
    for (const { field, desc } of keys) {
      const x = a[field];
      const y = b[field];
      if (x === y) continue;
      return (x < y ? -1 : 1) * (desc ? -1 : 1);
    }
    return 0;
  });
}

function entryJson(row: AuditLogRec): Record<string, unknown> {
  const out: Record<string, unknown> = { id: row.id, operation_result: row.success, op_time: iso(row.opTime) };
  if (row.username) out.username = row.username;
  if (row.resource) out.resource = row.resource;
  if (row.resourceType) out.resource_type = row.resourceType;
  if (row.operation) out.operation = row.operation;
  if (row.description) out.operation_description = row.description;
  return out;
}

function list(ctx: Ctx, rows: AuditLogRec[], q: Map<string, QValue>): Reply {
  const where = compile(q);
  const selected = rows.filter((row) => where.every((p) => p(row)));
  return listReply(ctx, sorted(selected, ctx.query.get("sort")).map(entryJson));
}

export const auditLogHandlers: Record<string, Handler> = {
  // System admins (and system robots with audit-log:list) read everything. Anyone else authenticated is narrowed to
  // the projects where they hold log:list as a *member*; a robot is never a member, so it gets an empty list with
  // 200, not a 403.
  "GET /auditlog-exts": (ctx) => {
    if (ctx.principal.kind === "anonymous") throw new ApiError(401, "UNAUTHORIZED", "");
    const q = parseQ(ctx.query.get("q"));
    const rows = canSystem(ctx.principal, "audit-log", "list") ? ctx.state.auditLogs : [];
    return list(ctx, rows, q);
  },

  "GET /auditlog-exts/events": (ctx) => {
    requireSystemAccess(ctx, "audit-log", "list");
    return ok(AUDIT_EVENT_TYPES.map((event_type) => ({ event_type })));
  },

  // `project_name` is always a name here (no X-Is-Resource-Name); Harbor's own ProjectID condition wins over one in q.
  "GET /projects/{project_name}/auditlog-exts": (ctx) => {
    const name = ctx.params.project_name ?? "";
    requireProjectAccess(ctx, name, "list", "log");
    const project = getProject(ctx.state, name);
    const q = parseQ(ctx.query.get("q"));
    q.delete("ProjectID");
    return list(
      ctx,
      ctx.state.auditLogs.filter((r) => r.projectId === project.id),
      q,
    );
  },
};

export interface ActivityInput {
  username: string;
  operation: "pull" | "push";
  /** Inside the project: "app" stands for "<project>/app". */
  repository: string;
  tag?: string;
  digest?: string;
  /** When it happened (ms); defaults to now. */
  at: number;
  /** Identical events to log. */
  count: number;
}

const REPO_RE = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/;
const TAG_RE = /^[\w][\w.-]{0,127}$/;
const DIGEST_RE = /^sha256:[a-f0-9]{64}$/;
const MAX_ACTIVITY = 10_000;

/** Checks the body of POST /__emulator/projects/{name}/activity. */
export function activityInput(body: unknown, nowMs: number): ActivityInput {
  if (!isObj(body)) throw badRequest("the activity must be a JSON object");
  const username = str(body.username);
  if (!username) throw badRequest("username is required (a robot's full name, e.g. robot$team-a+ci, or a user's name)");
  const operation = body.operation;
  if (operation !== "pull" && operation !== "push") throw badRequest('operation must be "pull" or "push"');
  const repository = str(body.repository);
  if (!REPO_RE.test(repository)) throw badRequest("repository must be a repository name inside the project, e.g. app");
  const tag = body.tag === undefined ? undefined : str(body.tag);
  if (tag !== undefined && !TAG_RE.test(tag)) throw badRequest("tag is not a valid tag");
  const digest = body.digest === undefined ? undefined : str(body.digest);
  if (digest !== undefined && !DIGEST_RE.test(digest)) throw badRequest("digest must be sha256:<64 hex digits>");
  let at = nowMs;
  if (body.at !== undefined) {
    at = typeof body.at === "string" ? Date.parse(body.at) : NaN;
    if (!Number.isFinite(at)) throw badRequest("at must be an ISO 8601 time, e.g. 2026-01-02T03:04:05Z");
    if (at > nowMs) throw badRequest("at must not be in the future");
  }
  const count = body.count === undefined ? 1 : body.count;
  if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > MAX_ACTIVITY) throw badRequest(`count must be an integer from 1 to ${MAX_ACTIVITY}`);
  return { username, operation, repository, tag, digest, at, count };
}

/**
 * The entry Harbor writes for a pull (a manifest GET) or a push (a manifest PUT) (controller/event/topic.go):
 * operation "pull" or "create", resource type "artifact", resource `<project>/<repo>:<tag>`, or `@<digest>` when the
 * client named no tag; usernames longer than 255 characters are cut to 252 plus "...".
 */
export function activityEntry(projectId: number, projectName: string, a: ActivityInput): Omit<AuditLogRec, "id"> {
  const repo = `${projectName}/${a.repository}`;
  const digest = a.digest ?? `sha256:${createHash("sha256").update(`${repo}:${a.tag ?? ""}`).digest("hex")}`;
  const verb = a.operation === "pull" ? "pull" : "push";
  return {
    projectId,
    operation: a.operation === "pull" ? "pull" : "create",
    resourceType: "artifact",
    resource: a.tag ? `${repo}:${a.tag}` : `${repo}@${digest}`,
    username: a.username.length > 255 ? `${a.username.slice(0, 252)}...` : a.username,
    description: `${verb} artifact: ${repo}@${digest}`,
    success: true,
    opTime: a.at,
  };
}

/** Checks PUT /__emulator/audit-logging against the current settings, with Harbor's rule for skipping the database. */
export function auditSettingsUpdate(current: AuditSettings, body: unknown): AuditSettings {
  if (!isObj(body)) throw badRequest("audit-logging settings must be a JSON object");
  const next = structuredClone(current);
  for (const key of ["pullAuditLogDisable", "skipAuditLogDatabase"] as const) {
    if (body[key] === undefined) continue;
    if (typeof body[key] !== "boolean") throw badRequest(`${key} must be a boolean`);
    next[key] = body[key];
  }
  if (body.auditLogForwardEndpoint !== undefined) {
    if (typeof body.auditLogForwardEndpoint !== "string") throw badRequest("auditLogForwardEndpoint must be a string (host:port)");
    next.auditLogForwardEndpoint = body.auditLogForwardEndpoint;
  }
  if (body.disabledEventTypes !== undefined) {
    const v = body.disabledEventTypes;
    if (!Array.isArray(v) || !v.every((t) => typeof t === "string")) throw badRequest("disabledEventTypes must be a list of event types, e.g. [\"pull_artifact\"]");
    next.disabledEventTypes = v;
  }
  // controller/config verifySkipAuditLogCfg
  if ((body.skipAuditLogDatabase !== undefined || body.auditLogForwardEndpoint !== undefined) && next.skipAuditLogDatabase && !next.auditLogForwardEndpoint) {
    throw badRequest("audit log forward endpoint should be configured before enable skip audit log in database");
  }
  return next;
}
