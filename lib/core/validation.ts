import type { z } from "zod";

// Validation failures in words a person can act on, keyed by the field that failed ("_form" for the whole input):
// the one mapper from zod's issues to field errors, for actions, route handlers and URL filters alike.

export type FieldErrors = Record<string, string[]>;

/**
 * The message worth showing: for a union (the date fields accept a Date or a string) zod says only "Invalid input",
 * so take the branch that got past the type check, which carries the schema's own wording.
 */
export function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_union") {
    const specific = issue.errors.flat().find((i) => i.code !== "invalid_type");
    if (specific) return issueMessage(specific);
  }
  return issue.message;
}

/** Each issue's message under the top-level field it is about. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) (out[issue.path.length ? String(issue.path[0]) : "_form"] ??= []).push(issueMessage(issue));
  return out;
}

/**
 * Parses leniently (URL filters): a field that does not parse is dropped and its messages kept, so a hand-edited
 * link shows the rest of the filters and says inline what was wrong, never a 500.
 */
export function parseWithFieldErrors<S extends z.ZodType>(schema: S, raw: Record<string, unknown>): { data: z.output<S> | null; errors: FieldErrors } {
  const first = schema.safeParse(raw);
  if (first.success) return { data: first.data, errors: {} };
  const errors = fieldErrorsOf(first.error);
  const rest = Object.fromEntries(Object.entries(raw).filter(([k]) => !(k in errors)));
  const second = schema.safeParse(rest);
  return { data: second.success ? second.data : null, errors };
}
