import type { Metadata } from "next";
import { parseFilters } from "@/components/grants/parse-filters";
import Link from "next/link";
import { RetryJobButton } from "@/components/requests/retry-button";
import { ageText } from "@/components/ui/age";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/field";
import { IgnoredFilters, FilterBar, FilterField } from "@/components/ui/filter-bar";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { StateBadge } from "@/components/ui/state-badge";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { requirePagePrincipal } from "@/lib/authz/guards";
import { reads } from "@/lib/sql";
import { KIND_LABELS, REQUEST_KINDS } from "@/lib/core/payloads";
import { approvalQueue, failedJobs, queueFilters } from "@/lib/governance/queries";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const principal = await requirePagePrincipal("request:decide");
  const { filters, ignored } = parseFilters(queueFilters, await searchParams);
  const [queue, failed] = await Promise.all([approvalQueue(reads(), principal, filters), failedJobs(reads())]);
  const filtered = Object.values(filters).some(Boolean);
  return (
    <>
      <PageHeader title="Approvals" description="Pending requests, oldest first. Open one to see its policy checks and decide." />
      <IgnoredFilters ignored={ignored} />
      <FilterBar action="/approvals" clearHref={filtered ? "/approvals" : undefined}>
        <FilterField label="Show" htmlFor="f-show">
          <Select id="f-show" name="show" defaultValue={filters.show ?? "needs-me"}>
            <option value="needs-me">Waiting for me</option>
            <option value="all">All pending (incl. mine)</option>
          </Select>
        </FilterField>
        <FilterField label="Kind" htmlFor="f-kind">
          <Select id="f-kind" name="kind" defaultValue={filters.kind ?? ""}>
            <option value="">Any</option>
            {REQUEST_KINDS.map((k) => <option key={k} value={k}>{KIND_LABELS[k]}</option>)}
          </Select>
        </FilterField>
        <FilterField label="Approvals needed" htmlFor="f-approvals">
          <Select id="f-approvals" name="approvals" defaultValue={filters.approvals ?? ""}>
            <option value="">Any</option>
            <option value="1">One</option>
            <option value="2">Two</option>
          </Select>
        </FilterField>
        <FilterField label="Project" htmlFor="f-project">
          <Input id="f-project" name="project" defaultValue={filters.project ?? ""} />
        </FilterField>
        <FilterField label="Requester" htmlFor="f-requester">
          <Input id="f-requester" name="requester" defaultValue={filters.requester ?? ""} />
        </FilterField>
      </FilterBar>
      {queue.length === 0 ? (
        <EmptyState title={filtered ? "Nothing matches these filters" : "Nothing waits for you"}>
          {filtered ? "Clear the filters to see the whole queue." : "New requests appear here as they come in. Requests you made yourself need another approver."}
        </EmptyState>
      ) : (
        <Table caption="Approval queue">
          <thead>
            <tr>
              <Th>Age</Th>
              <Th>Request</Th>
              <Th>Requester</Th>
              <Th>Checks</Th>
              <Th>Approvals</Th>
            </tr>
          </thead>
          <tbody>
            {queue.map((r) => {
              const failing = r.policyChecks.filter((c) => !c.pass).length;
              return (
                <Tr key={r.id} data-testid="queue-row">
                  <Td className="whitespace-nowrap font-medium" title={r.createdAt.toISOString()}>{ageText(r.ageMs)}</Td>
                  <Td>
                    <Link href={`/requests/${r.id}`} className="font-medium">#{r.number} {r.summary}</Link>
                    <span className="block text-xs text-slate-500">{r.kindLabel}</span>
                  </Td>
                  <Td>
                    {r.requesterName}
                    {r.blockedFor === "own" ? <span className="ml-1 rounded bg-slate-100 px-1.5 text-xs text-slate-700">you</span> : null}
                  </Td>
                  <Td className={failing ? "text-red-800" : "text-green-800"}>{failing ? `${failing} failing` : "all pass"}</Td>
                  <Td className="whitespace-nowrap">
                    {r.approvals} of {r.requiredApprovals}
                    {r.blockedFor === "already-approved" ? <span className="block text-xs text-slate-500">you approved</span> : null}
                  </Td>
                </Tr>
              );
            })}
          </tbody>
        </Table>
      )}
      <Card className="mt-6" aria-labelledby="failed-heading">
        <CardHeader id="failed-heading" title="Failed provisioning" description="Jobs that stopped; open the request to see the step and Harbor's answer, then retry." />
        {failed.length === 0 ? (
          <p className="px-4 py-3 text-sm text-slate-600">No failed jobs.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {failed.map((j) => (
              <li key={j.id} className="flex flex-wrap items-center gap-2 px-4 py-2 text-sm">
                <StateBadge state={j.state} />
                {j.request ? <Link href={`/requests/${j.request.id}`}>#{j.request.number} {KIND_LABELS[j.request.kind]} in {j.request.projectName}</Link> : <span>{j.kind.toLowerCase()} of {j.grant?.subjectName} in {j.grant?.projectName}</span>}
                <span className="text-slate-600">{j.lastError}</span>
                <span className="text-slate-500"><RelativeTime value={j.updatedAt} /></span>
                {!j.request ? <RetryJobButton jobId={j.id} what={`the ${j.kind.toLowerCase()} of ${j.grant?.subjectName ?? "this grant"}`} /> : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
