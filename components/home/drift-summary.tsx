import Link from "next/link";
import type { ReactNode } from "react";
import { Card, CardHeader } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { describeFinding } from "@/lib/core/drift";
import type { DriftOverview } from "@/lib/governance/queries";

const SHOWN_PER_PROJECT = 2;

function every(seconds: number): string {
  if (seconds % 3600 === 0) return seconds === 3600 ? "every hour" : `every ${seconds / 3600} hours`;
  if (seconds % 60 === 0) return seconds === 60 ? "every minute" : `every ${seconds / 60} minutes`;
  return `every ${seconds} seconds`;
}

const Note = ({ children }: { children: ReactNode }) => <p className="px-4 py-3 text-sm text-slate-600">{children}</p>;

function ProjectLink({ name }: { name: string }) {
  return (
    <Link href={`/projects/${encodeURIComponent(name)}#drift`} className="font-medium">
      {name}
    </Link>
  );
}

function More({ shown, count, what }: { shown: number; count: number; what: string }) {
  return count > shown ? <li className="px-4 py-2 text-sm text-slate-600">and {count - shown} more {what}.</li> : null;
}

/** The approvers' view of the background drift check: which projects differ from what was approved in Harbor. */
export function DriftSummary({ overview, intervalSeconds }: { overview: DriftOverview; intervalSeconds: number }) {
  const { differing, unreadable } = overview;
  const quiet = differing.count === 0 && unreadable.count === 0;
  return (
    <Card aria-labelledby="drift-home-heading" data-testid="home-drift">
      <CardHeader
        id="drift-home-heading"
        title={differing.count ? `Drift in ${differing.count} project${differing.count === 1 ? "" : "s"}` : "Drift"}
        description={intervalSeconds > 0 ? `Each managed project is compared with Harbor ${every(intervalSeconds)}: changes made in Harbor directly show up here.` : undefined}
      />
      {intervalSeconds === 0 ? (
        <Note>The background drift check is off (BERTH_DRIFT_CHECK_SECONDS=0). Each project page still compares Harbor live.</Note>
      ) : quiet ? (
        overview.checked === 0 ? (
          <Note>No project has been compared with Harbor yet.</Note>
        ) : (
          <Note>
            Harbor matches what was approved in {overview.checked === 1 ? "the one checked project" : `all ${overview.checked} checked projects`}
            {overview.oldestCheck ? (
              <>
                {" "}(oldest check <RelativeTime value={overview.oldestCheck} />)
              </>
            ) : null}
            .
          </Note>
        )
      ) : (
        <ul className="divide-y divide-slate-100">
          {differing.projects.map((p) => (
            <li key={p.projectName} className="px-4 py-2 text-sm" data-testid="home-drift-project">
              <ProjectLink name={p.projectName} />
              <span className="text-slate-600">
                {" "}· {p.findings.length} difference{p.findings.length === 1 ? "" : "s"}
                {p.since ? (
                  <>
                    , first seen <RelativeTime value={p.since} />
                  </>
                ) : null}
              </span>
              {p.failure ? (
                <span className="block text-xs text-amber-800">
                  Its last check could not read Harbor ({p.failure}){p.failedAt ? <> <RelativeTime value={p.failedAt} /></> : null}; these are the findings of the check before.
                </span>
              ) : null}
              <ul className="mt-1 list-disc space-y-0.5 pl-5 text-slate-700">
                {p.findings.slice(0, SHOWN_PER_PROJECT).map((f, i) => (
                  <li key={i} data-testid="home-drift-finding">{describeFinding(f)}</li>
                ))}
                {p.findings.length > SHOWN_PER_PROJECT ? <li className="list-none text-slate-600">and {p.findings.length - SHOWN_PER_PROJECT} more on the project page</li> : null}
              </ul>
            </li>
          ))}
          <More shown={differing.projects.length} count={differing.count} what={`project${differing.count - differing.projects.length === 1 ? "" : "s"} with differences`} />
          {unreadable.projects.map((p) => (
            <li key={p.projectName} className="px-4 py-2 text-sm" data-testid="home-drift-unreadable">
              <ProjectLink name={p.projectName} />
              <span className="block text-xs text-amber-800">
                Harbor could not be read ({p.failure}){p.failedAt ? <> <RelativeTime value={p.failedAt} /></> : null}
                {p.checkedAt ? <>; last compared <RelativeTime value={p.checkedAt} /></> : "; never compared"}.
              </span>
            </li>
          ))}
          <More shown={unreadable.projects.length} count={unreadable.count} what={`project${unreadable.count - unreadable.projects.length === 1 ? "" : "s"} Harbor could not be read for`} />
        </ul>
      )}
    </Card>
  );
}
