import Link from "next/link";
import { Th } from "@/components/ui/table";

/** A column header that sorts by a link (the sort lives in the URL), with aria-sort on the sorted column. */
export function SortableTh({ label, active, dir, href, nextDir }: { label: string; active: boolean; dir: "asc" | "desc"; href: string; nextDir: "asc" | "desc" }) {
  return (
    <Th aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link href={href} className="relative inline-flex items-center gap-1 text-slate-700 no-underline hover:underline">
        {label}
        <span aria-hidden="true" className={active ? "text-slate-900" : "text-slate-400"}>
          {active ? (dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
        <span className="sr-only">, sort {nextDir === "asc" ? "ascending" : "descending"}</span>
      </Link>
    </Th>
  );
}
