import type { Metadata } from "next";
import Link from "next/link";
import { GrantActions } from "@/components/grants/grant-actions";
import { GrantEnd } from "@/components/grants/grant-end";
import { permissionsText, subjectLabel } from "@/components/grants/format";
import { parseFilters } from "@/components/grants/parse-filters";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/field";
import { IgnoredFilters, FilterBar, FilterField } from "@/components/ui/filter-bar";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { StateBadge, stateLabel } from "@/components/ui/state-badge";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { requirePagePrincipal } from "@/lib/authz/guards";
import { can } from "@/lib/authz/permissions";
import { reads } from "@/lib/sql";
import { env } from "@/lib/env";
import { HARBOR_ROLES } from "@/lib/core/roles";
import { GRANT_STATES } from "@/lib/core/states";
import { grantFilters, listGrants } from "@/lib/governance/queries";

export const metadata: Metadata = { title: "Grants" };

const PAGE = 200;
const MAX = 1000;

function pageSize(raw: string | string[] | undefined): number {
  const n = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isInteger(n) && n > PAGE ? Math.min(MAX, Math.ceil(n / PAGE) * PAGE) : PAGE;
}

export default async function GrantsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const principal = await requirePagePrincipal(["grant:read-owned", "grant:read-any"]);
  const params = await searchParams;
  const { limit: rawLimit, ...raw } = params;
  const { filters, ignored } = parseFilters(grantFilters, raw);
  const limit = pageSize(rawLimit);
  const now = new Date();
  const rows = await listGrants(reads(), principal, filters, now, limit + 1);
  const grants = rows.slice(0, limit);
  const more = rows.length > limit;
  const warningDays = env().BERTH_POLICY_EXPIRY_WARNING_DAYS;
  const filtered = Object.values(filters).some((v) => v !== undefined);
  const expiringOptions = [...new Set([7, warningDays, 30, 90, ...(filters.expiring ? [filters.expiring] : [])])].sort((a, b) => a - b);
  const mayAsk = can(principal, "request:create");
  const query = new URLSearchParams(Object.entries(filters).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])));
  query.set("limit", String(limit + PAGE));

  return (
    <>
      <PageHeader
        title="Grants"
        description={`${can(principal, "grant:read-any") ? "All access Berth has granted" : "Access in projects your groups own, and access your groups hold"}: who, where, which role, until when, and the request behind it.`}
        actions={<Link href={`/grants?expiring=${warningDays}`} className={buttonClass("secondary")}>Ending within {warningDays} days</Link>}
      />
      <FilterBar action="/grants" clearHref={filtered ? "/grants" : undefined}>
        <FilterField label="Project" htmlFor="f-project">
          <Input id="f-project" name="project" defaultValue={filters.project ?? ""} />
        </FilterField>
        <FilterField label="Group or robot" htmlFor="f-subject">
          <Input id="f-subject" name="subject" defaultValue={filters.subject ?? ""} />
        </FilterField>
        <FilterField label="Type" htmlFor="f-type">
          <Select id="f-type" name="type" defaultValue={filters.type ?? ""}>
            <option value="">Any</option>
            <option value="GROUP">Group</option>
            <option value="ROBOT">Robot</option>
          </Select>
        </FilterField>
        <FilterField label="Role" htmlFor="f-role">
          <Select id="f-role" name="role" defaultValue={filters.role ? String(filters.role) : ""}>
            <option value="">Any</option>
            {HARBOR_ROLES.map((r) => <option key={r.id} value={r.id}>{r.label}</option>)}
          </Select>
        </FilterField>
        <FilterField label="State" htmlFor="f-state">
          <Select id="f-state" name="state" defaultValue={filters.state ?? ""}>
            <option value="">Any</option>
            {GRANT_STATES.map((s) => <option key={s} value={s}>{stateLabel(s)}</option>)}
          </Select>
        </FilterField>
        <FilterField label="Ending within (active only)" htmlFor="f-expiring">
          <Select id="f-expiring" name="expiring" defaultValue={filters.expiring ? String(filters.expiring) : ""}>
            <option value="">Any time</option>
            {expiringOptions.map((d) => <option key={d} value={d}>{d} days</option>)}
          </Select>
        </FilterField>
      </FilterBar>
      <IgnoredFilters ignored={ignored} />
      {filters.expiring && filters.state && filters.state !== "ACTIVE" ? (
        <Alert tone="info" className="mb-4">&ldquo;Ending within&rdquo; shows active access only, so the state filter is not applied.</Alert>
      ) : null}
      {grants.length === 0 ? (
        filtered ? (
          <EmptyState title="No grant matches these filters" action={<Link href="/grants" className={buttonClass("secondary")}>Clear filters</Link>}>
            {filters.expiring ? `No active access ends within ${filters.expiring} days.` : "Clear or loosen the filters to see more."}
          </EmptyState>
        ) : (
          <EmptyState title="No grants yet" action={mayAsk ? <Link href="/requests/new" className={buttonClass()}>New request</Link> : undefined}>
            {mayAsk ? "Access appears here once a request for a project, group access or a robot is approved." : "Access appears here once requests are approved."}
          </EmptyState>
        )
      ) : (
        <>
          <Table caption="Grants">
            <thead>
              <tr>
                <Th>Group or robot</Th>
                <Th>Project</Th>
                <Th>Role</Th>
                <Th>State</Th>
                <Th>Start</Th>
                <Th>End</Th>
                <Th>Request</Th>
                <Th>Actions</Th>
              </tr>
            </thead>
            <tbody>
              {grants.map((g) => (
                <Tr key={g.id} data-testid="grant-row">
                  <Td className="font-medium">
                    <span className="mr-1.5 rounded bg-slate-100 px-1 text-[10px] font-semibold uppercase text-slate-600">{g.subjectType === "GROUP" ? "group" : "robot"}</span>
                    <span className={g.subjectType === "ROBOT" ? "whitespace-nowrap font-mono text-xs" : undefined}>{subjectLabel(g)}</span>
                  </Td>
                  <Td><Link href={`/projects/${encodeURIComponent(g.projectName)}`}>{g.projectName}</Link></Td>
                  <Td className={g.subjectType === "ROBOT" ? "text-xs" : "whitespace-nowrap"}>{g.subjectType === "GROUP" ? g.roleLabel : permissionsText(g.permissions)}</Td>
                  <Td><StateBadge state={g.state} /></Td>
                  <Td><RelativeTime value={g.startsAt} /></Td>
                  <Td><GrantEnd grant={g} now={now} warningDays={warningDays} /></Td>
                  <Td className="whitespace-nowrap">
                    <Link href={`/requests/${g.request.id}`} className="underline">#{g.request.number}</Link> <span className="text-slate-600">by {g.request.requesterName}</span>
                  </Td>
                  <Td><GrantActions grant={g} canManage={g.canManage} ownerGroup={g.project.ownerGroup} /></Td>
                </Tr>
              ))}
            </tbody>
          </Table>
          <p className="mt-3 flex flex-wrap items-center gap-3 text-sm text-slate-600">
            Showing {grants.length} {grants.length === 1 ? "grant" : "grants"}
            {filters.expiring ? ", soonest end first" : ", newest first"}.
            {more ? (
              limit < MAX ? (
                <Link href={`/grants?${query.toString()}`} className={buttonClass("secondary", "sm")}>Show more</Link>
              ) : (
                <span>There are more: narrow the filters to see them.</span>
              )
            ) : null}
          </p>
        </>
      )}
    </>
  );
}
