import { auditLogClient, type HarborAuditLogClient } from "./audit-logs";
import { HarborError, isHarborError } from "./errors";
import type { components } from "./generated/harbor";
import { HarborTransport, seg, type HarborClientOptions, type ListResult } from "./http";
import { isProjectRobotNamed } from "../core/names";
import type { RoleId } from "../core/roles";

type Schemas = components["schemas"];
export type HarborProjectPayload = Schemas["Project"];
export type HarborRobotPayload = Schemas["Robot"];
export type HarborMemberPayload = Schemas["ProjectMemberEntity"];
export type HarborImmutableRulePayload = Schemas["ImmutableRule"];
export type HarborGeneralInfo = Schemas["GeneralInfo"];

/** Metadata keys Harbor's ProjectMetadata knows; others are silently dropped by Harbor, so we refuse them. */
export const PROJECT_METADATA_KEYS = [
  "public",
  "enable_content_trust",
  "enable_content_trust_cosign",
  "prevent_vul",
  "severity",
  "auto_scan",
  "auto_sbom_generation",
  "reuse_sys_cve_allowlist",
  "retention_id",
  "proxy_speed_kb",
  "max_upstream_conn",
  "proxy_cache_local_on_not_found",
] as const satisfies readonly (keyof Schemas["ProjectMetadata"])[];

/** Harbor's group type for OIDC groups (1 LDAP, 2 HTTP, 3 OIDC). */
export const OIDC_GROUP_TYPE = 3;

export interface WithRequestId {
  /** X-Request-Id of the call that decided the outcome. */
  requestId: string;
}
export interface WithRequestIds extends WithRequestId {
  /** Every call made, in order. */
  requestIds: string[];
}

export interface HarborProject {
  projectId: number;
  name: string;
  metadata: Record<string, string>;
  repoCount: number;
  ownerName?: string;
  creationTime?: string;
  updateTime?: string;
}

export interface HarborMember {
  id: number;
  projectId: number;
  entityName: string;
  /** "g" for a group, "u" for a user. */
  entityType: string;
  entityId: number;
  roleId: number;
  roleName: string;
}

export interface HarborRobotAccess {
  resource: string;
  action: string;
  effect?: string;
}

export interface HarborRobot {
  id: number;
  /** Full name as Harbor shows it: `robot$<project>+<name>`. */
  name: string;
  description: string;
  level: string;
  disabled: boolean;
  durationDays: number | null;
  /** Unix seconds, or -1 for never. */
  expiresAt: number;
  creationTime?: string;
  updateTime?: string;
  permissions: { kind: string; namespace: string; access: HarborRobotAccess[] }[];
}

export interface HarborImmutableRule {
  id: number;
  disabled: boolean;
  tagPattern?: string;
  tagDecoration?: string;
  repoPattern?: string;
  repoDecoration?: string;
}

export interface EnsureProjectInput {
  name: string;
  metadata: Record<string, string>;
  storageLimitBytes: number;
}

export interface RobotInput {
  project: string;
  /** Short name; Harbor names the robot `robot$<project>+<name>`. */
  name: string;
  description?: string;
  /** Days until expiry, or -1 for never (Harbor's rule; Berth's policy refuses it). */
  durationDays: number;
  permissions: { resource: string; action: string }[];
}

export interface CreatedRobot extends WithRequestId {
  id: number;
  name: string;
  /** Shown once: Harbor never returns it again. */
  secret: string;
  expiresAt: number;
}

export interface HarborClient extends HarborAuditLogClient {
  ping(): Promise<{ pong: true } & WithRequestId>;
  health(): Promise<{ status: string; components: { name: string; status: string; error?: string }[] } & WithRequestId>;
  systemInfo(): Promise<{ authMode?: string; harborVersion?: string; externalUrl?: string; info: HarborGeneralInfo } & WithRequestId>;

  /** null when the project does not exist (also when Harbor answers 403 to a robot for a missing project). */
  getProject(nameOrId: string | number): Promise<(HarborProject & WithRequestId) | null>;
  projectExists(name: string): Promise<{ exists: boolean } & WithRequestId>;
  /** POST; on 409 adopt the existing project and PUT the metadata that differs. One call on the happy path. */
  ensureProject(input: EnsureProjectInput): Promise<{ projectId: number; created: boolean; metadataUpdated: boolean } & WithRequestIds>;
  updateProjectMetadata(name: string, metadata: Record<string, string>): Promise<WithRequestId>;
  /** 404 counts as done; 412 becomes code PRECONDITION, "project still has repositories". */
  deleteProject(name: string): Promise<{ deleted: boolean } & WithRequestIds>;

  getQuota(projectId: number): Promise<({ id: number; hardBytes: number; usedBytes: number } & WithRequestId) | null>;
  setQuota(projectId: number, hardBytes: number): Promise<{ quotaId: number; changed: boolean } & WithRequestIds>;

  /** POST an OIDC group (type 3; Harbor creates it on first use); on 409 look it up and PUT the role if it differs. */
  ensureGroupMember(project: string, groupName: string, roleId: RoleId): Promise<{ memberId: number; created: boolean; roleChanged: boolean } & WithRequestIds>;
  changeMemberRole(project: string, memberId: number, roleId: RoleId): Promise<WithRequestId>;
  /** Harbor answers 200 whether or not the member existed; 404 (project gone) counts as done. */
  removeMember(project: string, memberId: number): Promise<{ removed: boolean } & WithRequestId>;
  listMembers(project: string, entityName?: string): Promise<{ members: HarborMember[] } & WithRequestIds>;

  createRobot(input: RobotInput): Promise<CreatedRobot>;
  /** 409 → find the robot in the project and rotate its secret (or, when Harbor forbids rotation, replace it) so the caller gets a usable secret once. */
  ensureRobot(input: RobotInput): Promise<CreatedRobot & { created: boolean; replaced: boolean; requestIds: string[] }>;
  getRobot(id: number): Promise<(HarborRobot & WithRequestId) | null>;
  listProjectRobots(projectId: number): Promise<{ robots: HarborRobot[] } & WithRequestIds>;
  /** PUT with the whole object as GET returns it (#15601); Harbor recomputes expires_at from the creation time. */
  updateRobotDuration(id: number, durationDays: number): Promise<{ expiresAt: number } & WithRequestIds>;
  /** PATCH with an empty secret: Harbor generates and returns a new one; the old one stops working. */
  rotateRobotSecret(id: number): Promise<{ secret: string } & WithRequestId>;
  deleteRobot(id: number): Promise<{ deleted: boolean } & WithRequestId>;

  /** One POST; 409 means an identical rule is already there. */
  ensureImmutableTagRule(project: string, rule: { tagPattern: string; repoPattern?: string }): Promise<{ created: boolean; ruleId?: number } & WithRequestId>;
  listImmutableTagRules(project: string): Promise<{ rules: HarborImmutableRule[] } & WithRequestIds>;
}

function idFromLocation(location: string | null): number | undefined {
  const last = location?.split("?")[0]?.replace(/\/+$/, "").split("/").pop();
  return last && /^\d+$/.test(last) ? Number(last) : undefined;
}

function toProject(p: HarborProjectPayload): HarborProject {
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(p.metadata ?? {})) if (typeof v === "string") metadata[k] = v;
  return {
    projectId: p.project_id ?? 0,
    name: p.name ?? "",
    metadata,
    repoCount: p.repo_count ?? 0,
    ownerName: p.owner_name,
    creationTime: p.creation_time,
    updateTime: p.update_time,
  };
}

function toMember(m: HarborMemberPayload): HarborMember {
  return {
    id: m.id ?? 0,
    projectId: m.project_id ?? 0,
    entityName: m.entity_name ?? "",
    entityType: m.entity_type ?? "",
    entityId: m.entity_id ?? 0,
    roleId: m.role_id ?? 0,
    roleName: m.role_name ?? "",
  };
}

function toRobot(r: HarborRobotPayload): HarborRobot {
  return {
    id: r.id ?? 0,
    name: r.name ?? "",
    description: r.description ?? "",
    level: r.level ?? "",
    disabled: r.disable ?? false,
    durationDays: r.duration ?? null,
    expiresAt: r.expires_at ?? 0,
    creationTime: r.creation_time,
    updateTime: r.update_time,
    permissions: (r.permissions ?? []).map((p) => ({
      kind: p.kind ?? "",
      namespace: p.namespace ?? "",
      access: (p.access ?? []).map((a) => ({ resource: a.resource ?? "", action: a.action ?? "", ...(a.effect ? { effect: a.effect } : {}) })),
    })),
  };
}

function toRule(r: HarborImmutableRulePayload): HarborImmutableRule {
  const tag = r.tag_selectors?.[0];
  const repo = r.scope_selectors?.repository?.[0];
  return {
    id: r.id ?? 0,
    disabled: r.disabled ?? false,
    tagPattern: tag?.pattern,
    tagDecoration: tag?.decoration,
    repoPattern: repo?.pattern,
    repoDecoration: repo?.decoration,
  };
}

function checkMetadata(metadata: Record<string, string>) {
  for (const [key, value] of Object.entries(metadata)) {
    if (!(PROJECT_METADATA_KEYS as readonly string[]).includes(key)) throw new TypeError(`Harbor has no project metadata "${key}"`);
    if (typeof value !== "string") throw new TypeError(`Harbor project metadata "${key}" must be a string`);
  }
}

function checkDuration(days: number) {
  if (!Number.isInteger(days) || (days !== -1 && days < 1)) throw new TypeError("robot duration must be -1 (never) or a positive number of days");
}

/** The Harbor client Berth uses; configuration comes from the caller (lib/env.ts), never from the environment. */
export function createHarborClient(options: HarborClientOptions): HarborClient {
  const t = new HarborTransport(options);
  const projectPath = (name: string) => `/projects/${seg(name)}`;

  async function projectExists(name: string) {
    const res = await t.request<string>({ method: "HEAD", path: "/projects", query: { project_name: name }, accept: [404] });
    return { exists: res.status === 200, requestId: res.requestId };
  }

  // Harbor answers 403 instead of 404 to non-admins for a project that does not exist (#19342): tell the two apart.
  async function absentRatherThanForbidden(error: unknown, name: string): Promise<boolean> {
    if (!isHarborError(error) || error.status !== 403) return false;
    return !(await projectExists(name)).exists;
  }

  async function getProject(nameOrId: string | number) {
    const byName = typeof nameOrId === "string";
    try {
      const res = await t.request<HarborProjectPayload>({ method: "GET", path: projectPath(String(nameOrId)), byName, accept: [404] });
      if (res.status === 404) return null;
      return { ...toProject(res.data), requestId: res.requestId };
    } catch (error) {
      if (byName && (await absentRatherThanForbidden(error, nameOrId))) return null;
      throw error;
    }
  }

  async function listMembers(project: string, entityName?: string) {
    const res: ListResult<HarborMemberPayload> = await t.listAll({ path: `${projectPath(project)}/members`, byName: true, query: { entityname: entityName } });
    return { members: res.items.map(toMember), requestId: res.requestId, requestIds: res.requestIds };
  }

  async function listProjectRobots(projectId: number) {
    const res: ListResult<HarborRobotPayload> = await t.listAll({ path: "/robots", query: { q: `Level=project,ProjectID=${projectId}` } });
    return { robots: res.items.map(toRobot), requestId: res.requestId, requestIds: res.requestIds };
  }

  async function getQuota(projectId: number) {
    const res = await t.request<Schemas["Quota"][]>({ method: "GET", path: "/quotas", query: { reference: "project", reference_id: String(projectId) } });
    const q = Array.isArray(res.data) ? res.data[0] : undefined;
    if (!q) return null;
    return { id: q.id ?? 0, hardBytes: q.hard?.storage ?? 0, usedBytes: q.used?.storage ?? 0, requestId: res.requestId };
  }

  async function rotateRobotSecret(id: number) {
    const res = await t.request<Schemas["RobotSec"]>({ method: "PATCH", path: `/robots/${seg(id)}`, body: { secret: "" } satisfies Schemas["RobotSec"] });
    if (!res.data.secret) throw new HarborError({ status: res.status, code: "INVALID_RESPONSE", harborMessage: "no secret in the answer", requestId: res.requestId, method: "PATCH", path: `/robots/${id}`, retryable: false });
    return { secret: res.data.secret, requestId: res.requestId };
  }

  function robotBody(input: RobotInput): Schemas["RobotCreate"] {
    checkDuration(input.durationDays);
    return {
      name: input.name,
      description: input.description ?? "",
      level: "project",
      duration: input.durationDays,
      disable: false,
      permissions: [
        {
          kind: "project",
          namespace: input.project,
          // Harbor compares effects literally when a robot creates robots (#21922): always say "allow".
          access: input.permissions.map((p) => ({ resource: p.resource, action: p.action, effect: "allow" })),
        },
      ],
    };
  }

  function created(res: { data: Schemas["RobotCreated"]; requestId: string }): CreatedRobot {
    const r = res.data;
    if (!r.secret || r.id === undefined) throw new HarborError({ status: 201, code: "INVALID_RESPONSE", harborMessage: "robot created without id or secret", requestId: res.requestId, method: "POST", path: "/robots", retryable: false });
    return { id: r.id, name: r.name ?? "", secret: r.secret, expiresAt: r.expires_at ?? 0, requestId: res.requestId };
  }

  async function createRobot(input: RobotInput): Promise<CreatedRobot> {
    const res = await t.request<Schemas["RobotCreated"]>({ method: "POST", path: "/robots", body: robotBody(input) });
    return created(res);
  }

  return {
    ...auditLogClient(t),
    async ping() {
      const res = await t.request<string>({ method: "GET", path: "/ping", text: true });
      if (res.data.trim() !== "Pong") throw new HarborError({ status: res.status, code: "INVALID_RESPONSE", harborMessage: "ping did not answer Pong", requestId: res.requestId, method: "GET", path: "/ping", retryable: false });
      return { pong: true, requestId: res.requestId };
    },

    async health() {
      const res = await t.request<Schemas["OverallHealthStatus"]>({ method: "GET", path: "/health" });
      return {
        status: res.data.status ?? "unknown",
        components: (res.data.components ?? []).map((c) => ({ name: c.name ?? "", status: c.status ?? "", ...(c.error ? { error: c.error } : {}) })),
        requestId: res.requestId,
      };
    },

    async systemInfo() {
      const res = await t.request<HarborGeneralInfo>({ method: "GET", path: "/systeminfo" });
      return {
        authMode: res.data.auth_mode ?? undefined,
        harborVersion: res.data.harbor_version ?? undefined,
        externalUrl: res.data.external_url ?? undefined,
        info: res.data,
        requestId: res.requestId,
      };
    },

    getProject,
    projectExists,

    async ensureProject(input) {
      checkMetadata(input.metadata);
      const body: Schemas["ProjectReq"] = { project_name: input.name, metadata: input.metadata, storage_limit: input.storageLimitBytes };
      // A repeated POST is safe: the second one answers 409 and we adopt.
      const post = await t.request<string>({ method: "POST", path: "/projects", body, idempotent: true, accept: [409] });
      if (post.status !== 409) {
        const id = idFromLocation(post.headers.get("location"));
        if (id !== undefined) return { projectId: id, created: true, metadataUpdated: false, requestId: post.requestId, requestIds: [post.requestId] };
        const got = await getProject(input.name);
        if (!got) throw new HarborError({ status: 404, code: "NOT_FOUND", harborMessage: `project ${input.name} vanished after creation`, requestId: post.requestId, method: "GET", path: projectPath(input.name) });
        return { projectId: got.projectId, created: true, metadataUpdated: false, requestId: post.requestId, requestIds: [post.requestId, got.requestId] };
      }
      const existing = await getProject(input.name);
      if (!existing) throw new HarborError({ status: 409, code: "CONFLICT", harborMessage: `project ${input.name} exists but cannot be read`, requestId: post.requestId, method: "POST", path: "/projects", retryable: true });
      const diff: Record<string, string> = {};
      for (const [k, v] of Object.entries(input.metadata)) if (existing.metadata[k] !== v) diff[k] = v;
      const requestIds = [post.requestId, existing.requestId];
      if (Object.keys(diff).length === 0) return { projectId: existing.projectId, created: false, metadataUpdated: false, requestId: post.requestId, requestIds };
      const put = await t.request<string>({ method: "PUT", path: projectPath(input.name), byName: true, body: { metadata: diff } satisfies Schemas["ProjectReq"] });
      return { projectId: existing.projectId, created: false, metadataUpdated: true, requestId: put.requestId, requestIds: [...requestIds, put.requestId] };
    },

    async updateProjectMetadata(name, metadata) {
      checkMetadata(metadata);
      const res = await t.request<string>({ method: "PUT", path: projectPath(name), byName: true, body: { metadata } satisfies Schemas["ProjectReq"] });
      return { requestId: res.requestId };
    },

    async deleteProject(name) {
      try {
        const res = await t.request<string>({ method: "DELETE", path: projectPath(name), byName: true, accept: [404] });
        return { deleted: res.status !== 404, requestId: res.requestId, requestIds: [res.requestId] };
      } catch (error) {
        if (isHarborError(error) && error.status === 412) {
          throw new HarborError({ status: 412, code: "PRECONDITION", harborMessage: "project still has repositories", requestId: error.requestId, method: error.method, path: error.path });
        }
        if (isHarborError(error) && (await absentRatherThanForbidden(error, name))) return { deleted: false, requestId: error.requestId, requestIds: [error.requestId] };
        throw error;
      }
    },

    getQuota,

    async setQuota(projectId, hardBytes) {
      const current = await getQuota(projectId);
      if (!current) throw new HarborError({ status: 404, code: "NOT_FOUND", harborMessage: `no quota for project ${projectId}`, requestId: "", method: "GET", path: "/quotas" });
      if (current.hardBytes === hardBytes) return { quotaId: current.id, changed: false, requestId: current.requestId, requestIds: [current.requestId] };
      const res = await t.request<string>({ method: "PUT", path: `/quotas/${seg(current.id)}`, body: { hard: { storage: hardBytes } } satisfies Schemas["QuotaUpdateReq"] });
      return { quotaId: current.id, changed: true, requestId: res.requestId, requestIds: [current.requestId, res.requestId] };
    },

    async ensureGroupMember(project, groupName, roleId) {
      const body: Schemas["ProjectMember"] = { role_id: roleId, member_group: { group_name: groupName, group_type: OIDC_GROUP_TYPE } };
      const post = await t.request<string>({ method: "POST", path: `${projectPath(project)}/members`, byName: true, body, idempotent: true, accept: [409] });
      const id = post.status === 409 ? undefined : idFromLocation(post.headers.get("location"));
      if (id !== undefined) return { memberId: id, created: true, roleChanged: false, requestId: post.requestId, requestIds: [post.requestId] };
      const list = await listMembers(project, groupName);
      const member = list.members.find((m) => m.entityType === "g" && m.entityName === groupName);
      const requestIds = [post.requestId, ...list.requestIds];
      if (!member) throw new HarborError({ status: post.status, code: "NOT_FOUND", harborMessage: `group ${groupName} is not a member of ${project}`, requestId: post.requestId, method: "GET", path: `${projectPath(project)}/members` });
      const wasCreated = post.status !== 409;
      if (member.roleId === roleId) return { memberId: member.id, created: wasCreated, roleChanged: false, requestId: post.requestId, requestIds };
      const put = await t.request<string>({ method: "PUT", path: `${projectPath(project)}/members/${seg(member.id)}`, byName: true, body: { role_id: roleId } satisfies Schemas["RoleRequest"] });
      return { memberId: member.id, created: wasCreated, roleChanged: true, requestId: put.requestId, requestIds: [...requestIds, put.requestId] };
    },

    async changeMemberRole(project, memberId, roleId) {
      const res = await t.request<string>({ method: "PUT", path: `${projectPath(project)}/members/${seg(memberId)}`, byName: true, body: { role_id: roleId } satisfies Schemas["RoleRequest"] });
      return { requestId: res.requestId };
    },

    async removeMember(project, memberId) {
      const res = await t.request<string>({ method: "DELETE", path: `${projectPath(project)}/members/${seg(memberId)}`, byName: true, accept: [404] });
      return { removed: res.status !== 404, requestId: res.requestId };
    },

    listMembers,
    createRobot,

    async ensureRobot(input) {
      const post = await t.request<Schemas["RobotCreated"]>({ method: "POST", path: "/robots", body: robotBody(input), idempotent: true, accept: [409] });
      if (post.status !== 409) return { ...created(post), created: true, replaced: false, requestIds: [post.requestId] };
      const requestIds = [post.requestId];
      const project = await getProject(input.project);
      if (!project) throw new HarborError({ status: 404, code: "NOT_FOUND", harborMessage: `project ${input.project} not found`, requestId: post.requestId, method: "GET", path: projectPath(input.project) });
      requestIds.push(project.requestId);
      const list = await listProjectRobots(project.projectId);
      requestIds.push(...list.requestIds);
      const robot = list.robots.find((r) => isProjectRobotNamed(r.name, input.project, input.name));
      if (!robot) throw new HarborError({ status: 409, code: "CONFLICT", harborMessage: `robot ${input.project}+${input.name} exists but is not listed`, requestId: post.requestId, method: "POST", path: "/robots" });
      try {
        const rotated = await rotateRobotSecret(robot.id);
        requestIds.push(rotated.requestId);
        return { id: robot.id, name: robot.name, secret: rotated.secret, expiresAt: robot.expiresAt, created: false, replaced: false, requestId: rotated.requestId, requestIds };
      } catch (error) {
        // Harbor v2.15 never grants robot:update to a robot, so a system robot cannot rotate: replace instead.
        if (!isHarborError(error) || error.status !== 403) throw error;
        requestIds.push(error.requestId);
        const del = await t.request<string>({ method: "DELETE", path: `/robots/${seg(robot.id)}`, accept: [404] });
        requestIds.push(del.requestId);
        const fresh = await createRobot(input);
        requestIds.push(fresh.requestId);
        return { ...fresh, created: false, replaced: true, requestIds };
      }
    },

    async getRobot(id) {
      const res = await t.request<HarborRobotPayload>({ method: "GET", path: `/robots/${seg(id)}`, accept: [404] });
      if (res.status === 404) return null;
      return { ...toRobot(res.data), requestId: res.requestId };
    },

    listProjectRobots,

    async updateRobotDuration(id, durationDays) {
      checkDuration(durationDays);
      const current = await t.request<HarborRobotPayload>({ method: "GET", path: `/robots/${seg(id)}` });
      const put = await t.request<string>({ method: "PUT", path: `/robots/${seg(id)}`, body: { ...current.data, duration: durationDays } satisfies HarborRobotPayload });
      const after = await t.request<HarborRobotPayload>({ method: "GET", path: `/robots/${seg(id)}` });
      return { expiresAt: after.data.expires_at ?? 0, requestId: put.requestId, requestIds: [current.requestId, put.requestId, after.requestId] };
    },

    rotateRobotSecret,

    async deleteRobot(id) {
      const res = await t.request<string>({ method: "DELETE", path: `/robots/${seg(id)}`, accept: [404] });
      return { deleted: res.status !== 404, requestId: res.requestId };
    },

    async ensureImmutableTagRule(project, rule) {
      const body: HarborImmutableRulePayload = {
        disabled: false,
        action: "immutable",
        template: "immutable_template",
        tag_selectors: [{ kind: "doublestar", decoration: "matches", pattern: rule.tagPattern }],
        scope_selectors: { repository: [{ kind: "doublestar", decoration: "repoMatches", pattern: rule.repoPattern ?? "**" }] },
      };
      const res = await t.request<string>({ method: "POST", path: `${projectPath(project)}/immutabletagrules`, byName: true, body, idempotent: true, accept: [409] });
      if (res.status === 409) return { created: false, requestId: res.requestId };
      return { created: true, ruleId: idFromLocation(res.headers.get("location")), requestId: res.requestId };
    },

    async listImmutableTagRules(project) {
      const res: ListResult<HarborImmutableRulePayload> = await t.listAll({ path: `${projectPath(project)}/immutabletagrules`, byName: true });
      return { rules: res.items.map(toRule), requestId: res.requestId, requestIds: res.requestIds };
    },
  };
}
