export type DomainErrorCode = "INVALID" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "POLICY" | "UNAVAILABLE";

/** A refusal the user can act on; its message is safe to show. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const forbidden = (message = "You are not allowed to do that.") => new DomainError("FORBIDDEN", message);
export const notFound = (what = "That item") => new DomainError("NOT_FOUND", `${what} does not exist or is not visible to you.`);
export const conflict = (message: string) => new DomainError("CONFLICT", message);
export const invalid = (message: string, fieldErrors?: Record<string, string[]>) => new DomainError("INVALID", message, fieldErrors);
