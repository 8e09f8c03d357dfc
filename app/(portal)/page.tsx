import Link from "next/link";
import { Suspense, type ReactNode } from "react";
import { GrantEnd } from "@/components/grants/grant-end";
import { subjectLabel } from "@/components/grants/format";
import { DriftSummary } from "@/components/home/drift-summary";
import { DeadLetters } from "@/components/notify/dead-letters";
import { ReviewCampaigns, ReviewsWaiting, UnusedAccess } from "@/components/home/review-cards";
import { RequestsChart } from "@/components/home/requests-chart";
import { AuditorHome } from "./audit/auditor-home";
import { RetryJobButton } from "@/components/requests/retry-button";
import { ageText } from "@/components/ui/age";
import { buttonClass } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { PageSkeleton } from "@/components/ui/skeleton";
import { StateBadge } from "@/components/ui/state-badge";
import { auditContextFor } from "@/lib/actions/define";
import { getRequestMeta } from "@/lib/auth/session";
import { requirePagePrincipal } from "@/lib/authz/guards";
import type { Principal } from "@/lib/authz/principal";
import { can } from "@/lib/authz/permissions";
import { reads } from "@/lib/sql";
import { env } from "@/lib/env";
import { KIND_LABELS } from "@/lib/core/payloads";
import { approvalQueue, driftOverview, expiringSoon, failedJobs, myRequests, secretsWaiting } from "@/lib/governance/queries";
import { OPEN_STATES } from "@/lib/core/states";
import { requestStats } from "@/lib/governance/stats";
import { deadLetters } from "@/lib/notify/queries";
import { homeReviews } from "@/lib/reviews/pages";

const OPEN = new Set<string>(OPEN_STATES);
const QUEUE_TOP = 5;

const Empty = ({ children }: { children: ReactNode }) => <p className="px-4 py-3 text-sm text-slate-600">{children}</p>;

async function requesterData(principal: Principal, warningDays: number) {
  const db = reads();
  const [requests, expiring, secrets] = await Promise.all([myRequests(db, principal, {}), expiringSoon(db, principal, warningDays), secretsWaiting(db, principal)]);
  // Approvers may see every grant; home shows only what concerns this person's own groups.
  const mine = expiring.filter((g) => principal.groups.includes(g.project.ownerGroup) || (g.subjectType === "GROUP" && principal.groups.includes(g.subjectName)));
  return { open: requests.filter((r) => OPEN.has(r.state)), expiring: mine, secrets };
}

async function approverData(principal: Principal) {
  const db = reads();
  const [queue, failed, stats, drift, undelivered] = await Promise.all([approvalQueue(db, principal, {}), failedJobs(db), requestStats(db, principal), driftOverview(db), deadLetters(db)]);
  return { queue, failed, stats, drift, undelivered };
}

export default async function HomePage() {
  const principal = await requirePagePrincipal("portal:use", { otherwise: "no-access" });
  const warningDays = env().BERTH_POLICY_EXPIRY_WARNING_DAYS;
  const now = new Date();
  const [req, appr, reviews] = await Promise.all([
    can(principal, "request:read-own") ? requesterData(principal, warningDays) : null,
    can(principal, "request:decide") ? approverData(principal) : null,
    homeReviews(principal, auditContextFor(principal, await getRequestMeta())),
  ]);
  const mayAsk = can(principal, "request:create");

  return (
    <>
      <PageHeader
        title={`Hello, ${principal.name.split(" ")[0]}`}
        description="What needs you, and the state of your access."
        actions={mayAsk ? <Link href="/requests/new" className={buttonClass()}>New request</Link> : null}
      />
      <div className="space-y-5">
        {reviews.reviewer?.length || reviews.approver ? (
          <section aria-label="Access reviews" className="grid gap-5 lg:grid-cols-2">
            {reviews.reviewer ? <ReviewsWaiting campaigns={reviews.reviewer} /> : null}
            {reviews.approver ? <ReviewCampaigns data={reviews.approver} /> : null}
            {reviews.approver ? <UnusedAccess data={reviews.approver.unused} /> : null}
          </section>
        ) : null}
        {appr ? (
          <section data-testid="home-approver" aria-label="Approver" className="grid gap-5 lg:grid-cols-2">
            <Card aria-labelledby="queue-heading">
              <CardHeader
                id="queue-heading"
                title="Approval queue"
                description={appr.queue.length ? `${appr.queue.length} waiting for you, oldest first.` : undefined}
                action={<Link href="/approvals">Open queue</Link>}
              />
              {appr.queue.length === 0 ? (
                <Empty>Nothing waits for you. Requests you made yourself need another approver.</Empty>
              ) : (
                <ul className="divide-y divide-slate-100">
                  {appr.queue.slice(0, QUEUE_TOP).map((r) => (
                    <li key={r.id} className="flex items-start gap-3 px-4 py-2 text-sm" data-testid="home-queue-item">
                      <span className="w-12 shrink-0 whitespace-nowrap font-medium text-slate-700" title={`Asked ${r.createdAt.toISOString()}`}>
                        <span className="sr-only">Waiting </span>{ageText(r.ageMs)}
                      </span>
                      <span className="min-w-0">
                        <Link href={`/requests/${r.id}`} className="font-medium">#{r.number} {r.summary}</Link>
                        <span className="block text-xs text-slate-600">
                          {r.kindLabel} · {r.requesterName} · {r.approvals} of {r.requiredApprovals} approvals
                        </span>
                      </span>
                    </li>
                  ))}
                  {appr.queue.length > QUEUE_TOP ? (
                    <li className="px-4 py-2 text-sm">
                      <Link href="/approvals">{appr.queue.length - QUEUE_TOP} more in the queue</Link>
                    </li>
                  ) : null}
                </ul>
              )}
            </Card>
            <Card aria-labelledby="stats-heading">
              <CardHeader id="stats-heading" title="Last 30 days" description="Requests and time to decision." />
              <CardBody>
                <RequestsChart stats={appr.stats} />
              </CardBody>
            </Card>
            <Card aria-labelledby="failed-heading">
              <CardHeader id="failed-heading" title="Failed provisioning" description="Jobs that stopped. Open the request to see the step and Harbor's answer, then retry." />
              {appr.failed.length === 0 ? (
                <Empty>No failed jobs.</Empty>
              ) : (
                <ul className="divide-y divide-slate-100">
                  {appr.failed.map((j) => (
                    <li key={j.id} className="flex flex-wrap items-center gap-2 px-4 py-2 text-sm" data-testid="home-failed-job">
                      <StateBadge state={j.state} />
                      {j.request ? (
                        <Link href={`/requests/${j.request.id}`}>
                          #{j.request.number} {KIND_LABELS[j.request.kind]} in {j.request.projectName}
                        </Link>
                      ) : (
                        <span>
                          {j.kind.toLowerCase()} of {j.grant?.subjectName} in {j.grant?.projectName}
                        </span>
                      )}
                      <span className="text-slate-500">
                        <RelativeTime value={j.updatedAt} />
                      </span>
                      {j.request ? null : <RetryJobButton jobId={j.id} what={`the ${j.kind.toLowerCase()} of ${j.grant?.subjectName ?? "this grant"}`} />}
                    </li>
                  ))}
                </ul>
              )}
            </Card>
            <DriftSummary overview={appr.drift} intervalSeconds={env().BERTH_DRIFT_CHECK_SECONDS} />
            {can(principal, "notify:retry") ? <DeadLetters total={appr.undelivered.total} rows={appr.undelivered.rows} /> : null}
          </section>
        ) : null}

        {req ? (
          <section data-testid="home-requester" aria-label="Your requests and access" className="grid gap-5 lg:grid-cols-2">
            <Card aria-labelledby="open-heading">
              <CardHeader id="open-heading" title="Your open requests" action={<Link href="/requests">All requests</Link>} />
              {req.open.length === 0 ? (
                <Empty>
                  Nothing open. <Link href="/requests/new" className="underline">New request</Link>
                </Empty>
              ) : (
                <ul className="divide-y divide-slate-100">
                  {req.open.slice(0, 8).map((r) => (
                    <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm" data-testid="home-open-request">
                      <span className="min-w-0">
                        <Link href={`/requests/${r.id}`} className="font-medium">#{r.number} {r.summary}</Link>
                        <span className="block text-xs text-slate-600">
                          {r.kindLabel} · asked <RelativeTime value={r.createdAt} /> · {r.approvals} of {r.requiredApprovals} approvals
                        </span>
                      </span>
                      <StateBadge state={r.state} />
                    </li>
                  ))}
                  {req.open.length > 8 ? (
                    <li className="px-4 py-2 text-sm">
                      <Link href="/requests">{req.open.length - 8} more</Link>
                    </li>
                  ) : null}
                </ul>
              )}
            </Card>
            <Card aria-labelledby="ending-heading">
              <CardHeader
                id="ending-heading"
                title={`Access ending within ${warningDays} days`}
                description="Grants in your projects and of your groups."
                action={<Link href={`/grants?expiring=${warningDays}`}>All ending soon</Link>}
              />
              {req.expiring.length === 0 ? (
                <Empty>Nothing of yours ends in the next {warningDays} days.</Empty>
              ) : (
                <ul className="divide-y divide-slate-100">
                  {req.expiring.map((g) => (
                    <li key={g.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm" data-testid="home-expiring">
                      <span className="min-w-0">
                        <span className="font-medium">{subjectLabel(g)}</span> in <Link href={`/projects/${encodeURIComponent(g.projectName)}`} className="underline">{g.projectName}</Link>
                        <span className="block text-xs text-slate-600">
                          {g.subjectType === "GROUP" ? g.roleLabel : "robot"} · ends <GrantEnd grant={g} now={now} warningDays={warningDays} />
                        </span>
                      </span>
                      {g.canManage && mayAsk ? (
                        <Link href={`/requests/new?kind=GRANT_EXTENSION&grant=${g.id}`} className={buttonClass("secondary", "sm")}>
                          Extend<span className="sr-only"> {subjectLabel(g)} in {g.projectName}</span>
                        </Link>
                      ) : (
                        <span className="text-xs text-slate-600">{g.project.ownerGroup} can extend</span>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </Card>
            <Card aria-labelledby="secrets-heading" className="lg:col-span-2">
              <CardHeader id="secrets-heading" title="Robot secrets waiting for you" description="Each secret can be revealed once, on its request's page, and is wiped if nobody reveals it in time." />
              {req.secrets.length === 0 ? (
                <Empty>No robot secret waits to be revealed.</Empty>
              ) : (
                <ul className="divide-y divide-slate-100">
                  {req.secrets.map((s) => (
                    <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm" data-testid="home-secret">
                      <span className="min-w-0">
                        <span className="break-all font-mono text-xs">{s.robotName}</span>
                        <span className="block text-xs text-slate-600">
                          {s.request.projectName} · wiped <RelativeTime value={s.expiresAt} /> if not revealed
                        </span>
                      </span>
                      <Link href={`/requests/${s.requestId}`} className={buttonClass("secondary", "sm")}>
                        Reveal on request #{s.request.number}
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          </section>
        ) : null}

        {can(principal, "audit:read-summary") ? (
          <section data-testid="home-auditor" aria-label="Auditor">
            <Suspense fallback={<PageSkeleton rows={4} />}>
              <AuditorHome />
            </Suspense>
          </section>
        ) : null}
      </div>
    </>
  );
}
