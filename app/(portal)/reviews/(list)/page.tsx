import type { Metadata } from "next";
import Link from "next/link";
import { CampaignTable } from "@/components/reviews/campaign-table";
import { DefinitionActions } from "@/components/reviews/definition-actions";
import { OUTCOME_LABELS, scopeText } from "@/components/reviews/format";
import { ReviewItems } from "@/components/reviews/review-items";
import { parseFilters } from "@/components/grants/parse-filters";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/field";
import { FilterBar, FilterField } from "@/components/ui/filter-bar";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { auditContextFor } from "@/lib/actions/define";
import { getRequestMeta } from "@/lib/auth/session";
import { requirePagePrincipal } from "@/lib/authz/guards";
import { can } from "@/lib/authz/permissions";
import { inboxFiltersSchema } from "@/lib/reviews/queries";
import { reviewsPage } from "@/lib/reviews/pages";

export const metadata: Metadata = { title: "Access reviews" };

export default async function ReviewsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const principal = await requirePagePrincipal(["review:decide", "review:define"]);
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const { filters, ignored } = parseFilters(inboxFiltersSchema, raw);
  const data = await reviewsPage(principal, filters, auditContextFor(principal, await getRequestMeta()));
  const approver = can(principal, "review:define");
  const { cursor: _cursor, ...shown } = filters;
  const filtered = Object.values(shown).some((v) => v !== undefined);
  const next = data.nextCursor ? `/reviews?${new URLSearchParams({ ...(Object.fromEntries(Object.entries(shown).filter(([, v]) => v !== undefined)) as Record<string, string>), cursor: data.nextCursor })}` : null;

  return (
    <>
      <PageHeader
        title="Access reviews"
        description="Decide whether each grant is still needed: keep it, give it an earlier end, lower its role, or remove it — with a reason, and with what Harbor's audit log shows about its use."
        actions={approver ? <Link href="/reviews/new" className={buttonClass()}>New review</Link> : null}
      />
      <div className="space-y-6">
        <section aria-labelledby="items-heading" className="space-y-3">
          <h2 id="items-heading" className="text-lg font-semibold text-slate-900">Your items</h2>
          {data.routedNow ? (
            <Alert tone="info">{data.routedNow} {data.routedNow === 1 ? "item" : "items"} went to the approvers: you belong to the group under review, and nobody certifies their own group&apos;s access.</Alert>
          ) : null}
          <FilterBar action="/reviews" clearHref={filtered ? "/reviews" : undefined}>
            <FilterField label="Campaign" htmlFor="f-campaign">
              <Select id="f-campaign" name="campaign" defaultValue={filters.campaign ?? ""}>
                <option value="">All running</option>
                {data.mine.map((c) => <option key={c.id} value={c.id}>#{c.number} {c.name}</option>)}
              </Select>
            </FilterField>
            <FilterField label="Project" htmlFor="f-project">
              <Input id="f-project" name="project" defaultValue={filters.project ?? ""} />
            </FilterField>
            <FilterField label="Type" htmlFor="f-type">
              <Select id="f-type" name="type" defaultValue={filters.type ?? ""}>
                <option value="">Groups and robots</option>
                <option value="GROUP">Groups</option>
                <option value="ROBOT">Robots</option>
              </Select>
            </FilterField>
            <FilterField label="Show" htmlFor="f-status">
              <Select id="f-status" name="status" defaultValue={filters.status ?? "open"}>
                <option value="open">Waiting for a decision</option>
                <option value="decided">Decided</option>
                <option value="all">All</option>
              </Select>
            </FilterField>
          </FilterBar>
          {ignored.length ? <Alert tone="warning">Some filters in the address were not understood and were ignored: {ignored.join(", ")}.</Alert> : null}
          <ReviewItems
            items={data.items}
            empty={
              <EmptyState title={filtered ? "No item matches these filters" : "Nothing waits for your review"} action={filtered ? <Link href="/reviews" className={buttonClass("secondary")}>Clear filters</Link> : undefined}>
                {filtered
                  ? "Clear or loosen the filters to see more."
                  : "When an approver starts a review of a project your group owns, each grant in it appears here for you to decide. Items routed or escalated to the approvers appear here for them."}
              </EmptyState>
            }
          />
          {data.items.length ? (
            <nav aria-label="Pages" className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
              <span>Showing {data.items.length} {data.items.length === 1 ? "item" : "items"}, by project and subject.</span>
              {next ? <Link href={next} className={buttonClass("secondary", "sm")}>Next items</Link> : null}
            </nav>
          ) : null}
        </section>

        {data.campaigns ? (
          <Card aria-labelledby="campaigns-heading">
            <CardHeader id="campaigns-heading" title="Campaigns" description="Each run of a review, with how far it has come. Open one for progress per reviewer and its report." />
            <div className="p-3">
              {data.campaigns.length ? (
                <CampaignTable campaigns={data.campaigns} />
              ) : (
                <EmptyState title="No campaign yet" action={<Link href="/reviews/new" className={buttonClass()}>New review</Link>}>
                  Define a review to snapshot the access of a project, of projects matching a pattern, or of every project, and have their owners decide it.
                </EmptyState>
              )}
            </div>
          </Card>
        ) : null}

        {data.definitions ? (
          <Card aria-labelledby="defs-heading">
            <CardHeader id="defs-heading" title="Defined reviews" description="What each review covers and when it starts next. The scheduler starts them on time." />
            <div className="p-3">
              {data.definitions.length ? (
                <Table caption="Defined access reviews">
                  <thead>
                    <tr>
                      <Th>Review</Th>
                      <Th>Covers</Th>
                      <Th>Runs</Th>
                      <Th>Next start</Th>
                      <Th>Actions</Th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.definitions.map((d) => (
                      <Tr key={d.id} data-testid="definition-row">
                        <Td className="min-w-40 font-medium">{d.name}<span className="block text-xs font-normal text-slate-600">by {d.createdByName}</span></Td>
                        <Td className="min-w-40 text-sm">{scopeText(d.scope, d.scopeValue, d.subjects)}; reviewed by {d.reviewers === "APPROVERS" ? "the approvers" : "the owner groups' team leads"}</Td>
                        <Td className="min-w-40 text-sm">{d.durationDays} days{d.recurrenceDays ? `, every ${d.recurrenceDays} days` : ", once"}; at the deadline: {OUTCOME_LABELS[d.deadlineOutcome]}</Td>
                        <Td>{d.nextStartAt ? <RelativeTime value={d.nextStartAt} /> : <span className="text-slate-600">not scheduled</span>}{d.running ? <span className="block text-xs text-slate-600">#{d.running} running</span> : null}</Td>
                        <Td><DefinitionActions id={d.id} name={d.name} scheduled={d.nextStartAt !== null} running={d.running !== null} /></Td>
                      </Tr>
                    ))}
                  </tbody>
                </Table>
              ) : (
                <p className="px-1 py-2 text-sm text-slate-600">No review defined yet.</p>
              )}
            </div>
          </Card>
        ) : null}
      </div>
    </>
  );
}
