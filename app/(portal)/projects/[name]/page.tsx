import type { Metadata } from "next";
import Link from "next/link";
import { Suspense, type ReactNode } from "react";
import { subjectLabel } from "@/components/grants/format";
import { AccessTimeline } from "@/components/projects/access-timeline";
import { RequestTable } from "@/components/requests/request-table";
import { DriftCard } from "@/components/projects/drift-card";
import { GrantTable, type ProjectGrant } from "@/components/projects/grant-table";
import { QuotaCard } from "@/components/projects/quota-card";
import { layoutTimeline } from "@/components/projects/timeline";
import { buttonClass } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { RelativeTime } from "@/components/ui/relative-time";
import { StateBadge } from "@/components/ui/state-badge";
import { can } from "@/lib/authz/permissions";
import { env } from "@/lib/env";
import { templateByKey } from "@/lib/core/templates";
import { liveDrift, liveVersion, readHarbor } from "@/lib/governance/project-live";
import { loadProject } from "./load";

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }): Promise<Metadata> {
  return { title: `Project ${(await params).name}` };
}

const CURRENT = new Set(["PENDING", "ACTIVE", "FAILED"]);

type Detail = Awaited<ReturnType<typeof loadProject>>;

function CardSkeleton({ title }: { title: string }) {
  return (
    <Card aria-busy="true">
      <CardHeader title={title} />
      <CardBody className="space-y-2">
        <span className="sr-only">Reading Harbor…</span>
        <Skeleton className="h-5 w-48" />
        <Skeleton className="h-2.5 w-full" />
        <Skeleton className="h-3 w-40" />
      </CardBody>
    </Card>
  );
}

// Harbor's figures stream in after Berth's own data, so a slow Harbor never holds up the page.
async function LiveQuota({ project, version, changeHref }: { project: Detail["project"]; version: string; changeHref?: string }) {
  const live = await readHarbor(project.name, project.harborId, version);
  return <QuotaCard project={project} live={live ? live.quota : null} changeHref={changeHref} />;
}

async function LiveDrift({ project, grants, version }: { project: Detail["project"]; grants: Detail["grants"]; version: string }) {
  const { report, unavailable, checkedAt } = liveDrift(await readHarbor(project.name, project.harborId, version), grants);
  return <DriftCard report={report} unavailable={unavailable} checkedAt={checkedAt} backgroundCheck={env().BERTH_DRIFT_CHECK_SECONDS > 0} />;
}

function Section({ id, title, description, action, children }: { id: string; title: string; description?: string; action?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-2">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h2 id={id} className="text-lg font-semibold text-slate-900">{title}</h2>
          {description ? <p className="text-sm text-slate-600">{description}</p> : null}
        </div>
        {action}
      </div>
      {children}
    </section>
  );
}

export default async function ProjectPage({ params }: { params: Promise<{ name: string }> }) {
  const { principal, project, grants, openRequests, canManage } = await loadProject((await params).name);
  const version = liveVersion(project, grants);
  const now = new Date();
  const warningDays = env().BERTH_POLICY_EXPIRY_WARNING_DAYS;
  const template = templateByKey(project.template);
  const canRequest = canManage && can(principal, "request:create") && project.state === "ACTIVE";
  const enc = encodeURIComponent(project.name);

  const rows: ProjectGrant[] = grants;
  const groups = rows.filter((g) => g.subjectType === "GROUP");
  const robots = rows.filter((g) => g.subjectType === "ROBOT");
  const creatingRequest = grants.find((g) => g.request.id === project.requestId)?.request;

  const layout = layoutTimeline(
    grants.map((g) => ({
      id: g.id,
      subjectType: g.subjectType,
      subjectName: g.subjectName,
      label: subjectLabel(g),
      state: g.state,
      roleLabel: g.roleLabel,
      startsAt: g.startsAt?.toISOString() ?? null,
      endsAt: g.endsAt?.toISOString() ?? null,
      endedAt: g.endedAt?.toISOString() ?? null,
      endReason: g.endReason,
      request: { id: g.request.id, number: g.request.number, requesterName: g.request.requesterName },
      approvers: g.request.approvals.map((a) => a.approverName),
    })),
    now.toISOString(),
  );

  const grantSection = (kind: "GROUP" | "ROBOT", list: ProjectGrant[]) => {
    const current = list.filter((g) => CURRENT.has(g.state));
    const past = list.filter((g) => !CURRENT.has(g.state));
    const what = kind === "GROUP" ? "group" : "robot";
    return (
      <>
        {current.length ? (
          <GrantTable grants={current} kind={kind} caption={kind === "GROUP" ? "Groups with access" : "Robot accounts"} canManage={canManage} ownerGroup={project.ownerGroup} now={now} warningDays={warningDays} />
        ) : (
          <EmptyState
            title={kind === "GROUP" ? "No group has access now" : "No robot account now"}
            action={canRequest ? <Link href={`/requests/new?kind=${kind === "GROUP" ? "GROUP_ACCESS" : "ROBOT_ACCOUNT"}&project=${enc}`} className={buttonClass("secondary")}>{kind === "GROUP" ? "Request access" : "Request robot"}</Link> : undefined}
          >
            {kind === "GROUP" ? "Groups get a role here once a request for access is approved." : "Robots for CI/CD or cluster pulls are created once a request is approved."}
          </EmptyState>
        )}
        {past.length ? (
          <details className="mt-2">
            <summary className="cursor-pointer text-sm text-brand-700">Ended {what} access ({past.length})</summary>
            <div className="mt-2">
              <GrantTable grants={past} kind={kind} caption={`Ended ${what} access`} canManage={false} ownerGroup={project.ownerGroup} now={now} warningDays={warningDays} />
            </div>
          </details>
        ) : null}
      </>
    );
  };

  return (
    <>
      <PageHeader
        eyebrow={<Link href="/projects">Projects</Link>}
        title={
          <span className="flex flex-wrap items-center gap-2">
            {project.name} <StateBadge state={project.state} className="text-sm" />
          </span>
        }
        description={
          <>
            Owned by <span className="font-medium text-slate-800">{project.ownerGroup}</span>. {template ? `${template.label} template: ${template.description}` : `Template ${project.template}.`}
          </>
        }
        actions={
          canRequest ? (
            <>
              <Link href={`/requests/new?kind=GROUP_ACCESS&project=${enc}`} className={buttonClass()}>Request access</Link>
              <Link href={`/requests/new?kind=ROBOT_ACCOUNT&project=${enc}`} className={buttonClass("secondary")}>Request robot</Link>
            </>
          ) : null
        }
      />
      <div className="space-y-8">
        <div className="grid gap-5 lg:grid-cols-2">
          <Card aria-labelledby="about-heading">
            <CardHeader id="about-heading" title="About" />
            <CardBody>
              <dl className="grid grid-cols-[9rem_1fr] gap-y-2 text-sm">
                <dt className="text-slate-500">Owner group</dt>
                <dd className="font-mono">{project.ownerGroup}</dd>
                <dt className="text-slate-500">Template</dt>
                <dd>{template?.label ?? project.template}</dd>
                <dt className="text-slate-500">Approved quota</dt>
                <dd>{project.quotaGiB} GiB</dd>
                <dt className="text-slate-500">Created</dt>
                <dd>
                  <RelativeTime value={project.createdAt} />
                  {project.requestId ? (
                    <>
                      {" "}by <Link href={`/requests/${project.requestId}`} className="underline">{creatingRequest ? `request #${creatingRequest.number}` : "its request"}</Link>
                    </>
                  ) : null}
                </dd>
                <dt className="text-slate-500">Harbor project id</dt>
                <dd>{project.harborId ?? "not in Harbor yet"}</dd>
              </dl>
            </CardBody>
          </Card>
          <Suspense fallback={<CardSkeleton title="Storage quota" />}>
            <LiveQuota project={project} version={version} changeHref={canRequest ? `/requests/new?kind=QUOTA_CHANGE&project=${enc}` : undefined} />
          </Suspense>
        </div>

        {/* the approvers' home links here; the card itself streams in later */}
        <div id="drift" className="scroll-mt-4">
          <Suspense fallback={<CardSkeleton title="Harbor compared with the approvals" />}>
            <LiveDrift project={project} grants={grants} version={version} />
          </Suspense>
        </div>

        <Card aria-labelledby="timeline-heading">
          <CardHeader id="timeline-heading" title="Access over time" description="One row per group or robot, one bar per grant. Hover, focus or tap a bar for its role, request and approvers." />
          <CardBody>
            <AccessTimeline layout={layout} caption={`Access to ${project.name} over time`} />
          </CardBody>
        </Card>

        <Section
          id="groups-heading"
          title="Groups"
          description={`OIDC groups with a role in ${project.name}. End dates within ${warningDays} days are marked.`}
          action={canRequest && groups.some((g) => CURRENT.has(g.state)) ? <Link href={`/requests/new?kind=GROUP_ACCESS&project=${enc}`} className={buttonClass("secondary", "sm")}>Request access</Link> : null}
        >
          {grantSection("GROUP", groups)}
        </Section>

        <Section
          id="robots-heading"
          title="Robot accounts"
          description="Robots for pipelines and cluster pulls; each expires."
          action={canRequest && robots.some((g) => CURRENT.has(g.state)) ? <Link href={`/requests/new?kind=ROBOT_ACCOUNT&project=${enc}`} className={buttonClass("secondary", "sm")}>Request robot</Link> : null}
        >
          {grantSection("ROBOT", robots)}
        </Section>

        <Section id="open-heading" title="Open requests" description="Requests about this project that are not finished yet.">
          {openRequests.length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-3 text-sm text-slate-600">No open requests for {project.name}.</p>
          ) : (
            <RequestTable caption={`Open requests for ${project.name}`} requests={openRequests} showRequester />
          )}
        </Section>
      </div>
    </>
  );
}
