import Link from "next/link";
import type { ReactNode } from "react";
import { revokeEffect, subjectLabel } from "@/components/grants/format";
import { RevokeGrantButton } from "@/components/grants/revoke-grant-button";
import { REMINDER_LABELS } from "@/components/reviews/format";
import { Progress } from "@/components/reviews/progress";
import { buttonClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { roleLabel } from "@/lib/core/roles";
import type { ApproverReviews, ReviewerCampaign } from "@/lib/reviews/home";

const Empty = ({ children }: { children: ReactNode }) => <p className="px-4 py-3 text-sm text-slate-600">{children}</p>;

/** A reviewer's open items per running campaign, with the deadline and the latest reminder. */
export function ReviewsWaiting({ campaigns }: { campaigns: ReviewerCampaign[] }) {
  const open = campaigns.reduce((n, c) => n + c.open, 0);
  return (
    <Card aria-labelledby="reviews-waiting-heading" data-testid="home-reviews">
      <CardHeader
        id="reviews-waiting-heading"
        title="Access reviews waiting for you"
        description={open ? `${open} ${open === 1 ? "item needs" : "items need"} your decision.` : undefined}
        action={<Link href="/reviews">All your items</Link>}
      />
      {campaigns.length === 0 ? (
        <Empty>No review needs you now. When an approver starts a review of your group&apos;s projects, its items appear here.</Empty>
      ) : (
        <ul className="divide-y divide-slate-100">
          {campaigns.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm" data-testid="home-review-campaign">
              <span className="min-w-0">
                <span className="font-medium">#{c.number} {c.name}</span>: {c.open} {c.open === 1 ? "item" : "items"} to decide, due <RelativeTime value={c.deadlineAt} />
                <span className="block text-xs text-slate-600">
                  {c.overdue ? <span className="font-semibold text-amber-900">{c.overdue} overdue · </span> : null}
                  {c.reminder ? <>Reminder: {REMINDER_LABELS[c.reminder.kind] ?? c.reminder.kind}, <RelativeTime value={c.reminder.at} /></> : "No reminder yet"}
                  {c.blocked ? <> · {c.blocked} not yours to certify (the approvers decide {c.blocked === 1 ? "it" : "them"})</> : null}
                </span>
              </span>
              {c.open ? <Link href={`/reviews?campaign=${c.id}`} className={`relative ${buttonClass("secondary", "sm")}`}>Review now<span className="sr-only"> #{c.number}</span></Link> : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** The approvers' view: campaigns in progress, what the policy kept and escalated, the next scheduled starts. */
export function ReviewCampaigns({ data }: { data: ApproverReviews }) {
  return (
    <Card aria-labelledby="review-campaigns-heading" data-testid="home-review-campaigns">
      <CardHeader id="review-campaigns-heading" title="Access reviews" description="Campaigns running now; what the policy kept at a deadline and escalated to you." action={<Link href="/reviews">Reviews</Link>} />
      {data.campaigns.length === 0 ? (
        <Empty>
          No review is running.{" "}
          {data.upcoming[0] ? <>Next: {data.upcoming[0].name}, <RelativeTime value={data.upcoming[0].nextStartAt} />.</> : <Link href="/reviews/new">New review</Link>}
        </Empty>
      ) : (
        <ul className="divide-y divide-slate-100">
          {data.campaigns.map((c) => (
            <li key={c.id} className="grid gap-1 px-4 py-2 text-sm sm:grid-cols-[1fr_12rem] sm:items-center" data-testid="home-review-progress">
              <span className="min-w-0">
                <Link href={`/reviews/${c.id}`} className="font-medium">#{c.number} {c.name}</Link>
                <span className="block text-xs text-slate-600">deadline <RelativeTime value={c.deadlineAt} /></span>
              </span>
              <Progress decided={c.decided} total={c.total} overdue={c.overdue} />
            </li>
          ))}
        </ul>
      )}
      {data.keptByPolicy.length ? (
        <div className="border-t border-slate-100 px-4 py-2 text-sm" data-testid="home-kept-by-policy">
          <p className="font-medium">Kept by policy at a deadline — nobody decided these</p>
          <ul className="mt-1 space-y-0.5">
            {data.keptByPolicy.map((k) => (
              <li key={k.itemId}>
                <Link href={`/audit/grants/${k.grantId}`}>{subjectLabel(k)} in {k.projectName}</Link> <span className="text-slate-600">(review #{k.campaignNumber}, <RelativeTime value={k.decidedAt} />)</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Card>
  );
}

/** Access with no pull or push for N days, each with a revocation that carries the evidence; or why Berth cannot tell. */
export function UnusedAccess({ data }: { data: ApproverReviews["unused"] }) {
  const days = data.unusedDays;
  const description =
    data.logging === "off"
      ? "This Harbor does not write pulls and pushes to its audit log database (BERTH_HARBOR_AUDIT_LOGGING=off): Berth cannot tell unused access, and calls nothing unused."
      : data.logging === "pulls-off"
        ? "This Harbor does not log pulls (BERTH_HARBOR_AUDIT_LOGGING=pulls-off): a cluster that only pulls would look unused, so Berth calls nothing unused."
        : `Robots and group grants with no pull or push in Harbor's audit log for ${days} days.`;
  return (
    <Card aria-labelledby="unused-heading" data-testid="home-unused" className="lg:col-span-2">
      <CardHeader id="unused-heading" title="Unused access" description={description} />
      {data.logging !== "on" ? null : data.grants.length === 0 ? (
        <Empty>
          {data.read === 0 ? "Harbor's audit log has not been read yet; the background usage check reads each project in turn." : `Nothing unused for ${days} days in the ${data.read} ${data.read === 1 ? "project" : "projects"} read.`}
        </Empty>
      ) : (
        <ul className="divide-y divide-slate-100">
          {data.grants.map((g) => {
            const subject = subjectLabel(g);
            return (
              <li key={g.grantId} className="flex flex-wrap items-start justify-between gap-2 px-4 py-2 text-sm" data-testid="home-unused-grant">
                <span className="min-w-0">
                  <span className="font-medium">{subject}</span> in <Link href={`/projects/${encodeURIComponent(g.projectName)}`}>{g.projectName}</Link>
                  <span className="block text-xs text-slate-600">{g.evidence}</span>
                </span>
                <RevokeGrantButton grantId={g.grantId} subject={subject} projectName={g.projectName} effect={revokeEffect({ ...g, roleLabel: roleLabel(g.roleId) })} defaultReason={g.evidence} label="Revoke unused" />
              </li>
            );
          })}
          {data.total > data.grants.length ? <li className="px-4 py-2 text-sm text-slate-600">{data.total - data.grants.length} more unused, oldest grants shown first.</li> : null}
        </ul>
      )}
      {data.unreadable.count ? (
        <p className="border-t border-slate-100 px-4 py-2 text-sm text-amber-950" data-testid="home-unused-unreadable">
          Usage unknown for {data.unreadable.count} {data.unreadable.count === 1 ? "project" : "projects"}: Harbor&apos;s audit log could not be read ({data.unreadable.projects.map((p) => `${p.projectName}: ${p.reason ?? p.status}`).join("; ")}).
        </p>
      ) : null}
      {data.logging === "on" && data.notReadYet ? <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-600">{data.notReadYet} {data.notReadYet === 1 ? "project has" : "projects have"} not been read yet.</p> : null}
    </Card>
  );
}
