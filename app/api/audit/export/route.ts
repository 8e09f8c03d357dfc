import { z } from "zod";
import { fieldErrorsOf, type FieldErrors } from "@/lib/core/validation";
import { errorSummary, eventLogFiltersSchema, exportEvents, exportGrants, exportHeaders, grantHistoryFiltersSchema, primed, searchParamsToObject, toReadableStream } from "@/lib/audit";
import { auditKeyring } from "@/lib/audit/signing";
import { withPermission } from "@/lib/authz/guards";
import { database } from "@/lib/db";

export const dynamic = "force-dynamic";

const choice = z.object({
  kind: z.enum(["grants", "events"], { error: 'must be "grants" or "events"' }),
  format: z.enum(["csv", "jsonl"], { error: 'must be "csv" or "jsonl"' }),
});

const invalid = (errors: FieldErrors) => Response.json({ error: "INVALID", message: `Some parameters are not valid: ${errorSummary(errors)}.`, fieldErrors: errors }, { status: 422, headers: { "cache-control": "no-store" } });

// GET /api/audit/export?kind=grants|events&format=csv|jsonl&<filters> — the filtered grant history or event log, streamed,
// with the chain head in the first line (docs/audit.md "Exports").
export const GET = withPermission("audit:export", async (req) => {
  const params = searchParamsToObject(new URL(req.url).searchParams);
  const { kind: rawKind, format: rawFormat, ...rawFilters } = params;
  const picked = choice.safeParse({ kind: rawKind, format: rawFormat });
  if (!picked.success) return invalid(fieldErrorsOf(picked.error));
  const { kind, format } = picked.data;
  const pool = database().pool;
  let source: AsyncIterable<string>;
  if (kind === "grants") {
    const filters = grantHistoryFiltersSchema.safeParse(rawFilters);
    if (!filters.success) return invalid(fieldErrorsOf(filters.error));
    source = exportGrants(pool, filters.data, format, { keyring: auditKeyring() });
  } else {
    const filters = eventLogFiltersSchema.safeParse(rawFilters);
    if (!filters.success) return invalid(fieldErrorsOf(filters.error));
    source = exportEvents(pool, filters.data, format, { keyring: auditKeyring() });
  }
  const body = await primed(source);
  const onError = (e: unknown, reference: string) => console.error(`[berth] export ${kind} ${format} failed while streaming (ref ${reference}):`, e instanceof Error ? e.message : "unknown error");
  return new Response(toReadableStream(body, { format, onError }), { headers: exportHeaders(kind, format) });
});
