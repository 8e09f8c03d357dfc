"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { localInputToIso, toLocalInput, toUtcInput, utcText } from "./time";
import { useIsClient } from "./use-is-client";

interface Props {
  project: string;
  group: string;
  /** the instant asked about, when it parsed */
  at: string | null;
  errors: Record<string, string[]>;
  projects: string[];
  groups: string[];
}

function errorProps(id: string, errors: string[] | undefined, helpId?: string) {
  const describedBy = [errors?.length ? `${id}-error` : null, helpId].filter(Boolean).join(" ");
  return { "aria-invalid": errors?.length ? true : undefined, "aria-describedby": describedBy || undefined };
}

function FieldError({ id, errors }: { id: string; errors: string[] | undefined }) {
  return errors?.length ? <p id={`${id}-error`} className="text-sm text-red-700">{errors.join(" ")}</p> : null;
}

/**
 * The date-time is picked in the viewer's zone and sent as an ISO UTC instant (hidden field), so a shared link means
 * the same instant for everyone. Before the browser takes over, the visible field itself is sent and read as UTC.
 */
function InstantField({ client, at, errors }: { client: boolean; at: string | null; errors: string[] | undefined }) {
  const [local, setLocal] = useState(() => (at ? (client ? toLocalInput(new Date(at)) : toUtcInput(new Date(at))) : ""));
  const iso = client ? localInputToIso(local) : null;
  const zone = client ? Intl.DateTimeFormat().resolvedOptions().timeZone : "UTC";
  return (
    <div className="space-y-1">
      <label htmlFor="at-local" className="block text-sm font-medium text-slate-800">
        Date and time <span className="font-normal text-slate-600">({client ? `your time zone, ${zone}` : "UTC"})</span>
      </label>
      <div className="flex gap-2">
        <Input
          id="at-local"
          type="datetime-local"
          step={1}
          name={client ? undefined : "at"}
          value={local}
          onChange={(e) => setLocal(e.target.value)}
          required
          className="min-w-0 flex-1"
          {...errorProps("at-local", errors, "at-local-help")}
        />
        <Button variant="secondary" onClick={() => setLocal(client ? toLocalInput(new Date()) : toUtcInput(new Date()))}>
          Now
        </Button>
      </div>
      {client ? <input type="hidden" name="at" value={iso ?? ""} /> : null}
      <FieldError id="at-local" errors={errors} />
      <p id="at-local-help" className="text-xs text-slate-600" aria-live="polite">
        {iso ? <>Asks about {utcText(new Date(iso))}.</> : client ? "Pick a date and a time of day (seconds optional)." : "Times are read as UTC."}
      </p>
    </div>
  );
}

/** Who had access, for a project or a group, at one instant: a GET form, so the question is a shareable link. */
export function AccessAtForm({ project, group, at, errors, projects, groups }: Props) {
  const client = useIsClient();
  return (
    <form method="get" action="/audit/access" role="search" aria-label="Access at a point in time" className="mb-5 rounded-lg border border-slate-200 bg-white p-4">
      <div className="grid gap-4 md:grid-cols-[1fr_1fr_auto]">
        <div className="space-y-1">
          <label htmlFor="access-project" className="block text-sm font-medium text-slate-800">Project</label>
          <Input id="access-project" name="project" list="access-projects" defaultValue={project} autoComplete="off" {...errorProps("access-project", errors.project, "access-scope-help")} />
          <datalist id="access-projects">{projects.map((p) => <option key={p} value={p} />)}</datalist>
          <FieldError id="access-project" errors={errors.project} />
        </div>
        <div className="space-y-1">
          <label htmlFor="access-group" className="block text-sm font-medium text-slate-800">Group</label>
          <Input id="access-group" name="group" list="access-groups" defaultValue={group} autoComplete="off" {...errorProps("access-group", errors.group, "access-scope-help")} />
          <datalist id="access-groups">{groups.map((g) => <option key={g} value={g} />)}</datalist>
          <FieldError id="access-group" errors={errors.group} />
        </div>
        <InstantField key={client ? "browser" : "server"} client={client} at={at} errors={errors.at} />
      </div>
      <p id="access-scope-help" className="mt-2 text-xs text-slate-600">
        A project (everyone with access to it), a group (everywhere it had access), or both.
      </p>
      <div className="mt-3">
        <button type="submit" className="rounded-md bg-slate-800 px-3 py-2 text-sm font-medium text-white hover:bg-slate-900">
          Show who had access
        </button>
      </div>
    </form>
  );
}
