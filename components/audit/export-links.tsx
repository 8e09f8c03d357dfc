import { buttonClass } from "@/components/ui/button";

/** Download links for the filtered view; the route streams the file with the chain head in its first line. */
export function ExportLinks({ kind, query }: { kind: "grants" | "events"; query: URLSearchParams }) {
  const href = (format: "csv" | "jsonl") => {
    const params = new URLSearchParams(query);
    params.delete("cursor");
    params.delete("limit");
    params.set("kind", kind);
    params.set("format", format);
    return `/api/audit/export?${params.toString()}`;
  };
  const what = kind === "grants" ? "grant history" : "event log";
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid={`export-${kind}`}>
      <span className="text-sm text-slate-600">Export{query.toString() ? " (filtered)" : ""}:</span>
      <a href={href("csv")} download className={buttonClass("secondary", "sm")}>
        CSV<span className="sr-only"> of the {what}</span>
      </a>
      <a href={href("jsonl")} download className={buttonClass("secondary", "sm")}>
        JSON Lines<span className="sr-only"> of the {what}</span>
      </a>
    </div>
  );
}
