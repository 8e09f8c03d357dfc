import type { Metadata } from "next";
import Link from "next/link";
import { AccessForm } from "@/components/requests/access-form";
import { ProjectForm } from "@/components/requests/project-form";
import { RobotForm } from "@/components/requests/robot-form";
import { ExtensionForm, QuotaForm, RotationForm } from "@/components/requests/simple-forms";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePrincipal } from "@/lib/authz/guards";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { roleLabel } from "@/lib/core/roles";
import { isExternalGroup, latestEndDate, policyFromEnv } from "@/lib/governance/policy";
import { manageableProjects, visibleGrant } from "@/lib/governance/queries";
import { PROJECT_TEMPLATES } from "@/lib/core/templates";
import { PROJECT_ROBOT_PERMISSIONS } from "@/lib/core/robot-permissions";

export const metadata: Metadata = { title: "New request" };

const KINDS = [
  { kind: "NEW_PROJECT", title: "New project", text: "A private Harbor project for your team, from a locked template, with a storage quota." },
  { kind: "GROUP_ACCESS", title: "Group access", text: "Give an OIDC group (developers, a cluster, a vendor) a role in one of your projects, for a time." },
  { kind: "ROBOT_ACCOUNT", title: "Robot account", text: "A CI/CD or cluster robot with least privilege that expires. You see its secret once." },
] as const;

export default async function NewRequestPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const principal = await requirePagePrincipal("request:create");
  const params = await searchParams;
  const kind = params.kind;
  const policy = policyFromEnv(env());
  const manageable = await manageableProjects(db(), principal);
  const noProjects = (
    <EmptyState title="You have no project to ask for yet" action={<Link href="/requests/new?kind=NEW_PROJECT" className={buttonClass()}>Ask for a project</Link>}>
      Access and robots are requested for projects your groups own.
    </EmptyState>
  );

  let title = "New request";
  let body: React.ReactNode;
  if (kind === "NEW_PROJECT") {
    title = "New project";
    const groups = principal.groups.filter((g) => !isExternalGroup(g, policy));
    body = groups.length ? <ProjectForm groups={groups} templates={PROJECT_TEMPLATES} selfServiceQuotaGiB={policy.selfServiceQuotaGiB} maxQuotaGiB={policy.maxQuotaGiB} /> : <Alert tone="warning">You have no internal group that could own a project.</Alert>;
  } else if (kind === "GROUP_ACCESS") {
    title = "Group access";
    body = manageable.length ? <AccessForm projects={manageable} defaultProject={params.project} externalPattern={policy.externalGroupPattern} externalMaxDays={policy.externalMaxDays} externalMaxRoleId={policy.externalMaxRoleId} /> : noProjects;
  } else if (kind === "ROBOT_ACCOUNT") {
    title = "Robot account";
    const byResource = new Map<string, string[]>();
    for (const p of PROJECT_ROBOT_PERMISSIONS) byResource.set(p.resource, [...(byResource.get(p.resource) ?? []), p.action]);
    body = manageable.length ? <RobotForm projects={manageable} defaultProject={params.project} permissions={[...byResource].map(([resource, actions]) => ({ resource, actions }))} robotMaxDays={policy.robotMaxDays} /> : noProjects;
  } else if ((kind === "GRANT_EXTENSION" || kind === "ROBOT_ROTATION") && params.grant) {
    const grant = await visibleGrant(db(), principal, params.grant);
    if (!grant || grant.state !== "ACTIVE") {
      body = <Alert tone="error">That grant is not active or not visible to you.</Alert>;
    } else if (kind === "ROBOT_ROTATION") {
      title = `New secret for robot ${grant.subjectName}`;
      body = <RotationForm grantId={grant.id} />;
    } else {
      title = `Extend ${grant.subjectType === "GROUP" ? `${grant.subjectName} (${roleLabel(grant.roleId)})` : `robot ${grant.subjectName}`} in ${grant.projectName}`;
      const maxDays = grant.subjectType === "ROBOT" ? policy.robotMaxDays : isExternalGroup(grant.subjectName, policy) ? policy.externalMaxDays : null;
      body = <ExtensionForm grantId={grant.id} currentEnd={grant.endsAt?.toISOString() ?? null} latestEnd={maxDays ? latestEndDate(new Date(), maxDays).toISOString() : undefined} />;
    }
  } else if (kind === "QUOTA_CHANGE" && params.project) {
    const project = manageable.find((p) => p.name === params.project);
    title = `Quota of ${params.project}`;
    body = project ? <QuotaForm projectName={project.name} current={project.quotaGiB} selfServiceQuotaGiB={policy.selfServiceQuotaGiB} /> : <Alert tone="error">That project is not one you can manage.</Alert>;
  } else {
    return (
      <>
        <PageHeader title="New request" description="What do you need? Every request is checked against policy and approved by a registry admin before anything changes in Harbor." />
        <div className="grid gap-4 md:grid-cols-3">
          {KINDS.map((k) => (
            <Link key={k.kind} href={`/requests/new?kind=${k.kind}`} className="block rounded-lg border border-slate-200 bg-white p-4 text-slate-900 no-underline shadow-sm hover:border-brand-600 hover:no-underline">
              <span className="block text-base font-semibold text-brand-700">{k.title}</span>
              <span className="mt-1 block text-sm text-slate-600">{k.text}</span>
            </Link>
          ))}
        </div>
      </>
    );
  }
  return (
    <>
      <PageHeader title={title} eyebrow={<Link href="/requests/new">← All request types</Link>} />
      <Card className="max-w-3xl p-5">{body}</Card>
    </>
  );
}
