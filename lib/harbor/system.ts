import type { components } from "./generated/harbor";
import { HarborError } from "./errors";
import type { HarborTransport } from "./http";
import type { HarborGeneralInfo, WithRequestId } from "./types";

type Schemas = components["schemas"];

export interface HarborSystemClient {
  ping(): Promise<{ pong: true } & WithRequestId>;
  health(): Promise<{ status: string; components: { name: string; status: string; error?: string }[] } & WithRequestId>;
  systemInfo(): Promise<{ authMode?: string; harborVersion?: string; externalUrl?: string; info: HarborGeneralInfo } & WithRequestId>;
}

/** Reachability and what Harbor says about itself. */
export function systemClient(t: HarborTransport): HarborSystemClient {
  return {
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
  };
}
