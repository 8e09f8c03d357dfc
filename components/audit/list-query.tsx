import { Alert } from "@/components/ui/alert";

/** Says which filters of a list page were not understood (lib/audit/filters.ts parseListQuery) and were dropped. */
export function FilterErrors({ summary }: { summary: string }) {
  if (!summary) return null;
  return (
    <Alert tone="warning" className="mb-4" title="Some filters were not understood and were not applied">
      {summary}
    </Alert>
  );
}
