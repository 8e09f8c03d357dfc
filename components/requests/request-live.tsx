"use client";

import { ActiveSection } from "@/components/layout/active-section";
import { endedByText } from "@/lib/core/names";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { RelativeTime } from "@/components/ui/relative-time";
import { StateBadge } from "@/components/ui/state-badge";
import { cn } from "@/components/ui/cn";
import type { RequestView } from "@/lib/governance/views";
import { RequestActions } from "./request-actions";
import { SecretPanel } from "./secret-panel";

async function fetchView(id: string): Promise<RequestView> {
  const res = await fetch(`/api/requests/${id}`, { cache: "no-store" });
  if (!res.ok) throw new Error(`The request could not be refreshed (${res.status}).`);
  return (await res.json()) as RequestView;
}

function Stage({ title, state, children, last }: { title: string; state: "done" | "current" | "waiting" | "failed" | "ended"; children?: React.ReactNode; last?: boolean }) {
  const dot = { done: "bg-green-600", current: "bg-blue-600 animate-pulse", waiting: "bg-slate-300", failed: "bg-red-600", ended: "bg-slate-500" }[state];
  return (
    <li className="relative pb-6 pl-7">
      {!last ? <span aria-hidden="true" className="absolute left-[7px] top-4 h-full w-0.5 bg-slate-200" /> : null}
      <span aria-hidden="true" className={cn("absolute left-0 top-1 h-4 w-4 rounded-full ring-4 ring-white", dot)} />
      <h3 className="text-sm font-semibold text-slate-900">
        {title} <span className="sr-only">({state})</span>
      </h3>
      <div className="mt-1 text-sm text-slate-700">{children}</div>
    </li>
  );
}

// The request page: a vertical timeline from submission to the end of the access, refreshed while work is under way.
const SECTION_LABELS: Record<string, string> = { "/requests": "Requests", "/approvals": "Approvals", "/audit": "Audit" };

export function RequestLive({ initial }: { initial: RequestView }) {
  const { data: view = initial, error } = useQuery({
    queryKey: ["request", initial.id],
    queryFn: () => fetchView(initial.id),
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.live ? 1500 : false),
  });
  const decided = view.approvals.some((a) => a.decision === "REJECT") || view.approvalCount >= view.requiredApprovals;
  const provisioningJobs = view.jobs.filter((j) => j.kind === "PROVISION");
  const endJobs = view.jobs.filter((j) => j.kind !== "PROVISION");
  const failedChecks = view.policyChecks.filter((c) => !c.pass);

  return (
    <div>
      <ActiveSection href={view.section} />
      <div className="mb-5 flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-sm text-slate-600">
            <Link href={view.section}>← {SECTION_LABELS[view.section]}</Link> · Request #{view.number} · {view.kindLabel}
          </p>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight">{view.summary}</h1>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <span data-testid="request-state">
              <StateBadge state={view.state} />
            </span>
            <span>
              asked by <strong className="text-slate-800">{view.requester.name}</strong> <RelativeTime value={view.createdAt} />
            </span>
          </div>
        </div>
        <RequestActions view={view} />
      </div>
      {error ? <p role="alert" className="mb-4 text-sm text-red-700">{(error as Error).message}</p> : null}
      {view.whyNoDecision && view.state === "PENDING" ? <p className="mb-4 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700" data-testid="why-no-decision">{view.whyNoDecision}</p> : null}

      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <ol aria-label="Request timeline" className="rounded-lg border border-slate-200 bg-white p-5">
          <Stage title="Submitted" state="done">
            <p>
              {view.requester.name} <span className="text-slate-500">({view.requester.groups.join(", ")})</span> · <RelativeTime value={view.createdAt} mode="absolute" />
            </p>
            <blockquote className="mt-1 border-l-2 border-slate-200 pl-3 italic text-slate-700">{view.justification}</blockquote>
          </Stage>
          <Stage title={`Policy checks${failedChecks.length ? ` — ${failedChecks.length} failing` : " — all pass"}`} state={failedChecks.length ? "failed" : "done"}>
            <ul className="space-y-1" data-testid="policy-checks">
              {view.policyChecks.map((c) => (
                <li key={c.id} className="flex gap-2">
                  <span aria-hidden="true" className={c.pass ? "text-green-700" : "text-red-700"}>{c.pass ? "✓" : "✗"}</span>
                  <span>
                    <span className="font-medium">{c.label}</span>
                    <span className="sr-only">{c.pass ? " passes" : " fails"}</span>: {c.reason}
                  </span>
                </li>
              ))}
            </ul>
          </Stage>
          <Stage title={`Approvals (${view.approvalCount} of ${view.requiredApprovals})`} state={view.state === "REJECTED" ? "failed" : decided ? "done" : view.state === "CANCELLED" ? "ended" : "current"}>
            <ul className="space-y-1" data-testid="approvals">
              {view.approvals.map((a) => (
                <li key={a.id}>
                  <span className={a.decision === "APPROVE" ? "font-medium text-green-800" : "font-medium text-red-800"}>{a.decision === "APPROVE" ? "Approved" : "Rejected"}</span> by {a.approverName} · <RelativeTime value={a.createdAt} />
                  {a.comment ? <span className="block text-slate-600">“{a.comment}”</span> : null}
                </li>
              ))}
              {view.state === "PENDING" ? <li className="text-slate-500">Waiting for {view.requiredApprovals - view.approvalCount} more approval{view.requiredApprovals - view.approvalCount > 1 ? "s" : ""} from someone other than {view.requester.name}.</li> : null}
              {view.state === "CANCELLED" ? <li className="text-slate-500">Cancelled by the requester.</li> : null}
            </ul>
          </Stage>
          <Stage title="Provisioning in Harbor" state={provisioningJobs.some((j) => j.state === "FAILED") ? "failed" : provisioningJobs.length && provisioningJobs.every((j) => j.state === "SUCCEEDED") ? "done" : provisioningJobs.length ? "current" : "waiting"}>
            {provisioningJobs.length === 0 ? <p className="text-slate-500">Starts when the request is approved.</p> : null}
            {provisioningJobs.map((job) => (
              <div key={job.id} className="mb-2">
                <p className="mb-1 flex flex-wrap items-center gap-2">
                  <StateBadge state={job.state} /> attempt {job.attempts} of {job.maxAttempts}
                  {job.state === "QUEUED" && job.attempts > 0 && job.runAt ? (
                    <span className="text-slate-500">
                      next try <RelativeTime value={job.runAt} />
                    </span>
                  ) : null}
                </p>
                {job.lastError ? <p className="mb-1 text-red-800">Last error: {job.lastError}</p> : null}
                <ol className="space-y-1" data-testid="provisioning-steps">
                  {job.steps.map((s) => (
                    <li key={s.id} className="rounded border border-slate-100 px-2 py-1">
                      <div className="flex flex-wrap items-center gap-2">
                        <StateBadge state={s.state} />
                        <span className="font-medium">{s.label}</span>
                        {s.finishedAt ? <RelativeTime value={s.finishedAt} /> : null}
                      </div>
                      {s.harborRequestId ? <p className="font-mono text-xs text-slate-500">Harbor X-Request-Id {s.harborRequestId}</p> : null}
                      {s.error ? <p className="text-xs text-red-800">{s.error}</p> : null}
                    </li>
                  ))}
                  {job.steps.length === 0 ? <li className="text-slate-500">No change in Harbor is needed.</li> : null}
                </ol>
              </div>
            ))}
          </Stage>
          <Stage title="Active" state={view.grants.some((g) => g.state === "ACTIVE") || view.state === "ACTIVE" ? "done" : "waiting"} last={endJobs.length === 0 && !view.grants.some((g) => g.endedAt)}>
            {view.grants.length === 0 ? <p className="text-slate-500">{view.state === "ACTIVE" ? "Done." : "Nothing is granted yet."}</p> : null}
            <ul className="space-y-1" data-testid="grants">
              {view.grants.map((g) => (
                <li key={g.id} className="flex flex-wrap items-center gap-2">
                  <StateBadge state={g.state} />
                  <span>
                    {g.subjectType === "GROUP" ? `group ${g.subjectName} as ${g.roleLabel}` : `robot ${g.harborRobotName ?? g.subjectName}`} in {g.projectName}
                  </span>
                  <span className="text-slate-500">
                    {g.startsAt ? <>from <RelativeTime value={g.startsAt} mode="absolute" /></> : null} {g.endsAt ? <>until <RelativeTime value={g.endsAt} mode="absolute" /></> : "· no end date"}
                  </span>
                </li>
              ))}
            </ul>
          </Stage>
          {endJobs.length || view.grants.some((g) => g.endedAt) ? (
            <Stage title="Ended" state="ended" last>
              {view.grants
                .filter((g) => g.endedAt)
                .map((g) => (
                  <p key={g.id}>
                    {stateWord(g.state)} <RelativeTime value={g.endedAt} mode="absolute" /> {endedByText(g) ? `by ${endedByText(g)}` : ""} {g.endReason ? `— ${g.endReason}` : ""}
                  </p>
                ))}
              {endJobs
                .filter((j) => j.state !== "SUCCEEDED")
                .map((j) => (
                  <p key={j.id} className="flex items-center gap-2">
                    <StateBadge state={j.state} /> removing from Harbor ({j.kind.toLowerCase()}){j.lastError ? ` — ${j.lastError}` : ""}
                  </p>
                ))}
            </Stage>
          ) : null}
        </ol>

        <div className="space-y-4">
          <section aria-labelledby="details-heading" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="details-heading" className="text-base font-semibold">What was asked</h2>
            <dl className="mt-2 space-y-1.5 text-sm" data-testid="request-facts">
              {view.facts.map(([label, value]) => (
                <div key={label} className="grid grid-cols-[7rem_1fr] gap-2">
                  <dt className="text-slate-500">{label}</dt>
                  <dd className="break-words">{value}</dd>
                </div>
              ))}
              {view.showsEndDate ? (
                <div className="grid grid-cols-[7rem_1fr] gap-2">
                  <dt className="text-slate-500">End date</dt>
                  <dd>{view.endsAt ? <RelativeTime value={view.endsAt} mode="absolute" /> : "none: until revoked"}</dd>
                </div>
              ) : null}
            </dl>
          </section>
          <SecretPanel view={view} />
        </div>
      </div>
    </div>
  );
}

function stateWord(state: string) {
  return state === "EXPIRED" ? "Expired" : state === "REVOKED" ? "Revoked" : state === "SUPERSEDED" ? "Replaced by a role change" : "Ended";
}
