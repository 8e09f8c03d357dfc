// The states a request, a grant and a job pass through (docs/governance.md, docs/provisioning.md).
export const REQUEST_STATES = ["PENDING", "APPROVED", "PROVISIONING", "ACTIVE", "REJECTED", "CANCELLED", "FAILED", "EXPIRED", "REVOKED"] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/** Request states in which a request still holds its subject (no second request for the same subject). */
export const OPEN_STATES = ["PENDING", "APPROVED", "PROVISIONING", "FAILED"] as const satisfies readonly RequestState[];

/** Request states whose page keeps polling: something is still about to happen. */
export const LIVE_STATES = ["PENDING", "APPROVED", "PROVISIONING"] as const satisfies readonly RequestState[];

export const GRANT_STATES = ["PENDING", "ACTIVE", "FAILED", "EXPIRED", "REVOKED", "SUPERSEDED"] as const;
export type GrantState = (typeof GRANT_STATES)[number];

/** Jobs a worker still has to run or is running. */
export const OPEN_JOB_STATES = ["QUEUED", "RUNNING"] as const;
