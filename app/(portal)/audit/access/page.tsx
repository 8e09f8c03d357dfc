import type { Metadata } from "next";
import Link from "next/link";
import { AccessAtForm } from "@/components/audit/access-at-form";
import { AccessTimeline } from "@/components/projects/access-timeline";
import { accessText } from "@/components/audit/format";
import { subjectLabel } from "@/lib/core/names";
import { InstantText } from "@/components/audit/instant";
import { parseWithFieldErrors, type FieldErrors } from "@/lib/core/validation";
import { utcText } from "@/components/audit/time";
import { layoutTimeline, type TimelineGrant } from "@/components/projects/timeline";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { accessAt, accessAtQuerySchema, grantHistory, searchParamsToObject, type AccessAtQuery, type GrantHistoryRow } from "@/lib/audit";
import { database } from "@/lib/db";
import { pickerNames } from "@/lib/audit/summary";
import { requirePagePrincipal } from "@/lib/authz/guards";
import { DECISION_PAST } from "@/components/reviews/format";
import { reviewsOfGrants, type GrantReview } from "@/lib/reviews/history";

export const metadata: Metadata = { title: "Access at a point in time" };

const TIMELINE_GRANTS = 200;

const reviewText = (r: GrantReview) => `${DECISION_PAST[r.decision] ?? r.decision} by ${r.by}`;

/** The grants of the project (or group) as timeline bars, with their access review decisions; for a group, one row per project. */
async function timelineFor(query: AccessAtQuery, inForce: string[]) {
  const { rows, nextCursor } = await grantHistory(
    database().pool,
    { project: query.project, subject: query.group, subjectType: query.group ? "GROUP" : undefined },
    { limit: TIMELINE_GRANTS },
  );
  const reviews = await reviewsOfGrants(database().pool, rows.map((g) => g.grantId));
  const byProject = query.project === undefined;
  const items: TimelineGrant[] = rows.map((g: GrantHistoryRow) => ({
    id: g.grantId,
    subjectType: g.subjectType,
    subjectName: byProject ? g.projectName : g.subjectName,
    label: byProject ? g.projectName : subjectLabel(g),
    state: g.state,
    roleLabel: accessText(g),
    startsAt: g.startsAt?.toISOString() ?? null,
    endsAt: g.endsAt?.toISOString() ?? null,
    endedAt: g.endedAt?.toISOString() ?? null,
    endReason: g.endReason,
    request: { id: g.requestId, number: g.requestNumber, requesterName: g.requesterName },
    approvers: g.approvers.map((a) => a.name),
    reviews: (reviews.get(g.grantId) ?? []).map((r) => ({ at: r.at.toISOString(), decision: DECISION_PAST[r.decision] ?? r.decision, by: r.by, reason: r.reason, campaignNumber: r.campaignNumber })),
  }));
  const at = query.at.getTime();
  // the picture runs to today; only an instant outside that range moves the range to include it
  let layout = layoutTimeline(items, new Date().toISOString());
  let cursorPct = ((at - Date.parse(layout.from)) / (Date.parse(layout.to) - Date.parse(layout.from))) * 100;
  if (!(cursorPct >= 0 && cursorPct <= 100)) {
    layout = layoutTimeline(items, query.at.toISOString());
    cursorPct = layout.nowPct;
  }
  return { layout, cursorPct, truncated: nextCursor !== null, inForce, byProject };
}

export default async function AccessAtPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePagePrincipal("audit:read", { otherwise: "not-found" });
  const raw = searchParamsToObject(await searchParams);
  const asked = ["project", "group", "at"].some((k) => (raw[k] ?? "").trim() !== "");
  let query: AccessAtQuery | null = null;
  let errors: FieldErrors = {};
  if (asked) {
    const { project, group, at } = raw;
    const parsed = parseWithFieldErrors(accessAtQuerySchema, { ...(project !== undefined && { project }), ...(group !== undefined && { group }), ...(at !== undefined && { at }) });
    errors = parsed.errors;
    // a missing instant is a question half asked: say so in words rather than with the schema's type error
    if (!(raw.at ?? "").trim()) errors.at = ["Pick a date and time."];
    if (Object.keys(errors).length === 0) query = parsed.data;
  }
  const [names, rows] = await Promise.all([pickerNames(database().pool), query ? accessAt(database().pool, query) : Promise.resolve(null)]);
  const [timeline, reviewed] = query && rows ? await Promise.all([timelineFor(query, rows.map((r) => r.grantId)), reviewsOfGrants(database().pool, rows.map((r) => r.grantId))]) : [null, null];
  // the last review decision as known at the instant asked about
  const lastReview = (grantId: string) => (reviewed?.get(grantId) ?? []).filter((r) => query && r.at <= query.at).at(-1);
  const scope = query ? [query.project ? `project ${query.project}` : null, query.group ? `group ${query.group}` : null].filter(Boolean).join(" and ") : "";

  return (
    <>
      <PageHeader
        title="Access at a point in time"
        description="Who had which role, at one instant, and the request and approvals behind each. Answered from the evidence trail (activations and endings as recorded), not from today's state."
      />
      <AccessAtForm project={raw.project ?? ""} group={raw.group ?? ""} at={query ? query.at.toISOString() : null} errors={errors} projects={names.projects} groups={names.groups} />
      {query && rows ? (
        <div className="space-y-5">
          <Card aria-labelledby="answer-heading" data-testid="access-answer">
            <CardHeader
              id="answer-heading"
              title={`Access to ${scope}`}
              description={
                <>
                  At <InstantText iso={query.at.toISOString()} />.
                </>
              }
            />
            {rows.length === 0 ? (
              <div className="p-4">
                <EmptyState title="Nobody had access then">
                  The trail records no grant in force for {scope} at that instant. Grants that started later or had ended by then are not counted.
                </EmptyState>
              </div>
            ) : (
              <div className="p-3">
                <Table caption={`Who had access to ${scope} at ${utcText(query.at)}`}>
                  <thead>
                    <tr>
                      {query.project ? null : <Th>Project</Th>}
                      <Th>Group or robot</Th>
                      <Th>Role or permissions</Th>
                      <Th>In force since</Th>
                      <Th>Scheduled end (as known then)</Th>
                      <Th>Request</Th>
                      <Th>Requester</Th>
                      <Th>Approvers</Th>
                      <Th>Last access review</Th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <Tr key={r.grantId} data-testid="access-row">
                        {query.project ? null : <Td>{r.projectName}</Td>}
                        <Td className="font-medium">
                          <span className="mr-1.5 rounded bg-slate-100 px-1 text-[10px] font-semibold uppercase text-slate-600">{r.subjectType === "GROUP" ? "group" : "robot"}</span>
                          <Link href={`/audit/grants/${r.grantId}`} className={r.subjectType === "ROBOT" ? "break-all font-mono text-xs" : undefined}>
                            {subjectLabel(r)}
                          </Link>
                        </Td>
                        <Td className={r.subjectType === "ROBOT" ? "min-w-32 text-xs" : "whitespace-nowrap"}>{accessText(r)}</Td>
                        <Td><RelativeTime value={r.startsAt} mode="absolute" /></Td>
                        <Td>{r.endsAt ? <RelativeTime value={r.endsAt} mode="absolute" /> : <span className="text-slate-600">no end date</span>}</Td>
                        <Td className="whitespace-nowrap">{r.requestId ? <Link href={`/requests/${r.requestId}`}>#{r.requestNumber ?? "?"}</Link> : "—"}</Td>
                        <Td>{r.requester?.name ?? "—"}</Td>
                        <Td className="min-w-32">{r.approvers.length ? r.approvers.map((a) => a.name).join(", ") : <span className="text-slate-600">none recorded</span>}</Td>
                        <Td className="min-w-40" data-testid="access-review">
                          {(() => {
                            const last = lastReview(r.grantId);
                            return last ? (
                              <>
                                #{last.campaignNumber}: {reviewText(last)}, <RelativeTime value={last.at} mode="absolute" />
                                <span className="block text-xs text-slate-600">“{last.reason}”</span>
                              </>
                            ) : (
                              <span className="text-slate-600">not reviewed by then</span>
                            );
                          })()}
                        </Td>
                      </Tr>
                    ))}
                  </tbody>
                </Table>
              </div>
            )}
          </Card>
          {timeline ? (
            <Card aria-labelledby="timeline-heading">
              <CardHeader
                id="timeline-heading"
                title="Access over time"
                description={`${timeline.byProject ? "One row per project" : "One row per group or robot"}, one bar per grant (colored by its state today); the blue line is the instant asked about.${timeline.truncated ? ` The ${TIMELINE_GRANTS} most recent grants are drawn.` : ""}`}
              />
              <CardBody>
                <AccessTimeline
                  layout={timeline.layout}
                  cursor={{ pct: timeline.cursorPct, label: utcText(query.at).slice(0, 16) + " UTC", inForce: timeline.inForce }}
                  caption={`Access to ${scope} over time`}
                  rowKind={timeline.byProject ? "project" : "subject"}
                  recordPath="/audit/grants/"
                  table={false}
                  testId="audit-timeline"
                />
              </CardBody>
            </Card>
          ) : null}
        </div>
      ) : !asked ? (
        <EmptyState title="Ask about a project or a group">
          Choose a project or a group and the date and time you need, for example the moment of an incident or the end of an audit period.
        </EmptyState>
      ) : null}
    </>
  );
}
