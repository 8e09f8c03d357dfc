import type { z } from "zod";

/**
 * Filters from the URL: a value that does not parse is dropped (and named) instead of discarding every filter,
 * so a hand-edited link still shows something sensible.
 */
export function parseFilters<S extends z.ZodType<Record<string, unknown>>>(schema: S, raw: Record<string, unknown>): { filters: Partial<z.output<S>>; ignored: string[] } {
  const first = schema.safeParse(raw);
  if (first.success) return { filters: first.data, ignored: [] };
  const ignored = [...new Set(first.error.issues.map((i) => String(i.path[0] ?? "")).filter(Boolean))];
  const rest = Object.fromEntries(Object.entries(raw).filter(([k]) => !ignored.includes(k)));
  const second = schema.safeParse(rest);
  return { filters: second.success ? second.data : {}, ignored };
}
