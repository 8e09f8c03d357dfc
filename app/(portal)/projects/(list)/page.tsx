import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/field";
import { FilterBar, FilterField } from "@/components/ui/filter-bar";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { StateBadge, stateLabel } from "@/components/ui/state-badge";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { requirePagePrincipal } from "@/lib/authz/guards";
import { can } from "@/lib/authz/permissions";
import { db } from "@/lib/db";
import { listProjects } from "@/lib/governance/queries";
import { templateByKey } from "@/lib/core/templates";

export const metadata: Metadata = { title: "Projects" };

const PROJECT_STATES = ["PROVISIONING", "ACTIVE", "FAILED"] as const;
const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);
const projectFilters = z.object({
  q: z.preprocess(blankToUndefined, z.string().trim().max(255).optional()).catch(undefined),
  state: z.preprocess(blankToUndefined, z.enum(PROJECT_STATES).optional()).catch(undefined),
});

export default async function ProjectsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const principal = await requirePagePrincipal(["project:read-owned", "project:read-any"]);
  const filters = projectFilters.parse(await searchParams);
  const all = await listProjects(db(), principal);
  const q = filters.q?.toLowerCase();
  const projects = all.filter((p) => (!q || p.name.includes(q) || p.ownerGroup.toLowerCase().includes(q)) && (!filters.state || p.state === filters.state));
  const filtered = Boolean(filters.q || filters.state);
  const mayAsk = can(principal, "request:create");
  const askButton = mayAsk ? <Link href="/requests/new?kind=NEW_PROJECT" className={buttonClass()}>Ask for a project</Link> : undefined;
  const scope = can(principal, "project:read-any") ? "Every project Berth manages." : "Projects owned by your groups.";
  return (
    <>
      <PageHeader title="Projects" description={`${scope} Open one to see its quota, who has access and why.`} actions={askButton} />
      {all.length > 0 ? (
        <FilterBar action="/projects" clearHref={filtered ? "/projects" : undefined}>
          <FilterField label="Name or owner group" htmlFor="f-q">
            <Input id="f-q" name="q" defaultValue={filters.q ?? ""} />
          </FilterField>
          <FilterField label="State" htmlFor="f-state">
            <Select id="f-state" name="state" defaultValue={filters.state ?? ""}>
              <option value="">Any</option>
              {PROJECT_STATES.map((s) => <option key={s} value={s}>{stateLabel(s)}</option>)}
            </Select>
          </FilterField>
        </FilterBar>
      ) : null}
      {projects.length === 0 ? (
        filtered ? (
          <EmptyState title="No project matches these filters" action={<Link href="/projects" className={buttonClass("secondary")}>Clear filters</Link>}>
            Try a shorter name, or clear the filters to see all {all.length} projects.
          </EmptyState>
        ) : (
          <EmptyState title="No projects yet" action={askButton}>
            {mayAsk ? "Ask for a project for your team: pick a template and a quota, and a registry admin approves it." : "Projects appear here once a request for one is approved and provisioned."}
          </EmptyState>
        )
      ) : (
        <Table caption="Projects">
          <thead>
            <tr>
              <Th>Project</Th>
              <Th>Owner group</Th>
              <Th>Template</Th>
              <Th>Quota</Th>
              <Th>State</Th>
              <Th>Active grants</Th>
              <Th>Created</Th>
            </tr>
          </thead>
          <tbody>
            {projects.map((p) => (
              <Tr key={p.id} data-testid="project-row">
                <Td><Link href={`/projects/${encodeURIComponent(p.name)}`} className="font-medium">{p.name}</Link></Td>
                <Td className="font-mono text-xs">{p.ownerGroup}</Td>
                <Td>{templateByKey(p.template)?.label ?? p.template}</Td>
                <Td className="whitespace-nowrap">{p.quotaGiB} GiB</Td>
                <Td><StateBadge state={p.state} /></Td>
                <Td>{p._count.grants}</Td>
                <Td><RelativeTime value={p.createdAt} /></Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
