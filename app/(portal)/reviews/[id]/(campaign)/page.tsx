import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { OUTCOME_LABELS, reviewerLabel, scopeText } from "@/components/reviews/format";
import { Progress } from "@/components/reviews/progress";
import { buttonClass } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { requirePagePrincipal } from "@/lib/authz/guards";
import { campaignPage } from "@/lib/reviews/pages";

export const metadata: Metadata = { title: "Access review campaign" };

export default async function CampaignPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePagePrincipal("review:read-report", { otherwise: "not-found" });
  const data = await campaignPage((await params).id);
  if (!data) notFound();
  const { campaign: c, reviewers, deciders } = data;
  const open = c.closedAt === null;

  return (
    <>
      <PageHeader
        eyebrow={<Link href="/reviews">Access reviews</Link>}
        title={
          <span className="flex flex-wrap items-center gap-2">
            #{c.number} {c.name}
            <span className={open ? "rounded-full bg-blue-100 px-2 py-0.5 text-xs font-semibold text-blue-900 ring-1 ring-inset ring-blue-300" : "rounded-full bg-slate-100 px-2 py-0.5 text-xs font-semibold text-slate-700 ring-1 ring-inset ring-slate-300"} data-testid="campaign-state">
              {open ? "Running" : "Closed"}
            </span>
          </span>
        }
        description={`Reviews ${scopeText(c.scope, c.scopeValue, c.subjects)}. At the deadline, undecided items: ${OUTCOME_LABELS[c.deadlineOutcome]}.`}
        actions={<Link href={`/reviews/${c.id}/report`} className={buttonClass()}>Report</Link>}
      />
      <div className="grid gap-5 lg:grid-cols-3">
        <Card aria-labelledby="overall-heading">
          <CardHeader id="overall-heading" title="Progress" />
          <CardBody className="space-y-3 text-sm">
            <Progress decided={c.decided} total={c.total} overdue={c.overdue} closed={!open} />
            <dl className="grid grid-cols-[8rem_1fr] gap-y-1">
              <dt className="text-slate-500">Started</dt><dd><RelativeTime value={c.startedAt} mode="absolute" /> by {c.startedByName}</dd>
              <dt className="text-slate-500">Escalation</dt><dd><RelativeTime value={c.escalateAt} mode="absolute" /></dd>
              <dt className="text-slate-500">Deadline</dt><dd><RelativeTime value={c.deadlineAt} mode="absolute" /></dd>
              {c.closedAt ? <><dt className="text-slate-500">Closed</dt><dd><RelativeTime value={c.closedAt} mode="absolute" /></dd></> : null}
              <dt className="text-slate-500">Removed</dt><dd>{c.removed}</dd>
              <dt className="text-slate-500">Decided by policy</dt><dd>{c.byPolicy}</dd>
              <dt className="text-slate-500">Routed (duties)</dt><dd>{c.routed}</dd>
            </dl>
          </CardBody>
        </Card>
        <Card aria-labelledby="reviewers-heading" className="lg:col-span-2">
          <CardHeader id="reviewers-heading" title="Per reviewer" description="Items routed to the approvers (separation of duties) count for them; escalated items still undecided are overdue." />
          <div className="p-3">
            <Table caption="Progress per reviewer">
              <thead>
                <tr>
                  <Th>Reviewer</Th>
                  <Th>Progress</Th>
                </tr>
              </thead>
              <tbody>
                {reviewers.map((r) => (
                  <Tr key={r.reviewer} data-testid="reviewer-progress">
                    <Td className="font-medium">{reviewerLabel(r.reviewer)}</Td>
                    <Td className="min-w-48"><Progress decided={r.decided} total={r.total} overdue={r.overdue} /></Td>
                  </Tr>
                ))}
              </tbody>
            </Table>
            <h3 className="mt-4 text-sm font-semibold text-slate-900">Decided by</h3>
            {deciders.length ? (
              <ul className="mt-1 text-sm" data-testid="deciders">
                {deciders.map((d) => <li key={`${d.name}-${d.byPolicy}`}>{d.byPolicy ? "The review's policy (at the deadline)" : d.name}: {d.decided}</li>)}
              </ul>
            ) : (
              <p className="mt-1 text-sm text-slate-600">Nothing decided yet.</p>
            )}
          </div>
        </Card>
      </div>
    </>
  );
}
