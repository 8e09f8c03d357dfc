import type { Metadata } from "next";
import Link from "next/link";
import { EventDetails } from "@/components/audit/event-details";
import { ExportLinks } from "@/components/audit/export-links";
import { actorText, objectHref } from "@/components/audit/format";
import { FilterErrors } from "@/components/audit/list-query";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/field";
import { FilterBar, FilterField, fieldAria } from "@/components/ui/filter-bar";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { AUDIT_OBJECT_TYPES, eventLog, eventLogFiltersSchema, parseListQuery, searchParamsToObject, toSearchParams, type EventLogFilters } from "@/lib/audit";
import { reads } from "@/lib/sql";
import { requirePagePrincipal } from "@/lib/authz/guards";

export const metadata: Metadata = { title: "Event log" };

const FILTER_KEYS = ["action", "objectType", "objectId", "project", "actor", "requestId", "from", "to"] as const;

export default async function EventLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePagePrincipal("audit:read", { otherwise: "not-found" });
  const { rawFilters, rawCursor, filters, errors, errorSummary, page } = parseListQuery(eventLogFiltersSchema, searchParamsToObject(await searchParams), {} as EventLogFilters);
  const { rows, nextCursor, prevCursor } = await eventLog(reads(), filters, page);

  const picked = Object.fromEntries(FILTER_KEYS.map((k) => [k, filters[k]]));
  const filterQuery = toSearchParams(picked);
  const filtered = filterQuery.size > 0;
  const link = (extra: Record<string, unknown>) => {
    const q = toSearchParams({ ...picked, limit: page.limit, ...extra });
    return q.size ? `/audit/events?${q.toString()}` : "/audit/events";
  };
  const text = (name: (typeof FILTER_KEYS)[number]) => rawFilters[name] ?? "";

  return (
    <>
      <PageHeader
        title="Event log"
        description="Every change Berth recorded, newest first: who did what to which object, when, from where. Each event is hash-chained to the one before."
        actions={<ExportLinks kind="events" query={filterQuery} />}
      />
      <FilterBar action="/audit/events" clearHref={filtered ? "/audit/events" : undefined}>
        <FilterField label="Action" htmlFor="f-action" errors={errors.action} help="e.g. grant or grant.revoked">
          <Input id="f-action" name="action" defaultValue={text("action")} className="w-44" {...fieldAria("f-action", errors.action, "e.g. grant or grant.revoked")} />
        </FilterField>
        <FilterField label="Object type" htmlFor="f-object-type" errors={errors.objectType}>
          <Select id="f-object-type" name="objectType" defaultValue={filters.objectType ?? ""} {...fieldAria("f-object-type", errors.objectType)}>
            <option value="">Any</option>
            {AUDIT_OBJECT_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
          </Select>
        </FilterField>
        <FilterField label="Object id" htmlFor="f-object-id" errors={errors.objectId}>
          <Input id="f-object-id" name="objectId" defaultValue={text("objectId")} {...fieldAria("f-object-id", errors.objectId)} />
        </FilterField>
        <FilterField label="Project" htmlFor="f-project" errors={errors.project}>
          <Input id="f-project" name="project" defaultValue={text("project")} {...fieldAria("f-project", errors.project)} />
        </FilterField>
        <FilterField label="Actor (id or name)" htmlFor="f-actor" errors={errors.actor}>
          <Input id="f-actor" name="actor" defaultValue={text("actor")} {...fieldAria("f-actor", errors.actor)} />
        </FilterField>
        <FilterField label="Request id" htmlFor="f-request" errors={errors.requestId}>
          <Input id="f-request" name="requestId" defaultValue={text("requestId")} {...fieldAria("f-request", errors.requestId)} />
        </FilterField>
        <FilterField label="From (UTC)" htmlFor="f-from" errors={errors.from} help="YYYY-MM-DD">
          <Input id="f-from" name="from" defaultValue={text("from")} placeholder="2026-01-31" className="w-36" {...fieldAria("f-from", errors.from, "YYYY-MM-DD")} />
        </FilterField>
        <FilterField label="To (UTC, exclusive)" htmlFor="f-to" errors={errors.to} help="YYYY-MM-DD">
          <Input id="f-to" name="to" defaultValue={text("to")} placeholder="2026-02-28" className="w-36" {...fieldAria("f-to", errors.to, "YYYY-MM-DD")} />
        </FilterField>
      </FilterBar>
      <FilterErrors summary={errorSummary} />
      {rows.length === 0 ? (
        filtered || rawCursor ? (
          <EmptyState title="No event matches these filters" action={<Link href="/audit/events" className={buttonClass("secondary")}>Clear filters</Link>}>
            {rawCursor ? "There are no older events." : "Loosen the filters to see more."}
          </EmptyState>
        ) : (
          <EmptyState title="No events yet">Events appear as soon as anyone makes a request.</EmptyState>
        )
      ) : (
        <>
          <Table caption={`Audit events, newest first${filtered ? " (filtered)" : ""}`}>
            <thead>
              <tr>
                <Th aria-sort="descending">Seq</Th>
                <Th>Time</Th>
                <Th>Actor</Th>
                <Th>Action</Th>
                <Th>Object</Th>
                <Th>Project</Th>
                <Th>Subject</Th>
                <Th>Details</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => {
                const href = objectHref(e.objectType, e.objectId, e.requestId);
                return (
                  <Tr key={e.seq} data-testid="event-row" data-action={e.action} data-seq={e.seq}>
                    <Td className="font-mono text-xs">{e.seq}</Td>
                    <Td><RelativeTime value={e.at} mode="absolute" /></Td>
                    <Td className="min-w-28">{actorText(e)}</Td>
                    <Td className="whitespace-nowrap font-mono text-xs">{e.action}</Td>
                    <Td className="min-w-32">
                      <span className="text-slate-600">{e.objectType} </span>
                      {href ? <Link href={href} title={e.objectId} className="break-all font-mono text-xs underline">{e.objectId.length > 12 ? `${e.objectId.slice(0, 8)}…` : e.objectId}</Link> : <span className="break-all font-mono text-xs">{e.objectId}</span>}
                    </Td>
                    <Td>{e.projectName ?? "—"}</Td>
                    <Td className="break-all">{e.subject ?? "—"}</Td>
                    <Td className="min-w-24"><EventDetails event={e} /></Td>
                  </Tr>
                );
              })}
            </tbody>
          </Table>
          <Pager
            summary={`Events #${rows[0]?.seq} to #${rows[rows.length - 1]?.seq}, newest first.`}
            first={{ label: "Newest", href: prevCursor ? link({}) : null }}
            prev={{ label: "Newer events", href: prevCursor ? link({ cursor: prevCursor }) : null }}
            next={{ label: "Older events", href: nextCursor ? link({ cursor: nextCursor }) : null }}
          />
        </>
      )}
    </>
  );
}
