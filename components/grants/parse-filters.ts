import type { z } from "zod";
import { parseWithFieldErrors } from "@/lib/core/validation";

/**
 * Filters from the URL: a value that does not parse is dropped (and named) instead of discarding every filter,
 * so a hand-edited link still shows something sensible.
 */
export function parseFilters<S extends z.ZodType<Record<string, unknown>>>(schema: S, raw: Record<string, unknown>): { filters: Partial<z.output<S>>; ignored: string[] } {
  const { data, errors } = parseWithFieldErrors(schema, raw);
  return { filters: data ?? {}, ignored: Object.keys(errors).filter((k) => k !== "_form") };
}
