"use client";

import { useState } from "react";
import { Field, Input, Select } from "@/components/ui/field";
import { HARBOR_ROLES } from "@/lib/core/roles";
import { matchesGlob } from "@/lib/core/names";
import { FormErrors, JustificationField, SubmitRow } from "./form-parts";
import { TimeZoneField } from "./time-zone-field";
import { useSubmitRequest } from "./use-submit";

export interface ProjectOption {
  name: string;
  ownerGroup: string;
}

// days on the picker's own calendar: the end date is the end of that day, their time
const isoDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
const inDays = (n: number) => isoDay(new Date(Date.now() + n * 86400_000));

export function AccessForm({ projects, defaultProject, externalPattern, externalMaxDays, externalMaxRoleId }: { projects: ProjectOption[]; defaultProject?: string; externalPattern: string; externalMaxDays: number; externalMaxRoleId: number }) {
  const [state, action, pending] = useSubmitRequest();
  const [group, setGroup] = useState("");
  const [endsAt, setEndsAt] = useState("");
  const external = group.trim() !== "" && matchesGlob(group.trim(), externalPattern);
  const maxRank = HARBOR_ROLES.find((r) => r.id === externalMaxRoleId)?.rank ?? 3;
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="kind" value="GROUP_ACCESS" />
      <FormErrors state={state} />
      <Field id="projectName" label="Project" required errors={state.fieldErrors?.projectName} help="Projects your groups own.">
        {(p) => (
          <Select name="projectName" required defaultValue={defaultProject} {...p}>
            {projects.map((pr) => (
              <option key={pr.name} value={pr.name}>
                {pr.name} (owner {pr.ownerGroup})
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field id="groupName" label="OIDC group" required errors={state.fieldErrors?.groupName} help="The group name exactly as your identity provider sends it. Harbor learns the group on first use; its members get the role when they sign in to Harbor.">
        {(p) => <Input name="groupName" value={group} onChange={(e) => setGroup(e.target.value)} autoComplete="off" spellCheck={false} required {...p} />}
      </Field>
      {external ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950" role="status">
          {group} is an external group ({externalPattern}): at most {HARBOR_ROLES.find((r) => r.id === externalMaxRoleId)?.label}, and it needs an end date within {externalMaxDays} days.
        </p>
      ) : null}
      <Field id="roleId" label="Role" required errors={state.fieldErrors?.roleId} help="If the group already has access to this project, this asks to change its role.">
        {(p) => (
          <Select name="roleId" required defaultValue="2" {...p}>
            {HARBOR_ROLES.map((r) => (
              <option key={r.id} value={r.id} disabled={external && r.rank > maxRank}>
                {r.label} — {r.summary}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field id="endsAt" label="End date" required={external} errors={state.fieldErrors?.endsAt} help={external ? `Required for external groups, at most ${externalMaxDays} days ahead. Access ends at the end of that day, your time.` : "Optional. Access ends at the end of that day, your time; Berth removes it from Harbor by itself."}>
        {(p) => (
          <div className="flex flex-wrap items-center gap-2">
            <Input name="endsAt" type="date" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} min={inDays(0)} className="max-w-48" {...p} />
            {[30, 60, 90].map((d) => (
              <button key={d} type="button" className="rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100" onClick={() => setEndsAt(inDays(d))}>
                {d} days
              </button>
            ))}
            {endsAt ? (
              <button type="button" className="px-1 text-xs underline" onClick={() => setEndsAt("")}>
                no end date
              </button>
            ) : null}
          </div>
        )}
      </Field>
      <TimeZoneField />
      <JustificationField state={state} />
      <SubmitRow pending={pending} />
    </form>
  );
}
