import type { Metadata } from "next";
import { parseFilters } from "@/components/grants/parse-filters";
import Link from "next/link";
import { RequestTable } from "@/components/requests/request-table";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/field";
import { IgnoredFilters, FilterBar, FilterField } from "@/components/ui/filter-bar";
import { PageHeader } from "@/components/ui/page-header";
import { stateLabel } from "@/components/ui/state-badge";
import { requirePagePrincipal } from "@/lib/authz/guards";
import { reads } from "@/lib/sql";
import { KIND_LABELS, REQUEST_KINDS } from "@/lib/core/payloads";
import { REQUEST_STATES } from "@/lib/core/states";
import { myRequests, requestListFilters } from "@/lib/governance/queries";

export const metadata: Metadata = { title: "My requests" };

export default async function RequestsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const principal = await requirePagePrincipal("request:read-own");
  const { filters, ignored } = parseFilters(requestListFilters, await searchParams);
  const requests = await myRequests(reads(), principal, filters);
  const filtered = Object.values(filters).some(Boolean);
  return (
    <>
      <PageHeader title="My requests" description="Everything you asked for, newest first." actions={<Link href="/requests/new" className={buttonClass()}>New request</Link>} />
      <IgnoredFilters ignored={ignored} />
      <FilterBar action="/requests" clearHref={filtered ? "/requests" : undefined}>
        <FilterField label="State" htmlFor="f-state">
          <Select id="f-state" name="state" defaultValue={filters.state ?? ""}>
            <option value="">Any</option>
            {REQUEST_STATES.map((s) => <option key={s} value={s}>{stateLabel(s)}</option>)}
          </Select>
        </FilterField>
        <FilterField label="Kind" htmlFor="f-kind">
          <Select id="f-kind" name="kind" defaultValue={filters.kind ?? ""}>
            <option value="">Any</option>
            {REQUEST_KINDS.map((k) => <option key={k} value={k}>{KIND_LABELS[k]}</option>)}
          </Select>
        </FilterField>
      </FilterBar>
      {requests.length === 0 ? (
        <EmptyState title={filtered ? "No request matches these filters" : "No requests yet"} action={<Link href="/requests/new" className={buttonClass()}>New request</Link>}>
          {filtered ? "Clear the filters to see all your requests." : "Ask for a project, group access or a robot account."}
        </EmptyState>
      ) : (
        <RequestTable caption="My requests" requests={requests} />
      )}
    </>
  );
}
