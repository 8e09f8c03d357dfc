import type { components } from "./generated/harbor";
import { seg, type HarborTransport } from "./http";
import { BERTH_ACCOUNT_PERMISSIONS } from "./permissions";

type Schemas = components["schemas"];

export interface NeededPermission {
  scope: "system" | "project";
  resource: string;
  action: string;
}

export interface AccountCheck {
  /** admin: a Harbor system administrator (works, but holds far more than Berth needs); robot: a robot account. */
  kind: "admin" | "user" | "robot";
  /** Needed permissions Harbor says this account does not hold. Empty: nothing is known to be missing. */
  missing: NeededPermission[];
  /** Needed permissions no read can confirm: project ones before Berth manages a project, and quota:update (only by use). */
  unverified: NeededPermission[];
  /** The Harbor project id the project permissions were read in, when there was one. */
  projectId: number | null;
}

export interface HarborAccountClient {
  /**
   * What Harbor lets Berth's own account do, against BERTH_ACCOUNT_PERMISSIONS, from what Harbor allows any account
   * to read about itself: GET /users/current (412 for a robot), GET /users/current/permissions per scope (Harbor
   * lists the namespace's policies the caller holds; a project scope needs an existing project's id), and the quota
   * list and quota reads, which the system namespace does not list.
   */
  checkAccount(options?: { projectId?: number | null }): Promise<AccountCheck>;
}

const key = (p: { resource: string; action: string }) => `${p.resource}:${p.action}`;

export function accountClient(t: HarborTransport): HarborAccountClient {
  async function held(scope: string): Promise<Set<string>> {
    const res = await t.request<Schemas["Permission"][]>({ method: "GET", path: "/users/current/permissions", query: { scope, relative: true } });
    // relative to a project scope the project itself is "."
    return new Set((res.data ?? []).map((p) => key({ resource: p.resource === "." ? "project" : (p.resource ?? ""), action: p.action ?? "" })));
  }

  return {
    async checkAccount({ projectId = null } = {}) {
      const me = await t.request<Schemas["UserResp"]>({ method: "GET", path: "/users/current", accept: [412] });
      const kind = me.status === 412 ? "robot" : me.data.sysadmin_flag ? "admin" : "user";
      const missing: NeededPermission[] = [];
      const unverified: NeededPermission[] = [];
      const system = await held("/system");
      for (const p of BERTH_ACCOUNT_PERMISSIONS.system) {
        const need = { scope: "system" as const, ...p };
        if (p.resource !== "quota") {
          if (!system.has(key(p))) missing.push(need);
          continue;
        }
        if (p.action === "list" || p.action === "read") {
          const list = await t.request<Schemas["Quota"][]>({ method: "GET", path: "/quotas", query: { page_size: 1 }, accept: [403] });
          if (p.action === "list") {
            if (list.status === 403) missing.push(need);
            continue;
          }
          const first = list.status === 200 ? list.data[0]?.id : undefined;
          if (first === undefined) unverified.push(need);
          else if ((await t.request({ method: "GET", path: `/quotas/${seg(first)}`, accept: [403] })).status === 403) missing.push(need);
          continue;
        }
        unverified.push(need);
      }
      if (projectId === null) {
        for (const p of BERTH_ACCOUNT_PERMISSIONS.project) unverified.push({ scope: "project", ...p });
      } else {
        const inProject = await held(`/project/${projectId}`);
        for (const p of BERTH_ACCOUNT_PERMISSIONS.project) if (!inProject.has(key(p))) missing.push({ scope: "project", ...p });
      }
      return { kind, missing, unverified: kind === "admin" ? [] : unverified, projectId };
    },
  };
}

/** "system project:create, project member:delete" */
export function describePermissions(list: NeededPermission[]): string {
  return list.map((p) => `${p.scope} ${p.resource}:${p.action}`).join(", ");
}
