import type { components } from "./generated/harbor";
import { HarborError, isHarborError } from "./errors";
import { seg, type HarborTransport } from "./http";
import { idFromLocation, type WithRequestId, type WithRequestIds } from "./types";

type Schemas = components["schemas"];

export type HarborProjectPayload = Schemas["Project"];

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



export interface HarborProject {
  projectId: number;
  name: string;
  metadata: Record<string, string>;
  repoCount: number;
  ownerName?: string;
  creationTime?: string;
  updateTime?: string;
}

export interface EnsureProjectInput {
  name: string;
  metadata: Record<string, string>;
  storageLimitBytes: number;
}

export interface HarborProjectClient {
  /** null when the project does not exist (also when Harbor answers 403 to a robot for a missing project). */
  getProject(nameOrId: string | number): Promise<(HarborProject & WithRequestId) | null>;
  projectExists(name: string): Promise<{ exists: boolean } & WithRequestId>;
  /** POST; on 409 adopt the existing project and PUT the metadata that differs. One call on the happy path. */
  ensureProject(input: EnsureProjectInput): Promise<{ projectId: number; created: boolean; metadataUpdated: boolean } & WithRequestIds>;
  updateProjectMetadata(name: string, metadata: Record<string, string>): Promise<WithRequestId>;
  /** 404 counts as done; 412 becomes code PRECONDITION, "project still has repositories". */
  deleteProject(name: string): Promise<{ deleted: boolean } & WithRequestIds>;
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

function checkMetadata(metadata: Record<string, string>) {
  for (const [key, value] of Object.entries(metadata)) {
    if (!(PROJECT_METADATA_KEYS as readonly string[]).includes(key)) throw new TypeError(`Harbor has no project metadata "${key}"`);
    if (typeof value !== "string") throw new TypeError(`Harbor project metadata "${key}" must be a string`);
  }
}

/** The path of a project addressed by name (sent with X-Is-Resource-Name). */
export const projectPath = (name: string) => `/projects/${seg(name)}`;

/** Projects: create-or-adopt, read, metadata, delete. */
export function projectClient(t: HarborTransport): HarborProjectClient & { absentRatherThanForbidden(error: unknown, name: string): Promise<boolean> } {
  async function projectExists(name: string) {
    const res = await t.request<string>({ method: "HEAD", path: "/projects", query: { project_name: name }, accept: [404] });
    return { exists: res.status === 200, requestId: res.requestId };
  }

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

  return {
    getProject,
    projectExists,
    absentRatherThanForbidden,

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
  };
}
