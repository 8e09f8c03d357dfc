import type { components } from "./generated/harbor";

// Shapes every part of the Harbor client shares.

type Schemas = components["schemas"];
export type HarborGeneralInfo = Schemas["GeneralInfo"];

export interface WithRequestId {
  /** X-Request-Id of the call that decided the outcome. */
  requestId: string;
}
export interface WithRequestIds extends WithRequestId {
  /** Every call made, in order. */
  requestIds: string[];
}

/** The numeric id at the end of a `Location` header (Harbor's answer to a create). */
export function idFromLocation(location: string | null): number | undefined {
  const last = location?.split("?")[0]?.replace(/\/+$/, "").split("/").pop();
  return last && /^\d+$/.test(last) ? Number(last) : undefined;
}
