import type { components } from "./generated/harbor";
import { HarborError, isHarborError } from "./errors";
import { seg, type HarborTransport, type ListResult } from "./http";
import type { WithRequestId, WithRequestIds } from "./types";
import type { projectClient } from "./projects";
import { isProjectRobotNamed } from "../core/names";

type Schemas = components["schemas"];

export type HarborRobotPayload = Schemas["Robot"];

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

export interface HarborRobotClient {
  createRobot(input: RobotInput): Promise<CreatedRobot>;
  /**
   * POST; on 409 the robot of that name is adopted only when `options.owned` says it is the caller's (Berth's own,
   * from a run that crashed before recording it): its permissions, expiry and description are first set to the
   * input's, then its secret is rotated (or, when Harbor forbids rotation, it is replaced) so the caller gets a usable
   * secret once. Anyone else's robot of that name is refused (409, not retryable) and left as it is.
   */
  ensureRobot(input: RobotInput, options?: { owned?: (existing: HarborRobot) => boolean }): Promise<CreatedRobot & { created: boolean; replaced: boolean; reconciled: boolean; requestIds: string[] }>;
  getRobot(id: number): Promise<(HarborRobot & WithRequestId) | null>;
  listProjectRobots(projectId: number): Promise<{ robots: HarborRobot[] } & WithRequestIds>;
  /** PUT with the whole object as GET returns it (#15601); Harbor recomputes expires_at from the creation time. */
  updateRobotDuration(id: number, durationDays: number): Promise<{ expiresAt: number } & WithRequestIds>;
  /** PATCH with an empty secret: Harbor generates and returns a new one; the old one stops working. */
  rotateRobotSecret(id: number): Promise<{ secret: string } & WithRequestId>;
  deleteRobot(id: number): Promise<{ deleted: boolean } & WithRequestId>;
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

function checkDuration(days: number) {
  if (!Number.isInteger(days) || (days !== -1 && days < 1)) throw new TypeError("robot duration must be -1 (never) or a positive number of days");
}

/** Project robots: create-or-adopt, read, extend, rotate, delete. */
export function robotClient(t: HarborTransport, projects: Pick<ReturnType<typeof projectClient>, "getProject">): HarborRobotClient {
  const { getProject } = projects;
  async function listProjectRobots(projectId: number) {
    const res: ListResult<HarborRobotPayload> = await t.listAll({ path: "/robots", query: { q: `Level=project,ProjectID=${projectId}` } });
    return { robots: res.items.map(toRobot), requestId: res.requestId, requestIds: res.requestIds };
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
    createRobot,
    listProjectRobots,
    rotateRobotSecret,

    async ensureRobot(input, options = {}) {
      const post = await t.request<Schemas["RobotCreated"]>({ method: "POST", path: "/robots", body: robotBody(input), idempotent: true, accept: [409] });
      if (post.status !== 409) return { ...created(post), created: true, replaced: false, reconciled: false, requestIds: [post.requestId] };
      const requestIds = [post.requestId];
      const project = await getProject(input.project);
      if (!project) throw new HarborError({ status: 404, code: "NOT_FOUND", harborMessage: `project ${input.project} not found`, requestId: post.requestId, method: "GET", path: `/projects/${seg(input.project)}` });
      requestIds.push(project.requestId);
      const list = await listProjectRobots(project.projectId);
      requestIds.push(...list.requestIds);
      const robot = list.robots.find((r) => isProjectRobotNamed(r.name, input.project, input.name));
      if (!robot) throw new HarborError({ status: 409, code: "CONFLICT", harborMessage: `robot ${input.project}+${input.name} exists but is not listed`, requestId: post.requestId, method: "POST", path: "/robots" });
      if (options.owned && !options.owned(robot)) {
        throw new HarborError({ status: 409, code: "CONFLICT", harborMessage: `a robot with this name (${robot.name}) exists in Harbor and is not managed by Berth`, requestId: post.requestId, method: "POST", path: "/robots", retryable: false });
      }
      // Ours, from a run that did not record it: what Harbor holds is made what was approved before a secret is issued.
      try {
        const current = await t.request<HarborRobotPayload>({ method: "GET", path: `/robots/${seg(robot.id)}` });
        const wanted = robotBody(input);
        const put = await t.request<string>({ method: "PUT", path: `/robots/${seg(robot.id)}`, body: { ...current.data, description: wanted.description, duration: wanted.duration, permissions: wanted.permissions } satisfies HarborRobotPayload });
        requestIds.push(current.requestId, put.requestId);
        const rotated = await rotateRobotSecret(robot.id);
        requestIds.push(rotated.requestId);
        const after = await t.request<HarborRobotPayload>({ method: "GET", path: `/robots/${seg(robot.id)}` });
        requestIds.push(after.requestId);
        return { id: robot.id, name: robot.name, secret: rotated.secret, expiresAt: after.data.expires_at ?? robot.expiresAt, created: false, replaced: false, reconciled: true, requestId: rotated.requestId, requestIds };
      } catch (error) {
        // Harbor v2.15 never grants robot:update to a robot: an account that may not change or rotate it replaces it.
        if (!isHarborError(error) || error.status !== 403) throw error;
        requestIds.push(error.requestId);
        const del = await t.request<string>({ method: "DELETE", path: `/robots/${seg(robot.id)}`, accept: [404] });
        requestIds.push(del.requestId);
        const fresh = await createRobot(input);
        requestIds.push(fresh.requestId);
        return { ...fresh, created: false, replaced: true, reconciled: true, requestIds };
      }
    },

    async getRobot(id) {
      const res = await t.request<HarborRobotPayload>({ method: "GET", path: `/robots/${seg(id)}`, accept: [404] });
      if (res.status === 404) return null;
      return { ...toRobot(res.data), requestId: res.requestId };
    },

    async updateRobotDuration(id, durationDays) {
      checkDuration(durationDays);
      const current = await t.request<HarborRobotPayload>({ method: "GET", path: `/robots/${seg(id)}` });
      const put = await t.request<string>({ method: "PUT", path: `/robots/${seg(id)}`, body: { ...current.data, duration: durationDays } satisfies HarborRobotPayload });
      const after = await t.request<HarborRobotPayload>({ method: "GET", path: `/robots/${seg(id)}` });
      return { expiresAt: after.data.expires_at ?? 0, requestId: put.requestId, requestIds: [current.requestId, put.requestId, after.requestId] };
    },

    async deleteRobot(id) {
      const res = await t.request<string>({ method: "DELETE", path: `/robots/${seg(id)}`, accept: [404] });
      return { deleted: res.status !== 404, requestId: res.requestId };
    },
  };
}
