import "server-only";
import { z } from "zod";
import { parseWithFieldErrors, plainText, type FieldErrors } from "../core/validation";
import { GRANT_STATES } from "@/lib/core/states";
import { AUDIT_OBJECT_TYPES } from "./types";

// Filter objects for the auditor views. Pages parse them from URL search params (shareable links);
// `toSearchParams` turns them back into a query string.

// blank URL params and null (a last page's nextCursor) mean "not set"
const emptyAsUnset = (v: unknown) => ((typeof v === "string" && v.trim() === "") || v === null ? undefined : v);
const text = (label: string) => z.preprocess(emptyAsUnset, plainText(label, { max: 200 }).optional());

const INSTANT = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A date or date-time; a bare date is midnight UTC and a date-time without a zone is read as UTC. */
const instant = z
  .union([
    z.date(),
    z
      .string()
      .trim()
      .regex(INSTANT, "must be an ISO date or date-time, e.g. 2026-01-31 or 2026-01-31T12:00:00Z")
      .transform((s) => {
        const m = INSTANT.exec(s)!;
        if (s.length === 10) return new Date(`${s}T00:00:00.000Z`);
        return new Date(m[1] ? s.replace(" ", "T") : `${s.replace(" ", "T")}Z`);
      }),
  ])
  .refine((d) => !Number.isNaN(d.getTime()), "is not a valid date")
  // the trail starts long after 1970; PostgreSQL has no year 0 and JavaScript's dates stop at 275760
  .refine((d) => Number.isNaN(d.getTime()) || (d.getUTCFullYear() >= 1970 && d.getUTCFullYear() <= 9999), "must lie between 1970 and 9999");

/** A date or date-time (blank means unset when optional: a form sends empty From and To). */
export const instantSchema = z.preprocess(emptyAsUnset, instant);
const optionalInstant = z.preprocess(emptyAsUnset, instant.optional());

export { GRANT_STATES };
export const GRANT_SORTS = ["startsAt", "endsAt", "project", "subject"] as const;

export const grantHistoryFiltersSchema = z.object({
  project: text("Project"),
  /** group or robot name, exact */
  subject: text("Group or robot"),
  subjectType: z.preprocess(emptyAsUnset, z.enum(["GROUP", "ROBOT"]).optional()),
  roleId: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).max(5).optional()),
  state: z.preprocess(emptyAsUnset, z.enum(GRANT_STATES).optional()),
  /** grants that existed (requested or in force) at some point in [from, to) */
  from: optionalInstant,
  to: optionalInstant,
  /** approver id or name, exact */
  approver: text("Approver"),
  /** requester id or name, exact */
  requester: text("Requester"),
  sort: z.preprocess(emptyAsUnset, z.enum(GRANT_SORTS).default("startsAt")),
  dir: z.preprocess(emptyAsUnset, z.enum(["asc", "desc"]).default("desc")),
});
export type GrantHistoryFilters = z.infer<typeof grantHistoryFiltersSchema>;
export type GrantHistoryFiltersInput = z.input<typeof grantHistoryFiltersSchema>;

export const pageSchema = z.object({
  cursor: z.preprocess(emptyAsUnset, z.string().max(1000).optional()),
  limit: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).max(500).default(50)),
});
export type Page = z.infer<typeof pageSchema>;
export type PageInput = z.input<typeof pageSchema>;

export const eventLogFiltersSchema = z.object({
  /** "grant" matches grant.activated, grant.expired …; "grant.activated" matches itself */
  action: z.preprocess(emptyAsUnset, z.string().trim().max(100).regex(/^[a-z0-9_.]+$/, "letters, digits, dots and underscores only").optional()),
  objectType: z.preprocess(emptyAsUnset, z.enum(AUDIT_OBJECT_TYPES).optional()),
  objectId: text("Object id"),
  project: text("Project"),
  /** actor id or name, exact */
  actor: text("Actor"),
  requestId: z.preprocess(emptyAsUnset, z.uuid().optional()),
  /** `at` in [from, to) */
  from: optionalInstant,
  to: optionalInstant,
});
export type EventLogFilters = z.infer<typeof eventLogFiltersSchema>;
export type EventLogFiltersInput = z.input<typeof eventLogFiltersSchema>;

export const accessAtQuerySchema = z
  .object({
    project: text("Project"),
    group: text("Group"),
    at: instantSchema,
  })
  .refine((q) => q.project !== undefined || q.group !== undefined, { message: "choose a project or a group", path: ["project"] });
export type AccessAtQuery = z.infer<typeof accessAtQuerySchema>;

type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

/** First value of each search param, for `schema.safeParse(searchParamsToObject(searchParams))`. */
export function searchParamsToObject(params: SearchParamsLike): Record<string, string> {
  const out: Record<string, string> = {};
  if (params instanceof URLSearchParams) {
    for (const [key, value] of params) if (!(key in out)) out[key] = value;
    return out;
  }
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[key] = first;
  }
  return out;
}

/** Filters (and page) back to a query string for links; defaults and empty values are left out. */
export function toSearchParams(values: Record<string, unknown>, defaults: Record<string, unknown> = { sort: "startsAt", dir: "desc", limit: 50 }): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === "" || defaults[key] === value) continue;
    params.set(key, value instanceof Date ? value.toISOString() : String(value));
  }
  return params;
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

/** The errors of an audit filter form in one sentence, with the fields named as the form names them. */
export function errorSummary(errors: FieldErrors): string {
  return Object.entries(errors)
    .map(([k, messages]) => `${FIELD_LABELS[k] ?? k}: ${messages.join(" ")}`)
    .join("; ");
}

export interface ListQuery<F> {
  /** the filters as typed in the URL, so the form shows exactly what a shared link asks for */
  rawFilters: Record<string, string>;
  rawCursor: string | undefined;
  filters: F;
  errors: FieldErrors;
  /** the errors in one sentence, empty when every filter was understood */
  errorSummary: string;
  page: Page;
}

/** A list page's URL: its filters (a field that does not parse is dropped and reported) and its page. */
export function parseListQuery<S extends z.ZodType>(schema: S, raw: Record<string, string>, fallback: z.output<S>): ListQuery<z.output<S>> {
  const { cursor: rawCursor, limit: rawLimit, ...rawFilters } = raw;
  const { data, errors } = parseWithFieldErrors(schema, rawFilters);
  const page = pageSchema.safeParse({ cursor: rawCursor, limit: rawLimit });
  return { rawFilters, rawCursor, filters: data ?? fallback, errors, errorSummary: errorSummary(errors), page: page.success ? page.data : pageSchema.parse({}) };
}
