/** An answer in Harbor's error format: `{"errors":[{"code","message"}]}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const unauthorized = () => new ApiError(401, "UNAUTHORIZED", "unauthorized");
export const forbidden = (message = "forbidden") => new ApiError(403, "FORBIDDEN", message);
export const notFound = (message: string) => new ApiError(404, "NOT_FOUND", message);
export const badRequest = (message: string) => new ApiError(400, "BAD_REQUEST", message);
export const conflict = (message: string) => new ApiError(409, "CONFLICT", message);
