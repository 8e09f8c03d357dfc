import type { components } from "./generated/harbor";
import { HarborError } from "./errors";
import { seg, type HarborTransport } from "./http";
import type { WithRequestId, WithRequestIds } from "./types";

type Schemas = components["schemas"];

export interface HarborQuotaClient {
  getQuota(projectId: number): Promise<({ id: number; hardBytes: number; usedBytes: number } & WithRequestId) | null>;
  setQuota(projectId: number, hardBytes: number): Promise<{ quotaId: number; changed: boolean } & WithRequestIds>;
}

/** Storage quotas (system level in Harbor). */
export function quotaClient(t: HarborTransport): HarborQuotaClient {
  async function getQuota(projectId: number) {
    const res = await t.request<Schemas["Quota"][]>({ method: "GET", path: "/quotas", query: { reference: "project", reference_id: String(projectId) } });
    const q = Array.isArray(res.data) ? res.data[0] : undefined;
    if (!q) return null;
    return { id: q.id ?? 0, hardBytes: q.hard?.storage ?? 0, usedBytes: q.used?.storage ?? 0, requestId: res.requestId };
  }

  return {
    getQuota,

    async setQuota(projectId, hardBytes) {
      const current = await getQuota(projectId);
      if (!current) throw new HarborError({ status: 404, code: "NOT_FOUND", harborMessage: `no quota for project ${projectId}`, requestId: "", method: "GET", path: "/quotas" });
      if (current.hardBytes === hardBytes) return { quotaId: current.id, changed: false, requestId: current.requestId, requestIds: [current.requestId] };
      const res = await t.request<string>({ method: "PUT", path: `/quotas/${seg(current.id)}`, body: { hard: { storage: hardBytes } } satisfies Schemas["QuotaUpdateReq"] });
      return { quotaId: current.id, changed: true, requestId: res.requestId, requestIds: [current.requestId, res.requestId] };
    },
  };
}
