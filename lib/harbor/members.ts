import type { components } from "./generated/harbor";
import { HarborError } from "./errors";
import { seg, type HarborTransport, type ListResult } from "./http";
import { idFromLocation, type WithRequestId, type WithRequestIds } from "./types";
import { projectPath } from "./projects";
import type { RoleId } from "../core/roles";

type Schemas = components["schemas"];

export type HarborMemberPayload = Schemas["ProjectMemberEntity"];

/** Harbor's group type for OIDC groups (1 LDAP, 2 HTTP, 3 OIDC). */
export const OIDC_GROUP_TYPE = 3;

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

export interface HarborMemberClient {
  /** POST an OIDC group (type 3; Harbor creates it on first use); on 409 look it up and PUT the role if it differs. */
  ensureGroupMember(project: string, groupName: string, roleId: RoleId): Promise<{ memberId: number; created: boolean; roleChanged: boolean } & WithRequestIds>;
  changeMemberRole(project: string, memberId: number, roleId: RoleId): Promise<WithRequestId>;
  /** Harbor answers 200 whether or not the member existed; 404 (project gone) counts as done. */
  removeMember(project: string, memberId: number): Promise<{ removed: boolean } & WithRequestId>;
  listMembers(project: string, entityName?: string): Promise<{ members: HarborMember[] } & WithRequestIds>;
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

/** Project members: OIDC groups only, create-or-adopt with the role corrected. */
export function memberClient(t: HarborTransport): HarborMemberClient {
  async function listMembers(project: string, entityName?: string) {
    const res: ListResult<HarborMemberPayload> = await t.listAll({ path: `${projectPath(project)}/members`, byName: true, query: { entityname: entityName } });
    return { members: res.items.map(toMember), requestId: res.requestId, requestIds: res.requestIds };
  }

  return {
    listMembers,

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
  };
}
