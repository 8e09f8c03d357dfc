import type { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { errorSummary, pageSchema, type Page } from "@/lib/audit/filters";
import { parseWithFieldErrors, type FieldErrors } from "@/lib/core/validation";

export interface ListQuery<F> {
  /** the filters as typed in the URL, so the form shows exactly what a shared link asks for */
  rawFilters: Record<string, string>;
  rawCursor: string | undefined;
  filters: F;
  errors: FieldErrors;
  page: Page;
}

/** A list page's URL: its filters (a field that does not parse is dropped and reported) and its page. */
export function parseListQuery<S extends z.ZodType>(schema: S, raw: Record<string, string>, fallback: z.output<S>): ListQuery<z.output<S>> {
  const { cursor: rawCursor, limit: rawLimit, ...rawFilters } = raw;
  const { data, errors } = parseWithFieldErrors(schema, rawFilters);
  const page = pageSchema.safeParse({ cursor: rawCursor, limit: rawLimit });
  return { rawFilters, rawCursor, filters: data ?? fallback, errors, page: page.success ? page.data : pageSchema.parse({}) };
}

export function FilterErrors({ errors }: { errors: FieldErrors }) {
  if (!Object.keys(errors).length) return null;
  return (
    <Alert tone="warning" className="mb-4" title="Some filters were not understood and were not applied">
      {errorSummary(errors)}
    </Alert>
  );
}
