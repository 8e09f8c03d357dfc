// The /api/v2.0 operations the emulator answers, each following Harbor v2.15.2's handler of the same name
// (src/server/v2.0/handler/*.go). Messages are Harbor's own, so clients can be tested against them.
import type { IncomingHttpHeaders } from "node:http";
import { isProjectRobotPermission, isSystemRobotPermission } from "../../lib/core/robot-permissions";
import { roleById } from "../../lib/core/roles";
import { canProject, canSystem, currentPermissions, visibleProjects, type Principal } from "./auth";
import { ApiError, badRequest, conflict, forbidden, notFound, unauthorized } from "./errors";
import { linkHeader, pageOf, parseQ, qMatches, slice } from "./query";
import { hashSecret, iso, newSalt, newSecret, recordAudit, type EmulatorState, type ProjectRec, type RobotPermRec, type RobotRec, type RuleRec, type SelectorRec } from "./state";

export interface EmulatorConfig {
  adminPassword: string;
  robotPrefix: string;
  /** Harbor's `project_creation_restriction`: "everyone" on a fresh Harbor. */
  projectCreationRestriction: "everyone" | "adminonly";
  /** Harbor's `storage_per_project` default quota, -1 = unlimited. */
  storagePerProject: number;
  oidcProviderName: string;
  harborVersion: string;
}

export interface Ctx {
  method: string;
  /** The path as received (for Location and Link). */
  pathname: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  params: Record<string, string>;
  body: unknown;
  principal: Principal;
  state: EmulatorState;
  cfg: EmulatorConfig;
  nowMs: number;
  baseUrl: string;
}

export interface Reply {
  status: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

export type Handler = (ctx: Ctx) => Reply;
type Obj = Record<string, unknown>;

const NAME_RE = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const MAX_QUOTA = 1125899906842624;
const MAX_INT32 = 2147483647;
const BOOL_META = ["public", "enable_content_trust", "enable_content_trust_cosign", "auto_sbom_generation", "prevent_vul", "auto_scan", "reuse_sys_cve_allowlist", "proxy_cache_local_on_not_found"];
const PROJECT_META_KEYS = [...BOOL_META, "severity", "retention_id", "proxy_speed_kb", "max_upstream_conn"];
const SEVERITIES = ["none", "low", "medium", "high", "critical"];
const OIDC_GROUP = 3;

export const ok = (json?: unknown, headers?: Record<string, string>): Reply => ({ status: 200, json, headers });

export function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

function num(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

function parseBoolHeader(v: string | string[] | undefined): boolean {
  const s = (Array.isArray(v) ? v[0] : v)?.trim().toLowerCase() ?? "";
  return ["true", "1", "yes", "ok", "y", "on", "selected", "checked", "enabled"].includes(s);
}

/** `X-Is-Resource-Name: true` forces a name; otherwise a value that parses as an integer is an id (handler/util.go). */
function nameOrId(ctx: Ctx, param = "project_name_or_id"): string | number {
  const raw = ctx.params[param] ?? "";
  if (parseBoolHeader(ctx.headers["x-is-resource-name"])) return raw;
  return /^[+-]?\d+$/.test(raw) && Number.isSafeInteger(Number(raw)) ? Number(raw) : raw;
}

function findProject(state: EmulatorState, ref: string | number): ProjectRec | undefined {
  if (typeof ref === "number") return state.projects.find((p) => p.id === ref);
  if (ref.includes(" ")) throw badRequest(`invalid project name: '${ref}'`);
  return state.projects.find((p) => p.name === ref);
}

export function getProject(state: EmulatorState, ref: string | number): ProjectRec {
  const p = findProject(state, ref);
  if (!p) throw notFound(`project ${ref} not found`);
  return p;
}

// A name that does not exist is checked as project 0: an admin passes and then gets 404, anyone else 403 (#19342).
export function requireProjectAccess(ctx: Ctx, ref: string | number, action: string, resource = "") {
  const id = typeof ref === "number" ? ref : (findProject(ctx.state, ref)?.id ?? 0);
  if (canProject(ctx.state, ctx.principal, id, resource, action)) return;
  if (ctx.principal.kind === "anonymous") throw unauthorized();
  throw forbidden();
}

export function requireSystemAccess(ctx: Ctx, resource: string, action: string) {
  if (ctx.principal.kind === "anonymous") throw unauthorized();
  if (!canSystem(ctx.principal, resource, action)) throw forbidden(ctx.principal.username);
}

function requireAuthenticated(ctx: Ctx) {
  if (ctx.principal.kind === "anonymous") throw unauthorized();
}

export function listReply(ctx: Ctx, all: unknown[], total = all.length): Reply {
  const page = pageOf(ctx.query);
  const headers: Record<string, string> = { "X-Total-Count": String(total) };
  if (total === 0) return { status: 200, json: [], headers };
  const link = linkHeader(ctx.pathname, ctx.query, total, page);
  if (link) headers.Link = link;
  return { status: 200, json: slice(all, page), headers };
}

function location(ctx: Ctx, id: string | number): string {
  return `${ctx.pathname.replace(/\/+$/, "")}/${id}`;
}

function nextId(state: EmulatorState, kind: keyof EmulatorState["seq"]): number {
  state.seq[kind] += 1;
  return state.seq[kind];
}

function ownerName(state: EmulatorState, p: ProjectRec): string {
  return state.users.find((u) => u.id === p.ownerId)?.username ?? "";
}

function projectJson(ctx: Ctx, p: ProjectRec): Obj {
  const meta: Obj = {};
  for (const key of PROJECT_META_KEYS) {
    const v = p.metadata[key];
    if (v === undefined) continue;
    meta[key] = key === "severity" ? (SEVERITIES.includes(v.toLowerCase()) ? v.toLowerCase() : "unknown") : v;
  }
  const out: Obj = {
    project_id: p.id,
    owner_id: p.ownerId,
    name: p.name,
    creation_time: p.creationTime,
    update_time: p.updateTime,
    owner_name: ownerName(ctx.state, p),
    repo_count: p.repositories.length,
    metadata: meta,
    cve_allowlist: { id: p.id, project_id: p.id, creation_time: p.creationTime, update_time: p.updateTime },
  };
  // Only a user (not a robot) has roles in a project.
  if (ctx.principal.kind === "admin") {
    const userId = ctx.principal.userId;
    const roles = ctx.state.members.filter((m) => m.projectId === p.id && m.entityType === "u" && m.entityId === userId).map((m) => m.role);
    const power: Record<number, number> = { 1: 50, 4: 40, 2: 30, 3: 20, 5: 10 };
    const highest = roles.reduce((best, r) => ((power[r] ?? 0) > (power[best] ?? 0) ? r : best), 0);
    if (highest) out.current_user_role_id = highest;
    if (roles.length) out.current_user_role_ids = roles;
  }
  return out;
}

function quotaJson(state: EmulatorState, projectId: number): Obj | undefined {
  const q = state.quotas.find((x) => x.projectId === projectId);
  const p = state.projects.find((x) => x.id === projectId);
  if (!q || !p) return undefined;
  return {
    id: q.id,
    ref: { id: p.id, name: p.name, owner_name: ownerName(state, p) },
    hard: q.hard,
    used: q.used,
    creation_time: q.creationTime,
    update_time: q.updateTime,
  };
}

function memberJson(state: EmulatorState, m: EmulatorState["members"][number]): Obj | undefined {
  const roleName = roleById(m.role)?.apiName;
  // Harbor joins members with its role table: a member holding an unknown role id is not listed.
  if (!roleName) return undefined;
  const entityName = m.entityType === "u" ? state.users.find((u) => u.id === m.entityId)?.username : state.groups.find((g) => g.id === m.entityId)?.name;
  if (entityName === undefined) return undefined;
  return { id: m.id, project_id: m.projectId, entity_name: entityName, role_name: roleName, role_id: m.role, entity_id: m.entityId, entity_type: m.entityType };
}

function robotNamespace(state: EmulatorState, perm: RobotPermRec): string | undefined {
  if (perm.scope === "/system") return "/";
  if (perm.scope === "/project/*") return "*";
  const id = Number(perm.scope.split("/")[2]);
  return state.projects.find((p) => p.id === id)?.name;
}

function robotJson(ctx: Ctx, r: RobotRec): Obj {
  const permissions = r.permissions.flatMap((perm) => {
    const namespace = robotNamespace(ctx.state, perm);
    // Permissions on a deleted project are left out, as Harbor's controller does.
    if (namespace === undefined) return [];
    return [{ kind: perm.kind, namespace, access: perm.access.map((a) => ({ resource: a.resource, action: a.action, ...(a.effect ? { effect: a.effect } : {}) })) }];
  });
  const out: Obj = {
    id: r.id,
    name: ctx.cfg.robotPrefix + r.name,
    expires_at: r.expiresAt,
    duration: r.duration,
    level: r.projectId === 0 ? "system" : "project",
    disable: r.disabled,
    editable: true,
    creation_time: r.creationTime,
    update_time: r.updateTime,
  };
  if (r.description) out.description = r.description;
  if (r.creatorType) out.creator_type = r.creatorType;
  if (r.creatorRef) out.creator_ref = r.creatorRef;
  if (permissions.length) out.permissions = permissions;
  return out;
}

function ruleJson(r: RuleRec): Obj {
  const out: Obj = { id: r.id, action: r.action, template: r.template };
  if (r.disabled) out.disabled = true;
  if (r.priority) out.priority = r.priority;
  if (r.tagSelectors.length) out.tag_selectors = r.tagSelectors;
  out.scope_selectors = r.scopeSelectors;
  return out;
}

function validateQuotaLimit(v: number): string | undefined {
  if (v <= 0 && v !== -1) return `invalid non-positive value for quota limit, value=${v}`;
  if (v > MAX_QUOTA) return `exceeded 1024TB, which is 1125899906842624 Bytes, value=${v}`;
  return undefined;
}

// Harbor's audit-log handler records these lifecycle events under the operator's name (controller/event/topic.go).
function audit(ctx: Ctx, projectId: number, operation: "create" | "delete", resourceType: "project" | "robot", resource: string) {
  const username = ctx.principal.kind === "anonymous" ? "" : ctx.principal.username;
  recordAudit(ctx.state, { projectId, operation, resourceType, resource, username, description: `${operation} ${resourceType}: ${resource}`, success: true, opTime: ctx.nowMs });
}

function deleteProjectCascade(state: EmulatorState, p: ProjectRec) {
  state.projects = state.projects.filter((x) => x.id !== p.id);
  state.members = state.members.filter((m) => m.projectId !== p.id);
  state.robots = state.robots.filter((r) => r.projectId !== p.id);
  state.quotas = state.quotas.filter((q) => q.projectId !== p.id);
  state.rules = state.rules.filter((r) => r.projectId !== p.id);
}

function isValidDuration(d: number): boolean {
  return d === -1 || (d > 0 && d < MAX_INT32);
}

interface PermInput {
  kind: string;
  namespace: string;
  access: { resource: string; action: string; effect: string }[];
}

function readPermissions(body: Obj): PermInput[] {
  const raw = Array.isArray(body.permissions) ? body.permissions : [];
  return raw.filter(isObj).map((p) => ({
    kind: str(p.kind),
    namespace: str(p.namespace),
    access: (Array.isArray(p.access) ? p.access : []).filter(isObj).map((a) => ({ resource: str(a.resource), action: str(a.action), effect: str(a.effect) })),
  }));
}

// robotAPI.validate: duration, level, and every resource:action against the permission map of its scope.
function validateRobot(duration: number, level: string, perms: PermInput[]) {
  if (!isValidDuration(duration)) throw badRequest(`bad request error duration input: ${duration}, duration must be either -1(Never) or a positive integer`);
  if (level !== "system" && level !== "project") throw badRequest(`bad request error level input: ${level}`);
  if (perms.length === 0) throw badRequest("bad request empty permission");
  for (const p of perms) if (p.access.length === 0) throw badRequest("bad request empty access");
  if (level === "project" && perms.length > 1) throw badRequest("bad request permission");
  for (const p of perms) {
    const check = p.kind === "system" ? isSystemRobotPermission : p.kind === "project" ? isProjectRobotPermission : undefined;
    if (!check) throw badRequest(`bad request permission level: ${p.kind}`);
    for (const a of p.access) if (!check(a.resource, a.action)) throw badRequest(`bad request permission: ${a.resource}:${a.action}`);
  }
}

function toScope(state: EmulatorState, p: PermInput): string {
  if (p.kind === "system") {
    if (p.namespace !== "/") throw badRequest("unknown namespace");
    return "/system";
  }
  if (p.namespace === "*") return "/project/*";
  return `/project/${getProject(state, p.namespace).id}`;
}

// A robot may only create robots whose permissions it holds itself, effects compared literally (#21922).
function withinCreatorScope(state: EmulatorState, creating: PermInput[], creator: RobotRec): boolean {
  const creatorPerms = new Map<string, RobotPermRec>();
  for (const perm of creator.permissions) {
    const ns = robotNamespace(state, perm);
    if (ns !== undefined) creatorPerms.set(`${perm.kind}:${ns}`, perm);
  }
  return creating.every((p) => {
    const held = creatorPerms.get(`${p.kind}:${p.namespace}`) ?? creatorPerms.get(`${p.kind}:*`);
    if (!held) return false;
    const keys = new Set(held.access.map((a) => `${a.resource}:${a.action}:${a.effect}`));
    return p.access.every((a) => keys.has(`${a.resource}:${a.action}:${a.effect}`));
  });
}

function requireRobotAccess(ctx: Ctx, r: RobotRec, action: string) {
  if (r.projectId === 0) requireSystemAccess(ctx, "robot", action);
  else requireProjectAccess(ctx, r.projectId, action, "robot");
}

function getRobot(state: EmulatorState, rawId: string): RobotRec {
  const id = Number(rawId);
  const r = state.robots.find((x) => x.id === id);
  if (!r) throw notFound(`robot ${id} not found`);
  return r;
}

function selectors(v: unknown): SelectorRec[] {
  return (Array.isArray(v) ? v : []).filter(isObj).map((s) => ({ kind: str(s.kind), decoration: str(s.decoration), pattern: str(s.pattern) }));
}

// The JSON Harbor stores as the rule's `tag_filter`, its uniqueness key (Go struct order, map keys sorted).
function ruleFilter(projectId: number, body: Obj): string {
  const scopes = isObj(body.scope_selectors) ? body.scope_selectors : {};
  const scopeSelectors: Record<string, SelectorRec[]> = {};
  for (const key of Object.keys(scopes).sort()) scopeSelectors[key] = selectors(scopes[key]);
  return JSON.stringify({
    id: 0,
    project_id: projectId,
    disabled: body.disabled === true,
    priority: num(body.priority) ?? 0,
    action: str(body.action),
    template: str(body.template),
    tag_selectors: selectors(body.tag_selectors),
    scope_selectors: scopeSelectors,
  });
}

function projectIdForRules(ctx: Ctx): number {
  const ref = nameOrId(ctx);
  // Harbor takes a numeric reference on trust here; the emulator still refuses rules for a project that does not exist.
  return getProject(ctx.state, ref).id;
}

function groupFor(state: EmulatorState, name: string, type: number): number {
  const existing = state.groups.find((g) => g.name === name && g.type === type) ?? state.groups.find((g) => g.name === name && g.type === OIDC_GROUP);
  if (existing) return existing.id;
  // OIDC mode: a group Harbor has not seen yet is created on first use (#9026).
  const id = nextId(state, "group");
  state.groups.push({ id, name, type: OIDC_GROUP, ldapDn: "" });
  return id;
}

function metadataPair(body: unknown): [string, string] {
  const entries = isObj(body) ? Object.entries(body) : [];
  if (entries.length !== 1) throw badRequest("only allow one key/value pair");
  const [key, value] = entries[0] as [string, unknown];
  return normalizeMetadata(key, str(value));
}

function normalizeMetadata(key: string, value: string): [string, string] {
  if (BOOL_META.includes(key)) {
    const v = value.trim().toLowerCase();
    if (["1", "t", "true"].includes(v)) return [key, "true"];
    if (["0", "f", "false"].includes(v)) return [key, "false"];
    throw badRequest(`invalid value: ${value}`);
  }
  if (key === "severity") {
    const v = value.toLowerCase();
    if (!SEVERITIES.includes(v)) throw badRequest(`invalid value: ${value}`);
    return [key, v];
  }
  if (key === "proxy_speed_kb" || key === "max_upstream_conn") {
    if (!/^[+-]?\d+$/.test(value) || Math.abs(Number(value)) > MAX_INT32) throw badRequest(`invalid value: ${value}`);
    return [key, String(Number(value))];
  }
  throw badRequest(`invalid key: ${key}`);
}

/** ProjectMetadata is a struct in Harbor: unknown keys vanish, values stay as sent. */
function knownMetadata(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObj(v)) return out;
  for (const key of PROJECT_META_KEYS) if (typeof v[key] === "string") out[key] = v[key];
  return out;
}

export const handlers: Record<string, Handler> = {
  "GET /ping": () => ({ status: 200, text: "Pong", headers: { "Content-Type": "text/plain" } }),

  "GET /health": () =>
    ok({
      status: "healthy",
      components: ["core", "database", "jobservice", "portal", "redis", "registry", "registryctl"].map((name) => ({ name, status: "healthy" })),
    }),

  "GET /systeminfo": (ctx) => {
    const info: Obj = { auth_mode: "oidc_auth", primary_auth_mode: false, self_registration: false, banner_message: "", oidc_provider_name: ctx.cfg.oidcProviderName };
    if (ctx.principal.kind !== "anonymous") {
      Object.assign(info, {
        has_ca_root: false,
        project_creation_restriction: ctx.cfg.projectCreationRestriction,
        harbor_version: ctx.cfg.harborVersion,
        external_url: ctx.baseUrl,
        registry_url: ctx.baseUrl.replace(/^https?:\/\//, ""),
        read_only: false,
        registry_storage_provider_name: "filesystem",
        notification_enable: true,
        current_time: iso(ctx.nowMs),
      });
    }
    return ok(info);
  },

  "GET /projects": (ctx) => {
    const q = parseQ(ctx.query.get("q"));
    let projects = [...ctx.state.projects];
    const name = ctx.query.get("name");
    if (name) projects = projects.filter((p) => p.name.includes(name));
    const owner = ctx.query.get("owner");
    if (owner) projects = projects.filter((p) => ownerName(ctx.state, p) === owner);
    const publicParam = ctx.query.get("public");
    const isPublic = (p: ProjectRec) => p.metadata.public === "true";
    if (publicParam !== null) projects = projects.filter((p) => isPublic(p) === (publicParam === "true"));
    for (const [key, cond] of q) if (key === "name") projects = projects.filter((p) => qMatches(cond, p.name));
    if (ctx.principal.kind === "anonymous") {
      if (publicParam === "false") return listReply(ctx, []);
      projects = projects.filter(isPublic);
    } else if (!canSystem(ctx.principal, "project", "list")) {
      const visible = visibleProjects(ctx.principal);
      if (visible !== "all") projects = projects.filter((p) => visible.includes(p.id) || isPublic(p));
    }
    return listReply(
      ctx,
      projects.map((p) => projectJson(ctx, p)),
    );
  },

  "HEAD /projects": (ctx) => {
    requireAuthenticated(ctx);
    getProject(ctx.state, ctx.query.get("project_name") ?? "");
    return ok();
  },

  "POST /projects": (ctx) => {
    requireAuthenticated(ctx);
    const p = ctx.principal;
    if (p.kind === "robot" && p.robot.projectId !== 0) throw forbidden("Only system level robot can create project");
    const sysAdmin = canSystem(p, "project", "create");
    if (ctx.cfg.projectCreationRestriction === "adminonly" && !sysAdmin) throw forbidden("Only system admin can create project");
    const body = isObj(ctx.body) ? ctx.body : {};
    if (body.registry_id !== undefined && body.registry_id !== null) {
      if (!sysAdmin) throw forbidden("Only system admin can create proxy cache project");
      throw badRequest("bad request: proxy cache projects are not emulated (no registries)");
    }
    let storage = num(body.storage_limit);
    if (storage === undefined || storage === 0 || !sysAdmin) storage = ctx.cfg.storagePerProject;
    const metadata = knownMetadata(body.metadata);
    if (!metadata.public && typeof body.public === "boolean") metadata.public = String(body.public);
    if (!metadata.public) metadata.public = "false";
    if (metadata.public !== "true" && metadata.public !== "false") throw badRequest(`metadata.public should only be 'true' or 'false', but got: '${metadata.public}'`);
    delete metadata.proxy_speed_kb;
    delete metadata.max_upstream_conn;
    if (metadata.retention_id) throw badRequest("bad request: the retention_id in the request's payload when creating a project should be omitted, alternatively passing an empty string");
    delete metadata.retention_id;
    const quotaError = validateQuotaLimit(storage);
    if (quotaError) throw badRequest(`bad request: ${quotaError}`);
    const name = str(body.project_name);
    if (name.length < 1 || name.length > 255) throw badRequest(`Project name ${name} is illegal in length. (greater than 255 or less than 1)`);
    if (!NAME_RE.test(name)) throw badRequest("project name is not in lower case or contains illegal characters");
    if (ctx.state.projects.some((x) => x.name === name)) throw conflict(`The project named ${name} already exists`);
    const t = iso(ctx.nowMs);
    const id = nextId(ctx.state, "project");
    // Robots create projects on behalf of the first system admin, who becomes the owner and a Project Admin member.
    const ownerId = p.kind === "admin" ? p.userId : 1;
    ctx.state.projects.push({ id, name, ownerId, creationTime: t, updateTime: t, metadata, repositories: [] });
    ctx.state.members.push({ id: nextId(ctx.state, "member"), projectId: id, entityType: "u", entityId: ownerId, role: 1 });
    ctx.state.quotas.push({ id: nextId(ctx.state, "quota"), projectId: id, hard: { storage }, used: { storage: 0 }, creationTime: t, updateTime: t });
    audit(ctx, id, "create", "project", name);
    const byName = parseBoolHeader(ctx.headers["x-resource-name-in-location"]);
    return { status: 201, headers: { Location: location(ctx, byName ? name : id) } };
  },

  "GET /projects/{project_name_or_id}": (ctx) => {
    const ref = nameOrId(ctx);
    requireProjectAccess(ctx, ref, "read");
    return ok(projectJson(ctx, getProject(ctx.state, ref)));
  },

  "PUT /projects/{project_name_or_id}": (ctx) => {
    const ref = nameOrId(ctx);
    requireProjectAccess(ctx, ref, "update");
    const p = getProject(ctx.state, ref);
    const body = isObj(ctx.body) ? ctx.body : {};
    if (isObj(body.cve_allowlist)) {
      const pid = num(body.cve_allowlist.project_id) ?? 0;
      if (pid !== 0 && pid !== p.id) throw badRequest(`project_id in cve_allowlist must be ${p.id} but it's ${pid}`);
    }
    const metadata = knownMetadata(body.metadata);
    delete metadata.proxy_speed_kb;
    delete metadata.max_upstream_conn;
    if (metadata.retention_id !== undefined && metadata.retention_id !== p.metadata.retention_id) {
      throw badRequest("the retention_id in the request's payload when updating a project should be omitted, alternatively passing the one that has already been associated to this project");
    }
    // Harbor merges: keys sent are added or updated, keys not sent stay.
    Object.assign(p.metadata, metadata);
    p.updateTime = iso(ctx.nowMs);
    return ok();
  },

  "DELETE /projects/{project_name_or_id}": (ctx) => {
    const ref = nameOrId(ctx);
    requireProjectAccess(ctx, ref, "delete");
    const p = getProject(ctx.state, ref);
    if (p.repositories.length > 0) throw new ApiError(412, "PRECONDITION", "precondition failed: the project contains repositories, can not be deleted");
    deleteProjectCascade(ctx.state, p);
    audit(ctx, p.id, "delete", "project", p.name);
    return ok();
  },

  "GET /projects/{project_name_or_id}/_deletable": (ctx) => {
    const ref = nameOrId(ctx);
    requireProjectAccess(ctx, ref, "delete");
    const p = getProject(ctx.state, ref);
    return ok(p.repositories.length > 0 ? { deletable: false, message: "the project contains repositories, can not be deleted" } : { deletable: true });
  },

  "GET /projects/{project_name_or_id}/summary": (ctx) => {
    const ref = nameOrId(ctx);
    requireProjectAccess(ctx, ref, "read");
    const p = getProject(ctx.state, ref);
    const summary: Obj = { repo_count: p.repositories.length };
    if (canProject(ctx.state, ctx.principal, p.id, "quota", "read")) {
      const q = ctx.state.quotas.find((x) => x.projectId === p.id);
      if (q) summary.quota = { hard: q.hard, used: q.used };
    }
    if (canProject(ctx.state, ctx.principal, p.id, "member", "list")) {
      const counts: [string, number][] = [
        ["project_admin_count", 1],
        ["maintainer_count", 4],
        ["developer_count", 2],
        ["guest_count", 3],
        ["limited_guest_count", 5],
      ];
      for (const [field, role] of counts) {
        const n = ctx.state.members.filter((m) => m.projectId === p.id && m.role === role).length;
        if (n) summary[field] = n;
      }
    }
    return ok(summary);
  },

  "GET /projects/{project_name_or_id}/metadatas/": (ctx) => {
    const ref = nameOrId(ctx);
    requireProjectAccess(ctx, ref, "list", "metadata");
    return ok({ ...getProject(ctx.state, ref).metadata });
  },

  "POST /projects/{project_name_or_id}/metadatas/": (ctx) => {
    const ref = nameOrId(ctx);
    requireProjectAccess(ctx, ref, "create", "metadata");
    const [key, value] = metadataPair(ctx.body);
    const p = getProject(ctx.state, ref);
    if (p.metadata[key] !== undefined) throw conflict(`metadata ${key} already exists for project ${p.id}`);
    p.metadata[key] = value;
    return ok();
  },

  "GET /projects/{project_name_or_id}/metadatas/{meta_name}": (ctx) => {
    const ref = nameOrId(ctx);
    requireProjectAccess(ctx, ref, "read", "metadata");
    const p = getProject(ctx.state, ref);
    const name = ctx.params.meta_name ?? "";
    const value = p.metadata[name];
    return ok(value === undefined ? {} : { [name]: value });
  },

  "PUT /projects/{project_name_or_id}/metadatas/{meta_name}": (ctx) => {
    const ref = nameOrId(ctx);
    requireProjectAccess(ctx, ref, "update", "metadata");
    const name = ctx.params.meta_name ?? "";
    const [key, value] = normalizeMetadata(name, isObj(ctx.body) ? str(ctx.body[name]) : "");
    const p = getProject(ctx.state, ref);
    // An UPDATE of a row that does not exist changes nothing and is not an error in Harbor.
    if (p.metadata[key] !== undefined) p.metadata[key] = value;
    return ok();
  },

  "DELETE /projects/{project_name_or_id}/metadatas/{meta_name}": (ctx) => {
    const ref = nameOrId(ctx);
    requireProjectAccess(ctx, ref, "delete", "metadata");
    const p = getProject(ctx.state, ref);
    delete p.metadata[ctx.params.meta_name ?? ""];
    return ok();
  },

  "GET /projects/{project_name_or_id}/members": (ctx) => {
    const ref = nameOrId(ctx);
    requireProjectAccess(ctx, ref, "list", "member");
    const p = getProject(ctx.state, ref);
    const entityName = ctx.query.get("entityname") ?? "";
    const members = ctx.state.members.filter((m) => m.projectId === p.id);
    // Harbor counts every member of the project for X-Total-Count, whatever `entityname` filters.
    const total = members.length;
    const listed = members.map((m) => memberJson(ctx.state, m)).filter((m): m is Obj => m !== undefined && (!entityName || m.entity_name === entityName));
    return listReply(ctx, listed, total);
  },

  "POST /projects/{project_name_or_id}/members": (ctx) => {
    const ref = nameOrId(ctx);
    requireProjectAccess(ctx, ref, "create", "member");
    if (!isObj(ctx.body)) throw badRequest("the project member should provide");
    const p = getProject(ctx.state, ref);
    const role = num(ctx.body.role_id) ?? 0;
    const user = isObj(ctx.body.member_user) ? ctx.body.member_user : {};
    const group = isObj(ctx.body.member_group) ? ctx.body.member_group : {};
    let entityType: "u" | "g" = "g";
    let entityId = 0;
    if ((num(user.user_id) ?? 0) > 0) {
      const u = ctx.state.users.find((x) => x.id === user.user_id);
      if (!u) throw badRequest(`Failed to get user ${String(user.user_id)}: user ${String(user.user_id)} not found`);
      entityType = "u";
      entityId = u.id;
    } else if ((num(group.id) ?? 0) > 0) {
      const g = ctx.state.groups.find((x) => x.id === group.id);
      if (!g) throw badRequest(`Failed to get group ${String(group.id)}: the user group with id ${String(group.id)} is not found`);
      entityId = g.id;
    } else if (str(user.username)) {
      // A user who never logged in to Harbor cannot be added: OIDC cannot search users (#15556).
      const u = ctx.state.users.find((x) => x.username === user.username);
      if (!u) throw notFound(`user ${str(user.username)} not found`);
      entityType = "u";
      entityId = u.id;
    } else if (str(group.ldap_group_dn)) {
      throw badRequest("LDAP groups cannot be added when the auth mode is oidc_auth");
    } else if (str(group.group_name)) {
      entityId = groupFor(ctx.state, str(group.group_name), num(group.group_type) ?? 0);
    }
    if (entityId <= 0) throw new ApiError(500, "UNKNOWN", "internal server error");
    if (ctx.state.members.some((m) => m.projectId === p.id && m.entityId === entityId && m.entityType === entityType)) {
      throw conflict("The project member specified already exist");
    }
    if (!roleById(role)) throw badRequest("Failed to update project member, role is not in 1,2,3");
    const id = nextId(ctx.state, "member");
    ctx.state.members.push({ id, projectId: p.id, entityType, entityId, role });
    return { status: 201, headers: { Location: `/api/v2.0/projects/${ref}/members/${id}` } };
  },

  "GET /projects/{project_name_or_id}/members/{mid}": (ctx) => {
    const ref = nameOrId(ctx);
    requireProjectAccess(ctx, ref, "read", "member");
    const mid = Number(ctx.params.mid);
    if (mid === 0) throw badRequest("the member id can not be empty!");
    const p = getProject(ctx.state, ref);
    const m = ctx.state.members.find((x) => x.id === mid && x.projectId === p.id);
    const json = m && memberJson(ctx.state, m);
    if (!json) throw notFound(`the project member is not found, project id ${p.id}, member id ${mid}`);
    return ok(json);
  },

  "PUT /projects/{project_name_or_id}/members/{mid}": (ctx) => {
    const ref = nameOrId(ctx);
    requireProjectAccess(ctx, ref, "update", "member");
    if (!isObj(ctx.body)) throw badRequest("role can not be empty");
    const mid = Number(ctx.params.mid);
    if (mid === 0) throw badRequest("member id can not be empty");
    const p = getProject(ctx.state, ref);
    // Harbor neither checks that the member exists nor validates the role here.
    const m = ctx.state.members.find((x) => x.id === mid && x.projectId === p.id);
    if (m) m.role = num(ctx.body.role_id) ?? 0;
    return ok();
  },

  "DELETE /projects/{project_name_or_id}/members/{mid}": (ctx) => {
    const ref = nameOrId(ctx);
    requireProjectAccess(ctx, ref, "delete", "member");
    const mid = Number(ctx.params.mid);
    if (mid === 0) throw badRequest("the project member id is required.");
    const p = getProject(ctx.state, ref);
    ctx.state.members = ctx.state.members.filter((x) => !(x.id === mid && x.projectId === p.id));
    return ok();
  },

  "GET /projects/{project_name}/repositories": (ctx) => {
    const name = ctx.params.project_name ?? "";
    requireProjectAccess(ctx, name, "list", "repository");
    const p = getProject(ctx.state, name);
    const repos = p.repositories.map((r) => ({ id: r.id, project_id: p.id, name: `${p.name}/${r.name}`, artifact_count: 0, pull_count: 0, creation_time: r.creationTime, update_time: r.creationTime }));
    return listReply(ctx, repos);
  },

  "GET /projects/{project_name_or_id}/immutabletagrules": (ctx) => {
    const ref = nameOrId(ctx);
    requireProjectAccess(ctx, ref, "list", "immutable-tag");
    parseQ(ctx.query.get("q"));
    const projectId = projectIdForRules(ctx);
    return listReply(
      ctx,
      ctx.state.rules.filter((r) => r.projectId === projectId).map(ruleJson),
    );
  },

  "POST /projects/{project_name_or_id}/immutabletagrules": (ctx) => {
    const ref = nameOrId(ctx);
    requireProjectAccess(ctx, ref, "create", "immutable-tag");
    const body = isObj(ctx.body) ? ctx.body : {};
    const projectId = projectIdForRules(ctx);
    const filter = ruleFilter(projectId, body);
    if (ctx.state.rules.some((r) => r.projectId === projectId && r.filter === filter)) throw conflict("immutable rule already exists");
    const id = nextId(ctx.state, "rule");
    const scopes = isObj(body.scope_selectors) ? body.scope_selectors : {};
    const scopeSelectors: Record<string, SelectorRec[]> = {};
    for (const key of Object.keys(scopes)) scopeSelectors[key] = selectors(scopes[key]);
    ctx.state.rules.push({
      id,
      projectId,
      filter,
      disabled: false,
      priority: num(body.priority) ?? 0,
      action: str(body.action),
      template: str(body.template),
      tagSelectors: selectors(body.tag_selectors),
      scopeSelectors,
    });
    return { status: 201, headers: { Location: location(ctx, id) } };
  },

  "PUT /projects/{project_name_or_id}/immutabletagrules/{immutable_rule_id}": (ctx) => {
    const ruleId = Number(ctx.params.immutable_rule_id);
    const body = isObj(ctx.body) ? ctx.body : {};
    if ((num(body.id) ?? 0) !== ruleId) throw badRequest("bad request: the immutable_rule_id doesn't match the id in the payload body of ImmutableRule");
    const ref = nameOrId(ctx);
    requireProjectAccess(ctx, ref, "update", "immutable-tag");
    const projectId = projectIdForRules(ctx);
    const rule = ctx.state.rules.find((r) => r.id === ruleId);
    if (!rule) throw notFound(`immutable rule ${ruleId} not found`);
    if (rule.projectId !== projectId) throw notFound(`resource not found: project id ${projectId} does not match`);
    // Harbor toggles when `disabled` changes and otherwise replaces the selectors.
    if ((body.disabled === true) !== rule.disabled) {
      rule.disabled = body.disabled === true;
      return ok();
    }
    rule.tagSelectors = selectors(body.tag_selectors);
    const scopes = isObj(body.scope_selectors) ? body.scope_selectors : {};
    rule.scopeSelectors = {};
    for (const key of Object.keys(scopes)) rule.scopeSelectors[key] = selectors(scopes[key]);
    rule.action = str(body.action);
    rule.template = str(body.template);
    rule.filter = ruleFilter(projectId, { ...body, id: 0 });
    return ok();
  },

  "DELETE /projects/{project_name_or_id}/immutabletagrules/{immutable_rule_id}": (ctx) => {
    const ref = nameOrId(ctx);
    requireProjectAccess(ctx, ref, "delete", "immutable-tag");
    const projectId = projectIdForRules(ctx);
    const ruleId = Number(ctx.params.immutable_rule_id);
    const rule = ctx.state.rules.find((r) => r.id === ruleId);
    if (!rule) throw notFound(`immutable rule ${ruleId} not found`);
    if (rule.projectId !== projectId) throw notFound(`resource not found: project id ${projectId} does not match`);
    ctx.state.rules = ctx.state.rules.filter((r) => r.id !== ruleId);
    return ok();
  },

  "GET /usergroups": (ctx) => {
    requireSystemAccess(ctx, "user-group", "list");
    const name = ctx.query.get("group_name") ?? "";
    const groups = ctx.state.groups
      .filter((g) => !name || g.name.includes(name))
      .map((g) => ({ id: g.id, group_name: g.name, group_type: g.type, ...(g.ldapDn ? { ldap_group_dn: g.ldapDn } : {}) }));
    return listReply(ctx, groups);
  },

  "POST /usergroups": (ctx) => {
    requireSystemAccess(ctx, "user-group", "create");
    const body = isObj(ctx.body) ? ctx.body : {};
    const name = str(body.group_name);
    const type = num(body.group_type) ?? 0;
    if (type !== OIDC_GROUP) throw badRequest("only OIDC groups (group_type 3) can be created when the auth mode is oidc_auth");
    if (!name) throw badRequest("group name is required");
    if (ctx.state.groups.some((g) => g.name === name && g.type === type)) throw conflict(`group ${name} already exists`);
    const id = nextId(ctx.state, "group");
    ctx.state.groups.push({ id, name, type, ldapDn: "" });
    return { status: 201, headers: { Location: location(ctx, id) } };
  },

  "GET /usergroups/{group_id}": (ctx) => {
    requireSystemAccess(ctx, "user-group", "read");
    const id = Number(ctx.params.group_id);
    if (id === 0) throw badRequest("the group id should be provided");
    const g = ctx.state.groups.find((x) => x.id === id);
    if (!g) throw notFound(`the user group with id ${id} is not found`);
    return ok({ id: g.id, group_name: g.name, group_type: g.type, ...(g.ldapDn ? { ldap_group_dn: g.ldapDn } : {}) });
  },

  "DELETE /usergroups/{group_id}": (ctx) => {
    requireSystemAccess(ctx, "user-group", "delete");
    const id = Number(ctx.params.group_id);
    if (id === 0) throw badRequest("the group id should be provided");
    ctx.state.groups = ctx.state.groups.filter((g) => g.id !== id);
    // Deleting a group removes its memberships too.
    ctx.state.members = ctx.state.members.filter((m) => !(m.entityType === "g" && m.entityId === id));
    return ok();
  },

  "GET /robots": (ctx) => {
    requireAuthenticated(ctx);
    const q = parseQ(ctx.query.get("q"));
    const levelCond = q.get("Level");
    let level = "system";
    let projectId = 0;
    if (levelCond) {
      const lv = levelCond.kind === "exact" ? levelCond.value : "";
      if (lv !== "system" && lv !== "project") throw badRequest("bad request error level input");
      level = lv;
      if (level === "project") {
        const pidCond = q.get("ProjectID");
        if (!pidCond) throw badRequest("must with project ID when to query project robots");
        const pid = pidCond.kind === "exact" && /^[+-]?\d+$/.test(pidCond.value) ? Number(pidCond.value) : NaN;
        if (!(pid > 0)) throw badRequest("ProjectID must be a positive integer");
        projectId = pid;
      }
    }
    if (level === "system") requireSystemAccess(ctx, "robot", "list");
    else requireProjectAccess(ctx, projectId, "list", "robot");
    let robots = ctx.state.robots.filter((r) => r.projectId === projectId);
    for (const [key, cond] of q) {
      if (key === "name") robots = robots.filter((r) => qMatches(cond, r.name));
      if (key === "Description" || key === "description") robots = robots.filter((r) => qMatches(cond, r.description));
    }
    return listReply(
      ctx,
      robots.map((r) => robotJson(ctx, r)),
    );
  },

  "POST /robots": (ctx) => {
    const body = isObj(ctx.body) ? ctx.body : {};
    const name = str(body.name);
    if (!NAME_RE.test(name)) throw badRequest("robot name is not in lower case or contains illegal characters");
    const duration = num(body.duration) ?? 0;
    const level = str(body.level);
    const perms = readPermissions(body);
    validateRobot(duration, level, perms);
    const first = perms[0] as PermInput;
    if (level === "system") requireSystemAccess(ctx, "robot", "create");
    else requireProjectAccess(ctx, first.namespace, "create", "robot");
    const p = ctx.principal;
    if (p.kind === "robot" && !withinCreatorScope(ctx.state, perms, p.robot)) {
      throw new ApiError(403, "DENIED", `permission scope is invalid. It must be equal to or more restrictive than the creator robot's permissions: ${p.username}`);
    }
    let projectId = 0;
    let storedName = name;
    if (level === "project") {
      const project = getProject(ctx.state, first.namespace);
      projectId = project.id;
      storedName = `${project.name}+${name}`;
    }
    const permissions: RobotPermRec[] = perms.map((perm) => ({ kind: perm.kind as "project" | "system", scope: toScope(ctx.state, perm), access: perm.access }));
    if (ctx.state.robots.some((r) => r.projectId === projectId && r.name === storedName)) throw conflict(`robot account ${projectId}:${storedName} already exists`);
    const secret = newSecret();
    const salt = newSalt();
    const t = iso(ctx.nowMs);
    const nowSec = Math.floor(ctx.nowMs / 1000);
    const robot: RobotRec = {
      id: nextId(ctx.state, "robot"),
      name: storedName,
      projectId,
      description: str(body.description),
      secretHash: hashSecret(secret, salt),
      salt,
      duration,
      expiresAt: duration === -1 ? -1 : nowSec + duration * 86400,
      disabled: body.disable === true,
      creationTime: t,
      updateTime: t,
      creatorType: p.kind === "robot" ? "robot" : "local",
      creatorRef: p.kind === "robot" ? p.robot.id : 1,
      permissions,
    };
    ctx.state.robots.push(robot);
    audit(ctx, projectId, "create", "robot", storedName);
    // The only answer that ever carries the secret.
    return {
      status: 201,
      headers: { Location: location(ctx, robot.id) },
      json: { id: robot.id, name: ctx.cfg.robotPrefix + robot.name, secret, creation_time: t, expires_at: robot.expiresAt },
    };
  },

  "GET /robots/{robot_id}": (ctx) => {
    requireAuthenticated(ctx);
    const r = getRobot(ctx.state, ctx.params.robot_id ?? "");
    requireRobotAccess(ctx, r, "read");
    return ok(robotJson(ctx, r));
  },

  "PUT /robots/{robot_id}": (ctx) => {
    requireAuthenticated(ctx);
    const r = getRobot(ctx.state, ctx.params.robot_id ?? "");
    const body = isObj(ctx.body) ? ctx.body : {};
    const duration = num(body.duration) ?? r.duration;
    const perms = readPermissions(body);
    validateRobot(duration, str(body.level), perms);
    const first = perms[0] as PermInput;
    if (r.projectId !== 0 && getProject(ctx.state, first.namespace).id !== r.projectId) throw badRequest("cannot update the project id of robot");
    requireRobotAccess(ctx, r, "update");
    if (str(body.level) !== (r.projectId === 0 ? "system" : "project") || str(body.name) !== ctx.cfg.robotPrefix + r.name) {
      throw badRequest("cannot update the level or name of robot");
    }
    if (duration !== r.duration) {
      // Harbor recomputes the expiry from the creation time, not from now (controller/robot, updateV2Robot).
      r.duration = duration;
      r.expiresAt = duration === -1 ? -1 : Math.floor(Date.parse(r.creationTime) / 1000) + duration * 86400;
    }
    r.description = str(body.description);
    r.disabled = body.disable === true;
    r.permissions = perms.map((perm) => ({ kind: perm.kind as "project" | "system", scope: toScope(ctx.state, perm), access: perm.access }));
    r.updateTime = iso(ctx.nowMs);
    return ok();
  },

  "PATCH /robots/{robot_id}": (ctx) => {
    requireAuthenticated(ctx);
    const r = getRobot(ctx.state, ctx.params.robot_id ?? "");
    requireRobotAccess(ctx, r, "update");
    const wanted = isObj(ctx.body) ? str(ctx.body.secret) : "";
    let secret = wanted;
    if (wanted) {
      if (wanted.length < 8 || wanted.length > 128 || !/[A-Z]/.test(wanted) || !/[a-z]/.test(wanted) || !/\d/.test(wanted)) {
        throw badRequest("the secret must be 8-128, inclusively, characters long with at least 1 uppercase letter, 1 lowercase letter and 1 number");
      }
    } else {
      secret = newSecret();
    }
    r.salt = newSalt();
    r.secretHash = hashSecret(secret, r.salt);
    r.updateTime = iso(ctx.nowMs);
    // A secret the caller chose is not echoed; a generated one is returned once.
    return ok(wanted ? {} : { secret });
  },

  "DELETE /robots/{robot_id}": (ctx) => {
    requireAuthenticated(ctx);
    const r = getRobot(ctx.state, ctx.params.robot_id ?? "");
    requireRobotAccess(ctx, r, "delete");
    ctx.state.robots = ctx.state.robots.filter((x) => x.id !== r.id);
    audit(ctx, r.projectId, "delete", "robot", r.name);
    return ok();
  },

  // A robot is not a user: Harbor answers 412 for any security context but a local user's.
  "GET /users/current": (ctx) => {
    requireAuthenticated(ctx);
    const p = ctx.principal;
    if (p.kind !== "admin") throw new ApiError(412, "PRECONDITION", `get current user not available for security context: ${p.kind}`);
    const t = iso(0);
    return ok({ user_id: p.userId, username: p.username, email: "admin@example.com", realname: "system admin", comment: "admin user", sysadmin_flag: true, admin_role_in_auth: false, creation_time: t, update_time: t });
  },

  "GET /users/current/permissions": (ctx) => {
    requireAuthenticated(ctx);
    return ok(currentPermissions(ctx.state, ctx.principal, ctx.query.get("scope") ?? "", ["true", "1"].includes(ctx.query.get("relative") ?? "")));
  },

  "GET /quotas": (ctx) => {
    requireSystemAccess(ctx, "quota", "list");
    const reference = ctx.query.get("reference") ?? "";
    const referenceId = ctx.query.get("reference_id") ?? "";
    const quotas = ctx.state.quotas
      .filter(() => !reference || reference === "project")
      .filter((q) => !referenceId || String(q.projectId) === referenceId)
      .map((q) => quotaJson(ctx.state, q.projectId))
      .filter((q): q is Obj => q !== undefined);
    return listReply(ctx, quotas);
  },

  "GET /quotas/{id}": (ctx) => {
    requireSystemAccess(ctx, "quota", "read");
    const id = Number(ctx.params.id);
    const q = ctx.state.quotas.find((x) => x.id === id);
    const json = q && quotaJson(ctx.state, q.projectId);
    if (!json) throw notFound(`quota ${id} not found`);
    return ok(json);
  },

  "PUT /quotas/{id}": (ctx) => {
    requireSystemAccess(ctx, "quota", "update");
    const body = isObj(ctx.body) ? ctx.body : {};
    const hard = isObj(body.hard) ? body.hard : {};
    if (Object.keys(hard).length === 0) throw badRequest("hard required in body");
    const id = Number(ctx.params.id);
    const q = ctx.state.quotas.find((x) => x.id === id);
    if (!q) throw notFound(`quota ${id} not found`);
    for (const [resource, value] of Object.entries(hard)) {
      if (resource !== "storage") throw badRequest(`resource ${resource} not support`);
      const problem = validateQuotaLimit(Number(value));
      if (problem) throw badRequest(problem);
    }
    q.hard = { storage: Number(hard.storage) };
    q.updateTime = iso(ctx.nowMs);
    return ok();
  },
};
