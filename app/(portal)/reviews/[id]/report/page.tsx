import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { permissionsText } from "@/components/grants/format";
import { DECISION_LABELS, OUTCOME_LABELS, scopeText } from "@/components/reviews/format";
import { PrintButton } from "@/components/reviews/print-button";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePrincipal } from "@/lib/authz/guards";
import type { ReportRow } from "@/lib/reviews/report";
import { reportPage } from "@/lib/reviews/pages";

export const metadata: Metadata = { title: "Access review report" };

// Printed pages have no hover: every time is written out in UTC.
const utc = (iso: string | Date | null) => (iso ? `${(typeof iso === "string" ? iso : iso.toISOString()).slice(0, 16).replace("T", " ")} UTC` : "—");

function Decision({ r }: { r: ReportRow }) {
  if (!r.decision) return <span className="font-semibold text-amber-900">Undecided</span>;
  const extra = r.decision === "LOWER_ROLE" ? ` to ${r.newRoleName}` : r.decision === "SHORTEN" ? ` to ${utc(r.newEndsAt)}` : "";
  return (
    <>
      <span className="font-semibold">{DECISION_LABELS[r.decision]}{extra}</span>{" "}
      <span className="block">by {r.decidedBy === "policy" ? "the review's policy (deadline)" : r.decidedBy}</span>{" "}
      <span className="block text-slate-600">{utc(r.decidedAt)}</span>
    </>
  );
}

function InHarbor({ r }: { r: ReportRow }) {
  if (!r.decision) return <>—</>;
  if (r.decision === "KEEP") return <>No change</>;
  if (r.decision === "SHORTEN" && r.subjectType === "GROUP") return <>Harbor memberships have no end date: Berth removes the group on {utc(r.newEndsAt)}{r.grantEndedAt ? ` (ended ${utc(r.grantEndedAt)})` : ""}</>;
  if (!r.jobId) return <>Nothing left to change: the access had already ended{r.grantEndedAt ? ` (${utc(r.grantEndedAt)})` : ""}</>;
  if (r.harborConfirmedAt) {
    return (
      <>
        Confirmed by Harbor {utc(r.harborConfirmedAt)}{" "}
        {r.harborRequestId ? <span className="block break-all font-mono text-[11px] text-slate-600">X-Request-Id {r.harborRequestId}</span> : null}
        {r.changeRequestNumber ? <span className="block">request #{r.changeRequestNumber}</span> : null}
      </>
    );
  }
  return <>{r.jobState === "FAILED" ? "Failed in Harbor — see the job" : "Waiting for Harbor"} ({r.jobKind?.toLowerCase()} job)</>;
}

export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePagePrincipal("review:read-report", { otherwise: "not-found" });
  const data = await reportPage((await params).id);
  if (!data) notFound();
  const { campaign: c, rows, deciders, chainHead, generatedAt } = data;
  const count = (kind: string) => rows.filter((r) => r.decision === kind).length;

  return (
    <article className="space-y-5 print:space-y-3 print:text-[11px]" data-testid="review-report">
      <PageHeader
        eyebrow={<Link href={`/reviews/${c.id}`} className="print:hidden">Campaign #{c.number}</Link>}
        title={`Access review report: #${c.number} ${c.name}`}
        description={`Who reviewed which access, when, why and on what evidence; what was removed and when Harbor confirmed it; what the policy decided at the deadline.`}
        actions={
          <span className="flex flex-wrap gap-2 print:hidden">
            <PrintButton />
            <a href={`/api/reviews/${c.id}/export?format=csv`} className={buttonClass("secondary")} download>Download CSV</a>
            <a href={`/api/reviews/${c.id}/export?format=jsonl`} className={buttonClass("secondary")} download>Download JSON Lines</a>
          </span>
        }
      />
      <section aria-labelledby="summary-heading" className="rounded-lg border border-slate-200 bg-white p-4 print:border-0 print:p-0">
        <h2 id="summary-heading" className="sr-only">Summary</h2>
        <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[11rem_1fr] print:grid-cols-[11rem_1fr] print:text-[11px]" data-testid="report-summary">
          <dt className="text-slate-500">Covers</dt><dd>{scopeText(c.scope, c.scopeValue, c.subjects)}</dd>
          <dt className="text-slate-500">Reviewers</dt><dd>{c.reviewers === "APPROVERS" ? "the approvers" : "each owner group's team leads; the approvers as fallback"}</dd>
          <dt className="text-slate-500">Started</dt><dd>{utc(c.startedAt)} by {c.startedByName}</dd>
          <dt className="text-slate-500">Deadline</dt><dd>{utc(c.deadlineAt)} — undecided items: {OUTCOME_LABELS[c.deadlineOutcome]}</dd>
          <dt className="text-slate-500">State</dt><dd>{c.closedAt ? `closed ${utc(c.closedAt)}` : "running"}</dd>
          <dt className="text-slate-500">Items</dt>
          <dd>
            {c.total} reviewed: {count("KEEP")} kept, {count("SHORTEN")} given an earlier end, {count("LOWER_ROLE")} lowered, {count("REMOVE")} removed; {c.byPolicy} decided by policy; {c.total - c.decided} undecided
          </dd>
          <dt className="text-slate-500">Decided by</dt><dd>{deciders.length ? deciders.map((d) => `${d.byPolicy ? "policy" : d.name} (${d.decided})`).join(", ") : "nobody yet"}</dd>
          <dt className="text-slate-500">Evidence trail</dt>
          <dd className="break-all">generated {utc(generatedAt)} at audit chain head #{chainHead?.seq ?? "0"} <span className="font-mono text-xs">{chainHead?.hash}</span></dd>
        </dl>
      </section>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white print:overflow-visible print:border-0">
        <table className="w-full border-collapse text-left text-sm print:text-[10px]">
          <caption className="sr-only">Decisions of access review #{c.number}</caption>
          <thead>
            <tr className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
              <th scope="col" className="px-2 py-2">Access</th>
              <th scope="col" className="px-2 py-2">Granted</th>
              <th scope="col" className="px-2 py-2">Reviewer</th>
              <th scope="col" className="px-2 py-2">Decision</th>
              <th scope="col" className="px-2 py-2">Reason</th>
              <th scope="col" className="px-2 py-2">Evidence</th>
              <th scope="col" className="px-2 py-2">In Harbor</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.itemId} className="break-inside-avoid border-b border-slate-100 align-top" data-testid="report-row" data-subject={r.subjectName}>
                <th scope="row" className="min-w-40 px-2 py-2 text-left font-normal">
                  <span className="font-semibold">{r.subjectType === "GROUP" ? r.subjectName : (r.harborRobotName ?? r.subjectName)}</span>
                  <span className="block">{r.subjectType === "GROUP" ? `group, ${r.roleName}` : `robot, ${permissionsText(r.permissions)}`}</span>
                  <span className="block text-slate-600">in {r.projectName}</span>
                </th>
                <td className="min-w-40 px-2 py-2">
                  {utc(r.grantStartsAt)}
                  <span className="block">request #{r.requestNumber} by {r.requesterName}</span>
                  <span className="block text-slate-600">approved by {r.approvers.map((a) => a.name).join(", ") || "—"}</span>
                  <span className="block text-slate-600">ends {r.grantEndsAt ? utc(r.grantEndsAt) : "never"}</span>
                </td>
                <td className="min-w-32 px-2 py-2">
                  {r.reviewers === "approvers" ? "Approvers" : r.reviewers.replace(/^team leads of /, "Team leads of ")}
                  {r.routedReason ? <span className="block text-slate-600">{r.routedReason}</span> : null}
                  {r.escalatedAt ? <span className="block text-slate-600">escalated {utc(r.escalatedAt)}</span> : null}
                </td>
                <td className="min-w-36 px-2 py-2" data-testid="report-decision"><Decision r={r} /></td>
                <td className="min-w-40 px-2 py-2">{r.reason ?? "—"}</td>
                <td className="min-w-48 px-2 py-2 text-slate-700">
                  {r.evidence?.usage?.note ?? "—"}
                  {r.evidence?.suggestion ? <span className="block">Suggested: {r.evidence.suggestion.text}</span> : null}
                </td>
                <td className="min-w-40 px-2 py-2" data-testid="report-harbor"><InHarbor r={r} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-slate-600">
        Times are UTC. The CSV and JSON Lines downloads carry the same rows and the audit chain head at download time; <code>npm run audit:verify -- --export &lt;file&gt;</code> checks that head against the trail.
      </p>
    </article>
  );
}
