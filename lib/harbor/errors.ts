// The one error type of the Harbor client. Carries what a caller needs to decide (status, Harbor's code,
// retryable) and to correlate (request id); never a credential, a secret or a request body.
const STATUS_CODES: Record<number, string> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  409: "CONFLICT",
  412: "PRECONDITION",
  415: "UNSUPPORTED_MEDIA_TYPE",
  422: "UNPROCESSABLE_ENTITY",
  429: "TOO_MANY_REQUESTS",
  500: "UNKNOWN",
  502: "BAD_GATEWAY",
  503: "SERVICE_UNAVAILABLE",
  504: "GATEWAY_TIMEOUT",
};

/** Statuses that say "try again later" rather than "this request is wrong". */
export const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

/** The code Harbor would use for a status when the body carries none (e.g. an HTML page from the proxy in front). */
export function codeForStatus(status: number): string {
  return STATUS_CODES[status] ?? `HTTP_${status}`;
}

export interface HarborErrorInit {
  status: number | undefined;
  code: string;
  harborMessage: string;
  requestId: string;
  method: string;
  path: string;
  retryable?: boolean;
  cause?: unknown;
}

export class HarborError extends Error {
  /** HTTP status, or undefined for NETWORK / TIMEOUT. */
  readonly status: number | undefined;
  /** Harbor's error code (NOT_FOUND, CONFLICT, PRECONDITION…), or NETWORK / TIMEOUT. */
  readonly code: string;
  /** Harbor's own message (or ours for NETWORK / TIMEOUT). */
  readonly harborMessage: string;
  readonly requestId: string;
  /** True for failures that may succeed later: 502/503/504, network errors and timeouts. */
  readonly retryable: boolean;
  readonly method: string;
  /** Path below /api/v2.0, without the query string. */
  readonly path: string;

  constructor(init: HarborErrorInit) {
    const statusPart = init.status === undefined ? init.code : `${init.status} ${init.code}`;
    super(`Harbor ${init.method} ${init.path}: ${statusPart}: ${init.harborMessage} (request ${init.requestId})`, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "HarborError";
    this.status = init.status;
    this.code = init.code;
    this.harborMessage = init.harborMessage;
    this.requestId = init.requestId;
    this.method = init.method;
    this.path = init.path;
    this.retryable = init.retryable ?? (init.status === undefined || TRANSIENT_STATUSES.has(init.status));
  }
}

export function isHarborError(error: unknown, code?: string): error is HarborError {
  return error instanceof HarborError && (code === undefined || error.code === code);
}
