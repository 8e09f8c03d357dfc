import type { Metadata } from "next";
import Link from "next/link";
import { ExportLinks } from "@/components/audit/export-links";
import { accessText } from "@/components/audit/format";
import { endedByText, subjectLabel } from "@/lib/core/names";
import { FilterErrors } from "@/components/audit/list-query";
import { SortableTh } from "@/components/audit/sortable-th";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/field";
import { FilterBar, FilterField, fieldAria } from "@/components/ui/filter-bar";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { RelativeTime } from "@/components/ui/relative-time";
import { StateBadge, stateLabel } from "@/components/ui/state-badge";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { GRANT_STATES, grantHistory, grantHistoryFiltersSchema, parseListQuery, searchParamsToObject, toSearchParams, type GrantHistoryFilters, type GrantHistoryRow } from "@/lib/audit";
import { reads } from "@/lib/sql";
import { HARBOR_ROLES } from "@/lib/core/roles";
import { requirePagePrincipal } from "@/lib/authz/guards";

export const metadata: Metadata = { title: "Grant history" };

const DEFAULTS = { sort: "startsAt", dir: "desc" } as const;
const FILTER_KEYS = ["project", "subject", "subjectType", "roleId", "state", "from", "to", "approver", "requester"] as const;

type Sort = GrantHistoryFilters["sort"];

function End({ g }: { g: GrantHistoryRow }) {
  if (g.endedAt) {
    return (
      <>
        <RelativeTime value={g.endedAt} mode="absolute" />
        <span className="block text-xs text-slate-600">{stateLabel(g.state).toLowerCase()}{endedByText(g) ? ` by ${endedByText(g)}` : ""}</span>
      </>
    );
  }
  if (g.endsAt) {
    return (
      <>
        <RelativeTime value={g.endsAt} mode="absolute" />
        <span className="block text-xs text-slate-600">{g.state === "ACTIVE" ? "scheduled end" : "planned end"}</span>
      </>
    );
  }
  return <span className="text-slate-600">{g.state === "ACTIVE" ? "no end date" : "—"}</span>;
}

export default async function GrantHistoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePagePrincipal("audit:read", { otherwise: "not-found" });
  const { rawFilters, rawCursor, filters, errors, errorSummary, page } = parseListQuery(grantHistoryFiltersSchema, searchParamsToObject(await searchParams), grantHistoryFiltersSchema.parse({}));
  const { rows, nextCursor, prevCursor } = await grantHistory(reads(), filters, page);

  const picked = Object.fromEntries(FILTER_KEYS.map((k) => [k, filters[k]]));
  const filterQuery = toSearchParams(picked);
  const viewQuery = toSearchParams({ ...picked, sort: filters.sort, dir: filters.dir });
  const filtered = filterQuery.toString() !== "";
  const link = (extra: Record<string, unknown>) => {
    const q = toSearchParams({ ...picked, sort: filters.sort, dir: filters.dir, limit: page.limit, ...extra });
    return q.size ? `/audit?${q.toString()}` : "/audit";
  };
  const sortHeader = (label: string, sort: Sort, firstDir: "asc" | "desc") => {
    const active = filters.sort === sort;
    const nextDir = active ? (filters.dir === "asc" ? "desc" : "asc") : firstDir;
    return <SortableTh label={label} active={active} dir={filters.dir} nextDir={nextDir} href={link({ sort, dir: nextDir })} />;
  };
  // the value as typed, so a shared link shows exactly what it asks for
  const text = (name: (typeof FILTER_KEYS)[number]) => rawFilters[name] ?? "";

  return (
    <>
      <PageHeader
        title="Grant history"
        description="Every grant ever made: who got which access where, when it started and ended, and the request and approvals behind it."
        actions={<ExportLinks kind="grants" query={viewQuery} />}
      />
      <FilterBar action="/audit" clearHref={filtered ? "/audit" : undefined}>
        <FilterField label="Project" htmlFor="f-project" errors={errors.project}>
          <Input id="f-project" name="project" defaultValue={text("project")} {...fieldAria("f-project", errors.project)} />
        </FilterField>
        <FilterField label="Group or robot" htmlFor="f-subject" errors={errors.subject}>
          <Input id="f-subject" name="subject" defaultValue={text("subject")} {...fieldAria("f-subject", errors.subject)} />
        </FilterField>
        <FilterField label="Type" htmlFor="f-type" errors={errors.subjectType}>
          <Select id="f-type" name="subjectType" defaultValue={filters.subjectType ?? ""} {...fieldAria("f-type", errors.subjectType)}>
            <option value="">Any</option>
            <option value="GROUP">Group</option>
            <option value="ROBOT">Robot</option>
          </Select>
        </FilterField>
        <FilterField label="Role" htmlFor="f-role" errors={errors.roleId}>
          <Select id="f-role" name="roleId" defaultValue={filters.roleId ? String(filters.roleId) : ""} {...fieldAria("f-role", errors.roleId)}>
            <option value="">Any</option>
            {HARBOR_ROLES.map((r) => <option key={r.id} value={r.id}>{r.label}</option>)}
          </Select>
        </FilterField>
        <FilterField label="State" htmlFor="f-state" errors={errors.state}>
          <Select id="f-state" name="state" defaultValue={filters.state ?? ""} {...fieldAria("f-state", errors.state)}>
            <option value="">Any</option>
            {GRANT_STATES.map((s) => <option key={s} value={s}>{stateLabel(s)}</option>)}
          </Select>
        </FilterField>
        <FilterField label="From (UTC)" htmlFor="f-from" errors={errors.from} help="YYYY-MM-DD">
          <Input id="f-from" name="from" defaultValue={text("from")} placeholder="2026-01-31" className="w-36" {...fieldAria("f-from", errors.from, "YYYY-MM-DD")} />
        </FilterField>
        <FilterField label="To (UTC, exclusive)" htmlFor="f-to" errors={errors.to} help="YYYY-MM-DD">
          <Input id="f-to" name="to" defaultValue={text("to")} placeholder="2026-02-28" className="w-36" {...fieldAria("f-to", errors.to, "YYYY-MM-DD")} />
        </FilterField>
        <FilterField label="Approver" htmlFor="f-approver" errors={errors.approver}>
          <Input id="f-approver" name="approver" defaultValue={text("approver")} {...fieldAria("f-approver", errors.approver)} />
        </FilterField>
        <FilterField label="Requester" htmlFor="f-requester" errors={errors.requester}>
          <Input id="f-requester" name="requester" defaultValue={text("requester")} {...fieldAria("f-requester", errors.requester)} />
        </FilterField>
        {filters.sort !== DEFAULTS.sort ? <input type="hidden" name="sort" value={filters.sort} /> : null}
        {filters.dir !== DEFAULTS.dir ? <input type="hidden" name="dir" value={filters.dir} /> : null}
      </FilterBar>
      <FilterErrors summary={errorSummary} />
      {rows.length === 0 ? (
        filtered || rawCursor ? (
          <EmptyState title="No grant matches these filters" action={<Link href="/audit" className={buttonClass("secondary")}>Clear filters</Link>}>
            Loosen the filters, or widen the date range, to see more.
          </EmptyState>
        ) : (
          <EmptyState title="No grants yet">Grants appear here once requests for projects, group access or robots are approved.</EmptyState>
        )
      ) : (
        <>
          <Table caption={`Grant history${filtered ? " (filtered)" : ""}, sorted by ${filters.sort} ${filters.dir === "asc" ? "ascending" : "descending"}`}>
            <thead>
              <tr>
                {sortHeader("Project", "project", "asc")}
                {sortHeader("Group or robot", "subject", "asc")}
                <Th>Role or permissions</Th>
                <Th>State</Th>
                {sortHeader("Start", "startsAt", "desc")}
                {sortHeader("End", "endsAt", "desc")}
                <Th>Request</Th>
                <Th>Approvers</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((g) => {
                const subject = subjectLabel(g);
                return (
                  <Tr key={g.grantId} data-testid="history-row">
                    <Td className="whitespace-nowrap">{g.projectName}</Td>
                    <Td className="font-medium">
                      <span className="mr-1.5 rounded bg-slate-100 px-1 text-[10px] font-semibold uppercase text-slate-600">{g.subjectType === "GROUP" ? "group" : "robot"}</span>
                      <Link href={`/audit/grants/${g.grantId}`} className={g.subjectType === "ROBOT" ? "relative break-all font-mono text-xs" : "relative"}>
                        {subject}<span className="sr-only"> in {g.projectName}</span>
                      </Link>
                    </Td>
                    <Td className={g.subjectType === "ROBOT" ? "min-w-32 text-xs" : "whitespace-nowrap"}>{accessText(g)}</Td>
                    <Td><StateBadge state={g.state} /></Td>
                    <Td>{g.startsAt ? <RelativeTime value={g.startsAt} mode="absolute" /> : <span className="text-slate-600">not started</span>}</Td>
                    <Td><End g={g} /></Td>
                    <Td className="whitespace-nowrap">
                      <Link href={`/requests/${g.requestId}`} className="underline">#{g.requestNumber}</Link> <span className="text-slate-600">by {g.requesterName}</span>
                    </Td>
                    <Td className="min-w-32">{g.approvers.length ? g.approvers.map((a) => a.name).join(", ") : <span className="text-slate-600">none recorded</span>}</Td>
                  </Tr>
                );
              })}
            </tbody>
          </Table>
          <Pager
            summary={`${rows.length} ${rows.length === 1 ? "grant" : "grants"} on this page${prevCursor ? "" : nextCursor ? ", the first page" : ""}.`}
            first={{ label: "First page", href: prevCursor ? link({}) : null }}
            prev={{ label: "Previous page", href: prevCursor ? link({ cursor: prevCursor }) : null }}
            next={{ label: "Next page", href: nextCursor ? link({ cursor: nextCursor }) : null }}
          />
        </>
      )}
    </>
  );
}
