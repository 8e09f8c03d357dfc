"use client";

import { useEffect, useRef, useState } from "react";
import { Field, Input, Select } from "@/components/ui/field";
import { checkProjectName } from "@/lib/actions/check-project-name";
import { harborNameProblem } from "@/lib/core/names";
import type { ProjectTemplate } from "@/lib/core/templates";
import { FormErrors, JustificationField, SubmitRow } from "./form-parts";
import { useSubmitRequest } from "./use-submit";

type NameStatus = { tone: "ok" | "bad" | "checking"; message: string } | null;
type RemoteCheck = { name: string; available: boolean; message: string };

export function ProjectForm({ groups, templates, selfServiceQuotaGiB, maxQuotaGiB }: { groups: string[]; templates: readonly ProjectTemplate[]; selfServiceQuotaGiB: number; maxQuotaGiB: number }) {
  const [state, action, pending] = useSubmitRequest();
  const [name, setName] = useState("");
  const [remote, setRemote] = useState<RemoteCheck | null>(null);
  const [quota, setQuota] = useState(20);

  // Harbor's rules as one types; whether the name is taken after a pause (Berth and Harbor are asked).
  const problem = name ? harborNameProblem(name, "Project name") : null;
  // Once the form is submitted the check stops: the request just made would otherwise be reported as "already open".
  const submitted = useRef(false);
  const stopped = pending || !!state.done;
  useEffect(() => {
    submitted.current = stopped;
    if (!name || problem || stopped) return;
    const timer = setTimeout(async () => {
      const res = await checkProjectName({ projectName: name });
      if (submitted.current) return;
      setRemote(res.ok ? { name, ...res.data } : { name, available: false, message: res.error });
    }, 400);
    return () => clearTimeout(timer);
  }, [name, problem, stopped]);
  const status: NameStatus = !name
    ? null
    : problem
      ? { tone: "bad", message: problem }
      : remote?.name === name
        ? { tone: remote.available ? "ok" : "bad", message: remote.message }
        : { tone: "checking", message: "Checking…" };

  const nameErrors = state.fieldErrors?.projectName ?? (status?.tone === "bad" ? [status.message] : undefined);
  return (
    <form action={action} onSubmit={() => void (submitted.current = true)} className="space-y-4" noValidate>
      <input type="hidden" name="kind" value="NEW_PROJECT" />
      <FormErrors state={state} />
      <Field id="projectName" label="Project name" required errors={nameErrors} help="Lower-case letters, digits, and . _ - between them. It is also the image path: registry/project/image.">
        {(p) => (
          <>
            <Input name="projectName" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" spellCheck={false} required {...p} />
            <p aria-live="polite" className={status?.tone === "ok" ? "text-sm text-green-800" : "sr-only"} data-testid="name-status">
              {status?.tone === "ok" ? status.message : status?.tone === "checking" ? status.message : ""}
            </p>
          </>
        )}
      </Field>
      <Field id="ownerGroup" label="Owner group" required errors={state.fieldErrors?.ownerGroup} help="One of your groups. It becomes Maintainer of the project and may ask for access and robots for it.">
        {(p) => (
          <Select name="ownerGroup" required defaultValue={groups[0]} {...p}>
            {groups.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <fieldset>
        <legend className="mb-1 block text-sm font-medium text-slate-800">Template <span className="text-red-700" aria-hidden="true">*</span></legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {templates.map((t, i) => (
            <label key={t.key} className="flex cursor-pointer gap-3 rounded-md border border-slate-300 bg-white p-3 has-[:checked]:border-brand-600 has-[:checked]:ring-1 has-[:checked]:ring-brand-600">
              <input type="radio" name="template" value={t.key} defaultChecked={i === 0} className="mt-1" />
              <span>
                <span className="block text-sm font-semibold">{t.label}</span>
                <span className="block text-xs text-slate-600">{t.description}</span>
              </span>
            </label>
          ))}
        </div>
        {state.fieldErrors?.template ? <p className="mt-1 text-sm text-red-700">{state.fieldErrors.template.join(" ")}</p> : null}
      </fieldset>
      <Field
        id="quotaGiB"
        label="Storage quota (GiB)"
        required
        errors={state.fieldErrors?.quotaGiB}
        help={quota > selfServiceQuotaGiB ? `Above the self-service limit of ${selfServiceQuotaGiB} GiB: two approvers must agree. At most ${maxQuotaGiB} GiB.` : `Up to ${selfServiceQuotaGiB} GiB needs one approval; more needs two.`}
      >
        {(p) => <Input name="quotaGiB" type="number" min={1} max={maxQuotaGiB} step={1} value={quota} onChange={(e) => setQuota(Number(e.target.value))} required {...p} />}
      </Field>
      <JustificationField state={state} />
      <SubmitRow pending={pending} />
    </form>
  );
}
