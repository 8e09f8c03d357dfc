import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { EventDetails } from "@/components/audit/event-details";
import { accessText, actorText } from "@/components/audit/format";
import { endedByText, subjectLabel } from "@/lib/core/names";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { StateBadge } from "@/components/ui/state-badge";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { grantDetail, type GrantDetail } from "@/lib/audit";
import { database } from "@/lib/db";
import { KIND_LABELS, type RequestKindName } from "@/lib/core/payloads";
import type { PolicyCheck } from "@/lib/governance/policy";
import { requirePagePrincipal } from "@/lib/authz/guards";
import { DECISION_LABELS } from "@/components/reviews/format";
import { reviewsOfGrants } from "@/lib/reviews/history";

export const metadata: Metadata = { title: "Grant" };

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{term}</dt>
      <dd className="min-w-0">{children}</dd>
    </>
  );
}

const Facts = ({ children }: { children: ReactNode }) => <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_1fr] sm:gap-y-2">{children}</dl>;

function asPolicyChecks(value: unknown): PolicyCheck[] {
  if (!Array.isArray(value)) return [];
  return value.filter((c): c is PolicyCheck => !!c && typeof c === "object" && typeof (c as PolicyCheck).label === "string");
}

/** How the grant ended, in a sentence, with a link to its successor after a role change. */
function Ending({ detail }: { detail: GrantDetail }) {
  const g = detail.grant;
  if (g.state === "ACTIVE") {
    return <p>In force{g.endsAt ? <>, scheduled to end <RelativeTime value={g.endsAt} mode="absolute" /></> : ", with no end date"}.</p>;
  }
  if (g.state === "PENDING" || g.state === "FAILED") return <p>Not in force: provisioning is {g.state === "PENDING" ? "pending" : "failed"}.</p>;
  const when = g.endedAt ? <RelativeTime value={g.endedAt} mode="absolute" /> : "at an unrecorded time";
  if (g.state === "SUPERSEDED") {
    return (
      <p>
        Replaced by a role change {when}
        {detail.supersededById ? <> by <Link href={`/audit/grants/${detail.supersededById}`} className="underline">the grant that replaced it</Link></> : null}.
        {g.endReason ? <span className="block text-slate-600">{g.endReason}</span> : null}
      </p>
    );
  }
  return (
    <p>
      {g.state === "REVOKED" ? "Revoked" : "Expired"} {when}
      {endedByText(g) ? <> by <span className="font-medium">{endedByText(g)}</span></> : null}
      {g.endReason ? <>: <q>{g.endReason}</q></> : "."}
    </p>
  );
}

export default async function AuditGrantPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePagePrincipal("audit:read", { otherwise: "not-found" });
  const detail = await grantDetail(database().pool, (await params).id);
  if (!detail) notFound();
  const reviews = (await reviewsOfGrants(database().pool, [detail.grant.grantId])).get(detail.grant.grantId) ?? [];
  const { grant: g, request: r, approvals, jobs, events } = detail;
  const subject = subjectLabel(g);
  const checks = asPolicyChecks(r.policyChecks);
  const kind = KIND_LABELS[r.kind as RequestKindName] ?? r.kind;

  return (
    <>
      <PageHeader
        eyebrow={<Link href="/audit">Grant history</Link>}
        title={
          <span className="flex flex-wrap items-center gap-2">
            <span className="break-all">{subject}</span> <span className="font-normal text-slate-600">in</span> {g.projectName} <StateBadge state={g.state} className="text-sm" />
          </span>
        }
        description={`${g.subjectType === "GROUP" ? "Group" : "Robot"} access: ${accessText(g)}.`}
      />
      <div className="space-y-5">
        <div className="grid gap-5 lg:grid-cols-2">
          <Card aria-labelledby="grant-heading">
            <CardHeader id="grant-heading" title="The grant" />
            <CardBody>
              <Facts>
                <Row term="Project"><Link href={`/projects/${encodeURIComponent(g.projectName)}`}>{g.projectName}</Link></Row>
                <Row term={g.subjectType === "GROUP" ? "Group" : "Robot"}><span className="break-all">{subject}</span></Row>
                <Row term={g.subjectType === "GROUP" ? "Role" : "Permissions"}>{accessText(g)}</Row>
                <Row term="State"><StateBadge state={g.state} /></Row>
                <Row term="Started">{g.startsAt ? <RelativeTime value={g.startsAt} mode="absolute" /> : "not started"}</Row>
                <Row term="Scheduled end">{g.endsAt ? <RelativeTime value={g.endsAt} mode="absolute" /> : "none"}</Row>
                <Row term="How it ended"><Ending detail={detail} /></Row>
                {detail.supersedesId ? <Row term="Replaces"><Link href={`/audit/grants/${detail.supersedesId}`} className="underline">the earlier grant (role change)</Link></Row> : null}
                {detail.supersededById && g.state !== "SUPERSEDED" ? <Row term="Replaced by"><Link href={`/audit/grants/${detail.supersededById}`} className="underline">a later grant</Link></Row> : null}
                <Row term="In Harbor">
                  {g.harborMemberId !== null ? `member id ${g.harborMemberId}` : g.harborRobotId !== null ? <span className="break-all">robot id {g.harborRobotId}{g.harborRobotName ? ` (${g.harborRobotName})` : ""}</span> : "no Harbor id recorded"}
                </Row>
                <Row term="Grant id"><span className="break-all font-mono text-xs">{g.grantId}</span></Row>
              </Facts>
            </CardBody>
          </Card>

          <Card aria-labelledby="request-heading" data-testid="grant-request">
            <CardHeader id="request-heading" title={`Request #${r.number}`} action={<Link href={`/requests/${r.id}`}>Open request</Link>} />
            <CardBody>
              <Facts>
                <Row term="Kind">{kind}</Row>
                <Row term="State"><StateBadge state={r.state} /></Row>
                <Row term="Requester">{r.requesterName} <span className="text-slate-600">({r.requesterGroups.join(", ") || "no groups"})</span></Row>
                <Row term="Asked"><RelativeTime value={r.createdAt} mode="absolute" /></Row>
                <Row term="Justification"><blockquote className="border-l-2 border-slate-200 pl-2 italic text-slate-700">{r.justification}</blockquote></Row>
                <Row term="Approvals needed">{r.requiredApprovals}</Row>
                <Row term="Decided">{r.decidedAt ? <RelativeTime value={r.decidedAt} mode="absolute" /> : "—"}</Row>
              </Facts>
              <h3 className="mt-4 text-sm font-semibold text-slate-900">Policy checks</h3>
              {checks.length ? (
                <ul className="mt-1 space-y-1 text-sm">
                  {checks.map((c) => (
                    <li key={c.id} className="flex gap-2">
                      <span aria-hidden="true" className={c.pass ? "text-green-700" : "text-red-700"}>{c.pass ? "✓" : "✗"}</span>
                      <span>
                        <span className="font-medium">{c.label}</span>
                        <span className="sr-only">{c.pass ? " passed" : " failed"}</span>: {c.reason}
                      </span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="mt-1 text-sm text-slate-600">No policy checks recorded.</p>
              )}
            </CardBody>
          </Card>
        </div>

        <Card aria-labelledby="approvals-heading" data-testid="grant-approvals">
          <CardHeader id="approvals-heading" title="Approvals" description={`${approvals.filter((a) => a.decision === "APPROVE").length} of ${r.requiredApprovals} needed.`} />
          {approvals.length === 0 ? (
            <p className="px-4 py-3 text-sm text-slate-600">No decisions recorded.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {approvals.map((a) => (
                <li key={a.id} className="px-4 py-2">
                  <span className={a.decision === "APPROVE" ? "font-medium text-green-800" : "font-medium text-red-800"}>{a.decision === "APPROVE" ? "Approved" : "Rejected"}</span> by{" "}
                  <span className="font-medium">{a.approverName}</span> · <RelativeTime value={a.createdAt} mode="absolute" />
                  {a.comment ? <span className="block text-slate-600">“{a.comment}”</span> : null}
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card aria-labelledby="reviews-heading" data-testid="grant-reviews">
          <CardHeader id="reviews-heading" title="Access reviews" description="Each time a review decided this grant: who, when, why, and on what usage evidence." />
          {reviews.length === 0 ? (
            <p className="px-4 py-3 text-sm text-slate-600">No access review has decided this grant.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {reviews.map((v) => (
                <li key={`${v.campaignId}-${v.at.toISOString()}`} className="px-4 py-2" data-testid="grant-review">
                  <span className="font-medium">{DECISION_LABELS[v.decision] ?? v.decision}</span> by {v.byPolicy ? "the review's policy at the deadline" : <span className="font-medium">{v.by}</span>} in <Link href={`/reviews/${v.campaignId}/report`}>access review #{v.campaignNumber}</Link> · <RelativeTime value={v.at} mode="absolute" />
                  <span className="block text-slate-600">“{v.reason}”</span>
                  {v.usageNote ? <span className="block text-xs text-slate-600">Evidence: {v.usageNote}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card aria-labelledby="jobs-heading">
          <CardHeader id="jobs-heading" title="Provisioning in Harbor" description="Each job's steps with Harbor's X-Request-Id, so a step can be matched with Harbor's own logs." />
          {jobs.length === 0 ? (
            <p className="px-4 py-3 text-sm text-slate-600">No provisioning jobs recorded.</p>
          ) : (
            <div className="space-y-4 px-4 py-3">
              {jobs.map((j) => (
                <section key={j.id} aria-label={`${j.kind.toLowerCase()} job`}>
                  <p className="mb-1 flex flex-wrap items-center gap-2 text-sm">
                    <span className="font-medium">{j.kind.charAt(0) + j.kind.slice(1).toLowerCase()}</span> <StateBadge state={j.state} />
                    <span className="text-slate-600">
                      queued <RelativeTime value={j.createdAt} mode="absolute" />
                      {j.finishedAt ? <>, finished <RelativeTime value={j.finishedAt} mode="absolute" /></> : null} · {j.attempts} {j.attempts === 1 ? "attempt" : "attempts"}
                    </span>
                  </p>
                  {j.lastError ? <p className="mb-1 text-sm text-red-800">Last error: {j.lastError}</p> : null}
                  <Table caption={`Steps of the ${j.kind.toLowerCase()} job`}>
                    <thead>
                      <tr>
                        <Th>#</Th>
                        <Th>Step</Th>
                        <Th>State</Th>
                        <Th>Harbor X-Request-Id</Th>
                        <Th>Finished</Th>
                      </tr>
                    </thead>
                    <tbody>
                      {j.steps.map((s) => (
                        <Tr key={s.id}>
                          <Td className="text-slate-600">{s.ordinal}</Td>
                          <Td>
                            {s.label}
                            {s.error ? <span className="block text-xs text-red-800">{s.error}</span> : null}
                          </Td>
                          <Td><StateBadge state={s.state} /></Td>
                          <Td className="break-all font-mono text-xs">{s.harborRequestId ?? "—"}</Td>
                          <Td><RelativeTime value={s.finishedAt} mode="absolute" /></Td>
                        </Tr>
                      ))}
                    </tbody>
                  </Table>
                </section>
              ))}
            </div>
          )}
        </Card>

        <Card aria-labelledby="events-heading">
          <CardHeader
            id="events-heading"
            title="Audit events"
            description="This grant's events and its request's, oldest first."
            action={<Link href={`/audit/events?requestId=${r.id}`}>In the event log</Link>}
          />
          <div className="p-3">
            <Table caption="Audit events of this grant and its request">
              <thead>
                <tr>
                  <Th>Seq</Th>
                  <Th>Time</Th>
                  <Th>Actor</Th>
                  <Th>Action</Th>
                  <Th>Details</Th>
                </tr>
              </thead>
              <tbody>
                {events.map((e) => (
                  <Tr key={e.seq} data-testid="grant-event">
                    <Td className="font-mono text-xs">{e.seq}</Td>
                    <Td><RelativeTime value={e.at} mode="absolute" /></Td>
                    <Td>{actorText(e)}</Td>
                    <Td className="whitespace-nowrap font-mono text-xs">{e.action}</Td>
                    <Td className="min-w-48">
                      <EventDetails event={e} />
                    </Td>
                  </Tr>
                ))}
              </tbody>
            </Table>
          </div>
        </Card>
      </div>
    </>
  );
}
