import type { z } from "zod";

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

/**
 * Parses URL filters with the audit schemas: a field that does not parse is dropped and its messages kept, so a
 * hand-edited link shows the rest of the filters and says inline what was wrong, never a 500.
 */
export function parseWithFieldErrors<S extends z.ZodType>(schema: S, raw: Record<string, string>): { data: z.output<S> | null; errors: FieldErrors } {
  const first = schema.safeParse(raw);
  if (first.success) return { data: first.data, errors: {} };
  const errors: FieldErrors = {};
  for (const issue of first.error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "_form";
    (errors[key] ??= []).push(issueMessage(issue));
  }
  const rest = Object.fromEntries(Object.entries(raw).filter(([k]) => !(k in errors)));
  const second = schema.safeParse(rest);
  return { data: second.success ? second.data : null, errors };
}

/** "from" → "From"; the field names the schemas use, in words. */
export const FIELD_LABELS: Record<string, string> = {
  project: "Project",
  subject: "Group or robot",
  subjectType: "Type",
  roleId: "Role",
  state: "State",
  from: "From",
  to: "To",
  approver: "Approver",
  requester: "Requester",
  sort: "Sort",
  dir: "Direction",
  action: "Action",
  objectType: "Object type",
  objectId: "Object id",
  actor: "Actor",
  requestId: "Request id",
  group: "Group",
  at: "Date and time",
  cursor: "Page",
  limit: "Page size",
  _form: "Filters",
};

export function errorSummary(errors: FieldErrors): string {
  return Object.entries(errors)
    .map(([k, messages]) => `${FIELD_LABELS[k] ?? k}: ${messages.join(" ")}`)
    .join("; ");
}
