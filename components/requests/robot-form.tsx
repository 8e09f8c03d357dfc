"use client";

import { useState } from "react";
import { Field, Input, Select } from "@/components/ui/field";
import { harborNameProblem, harborRobotName } from "@/lib/core/names";
import { ROBOT_PRESETS, type RobotPreset } from "@/lib/core/payloads";
import { FormErrors, JustificationField, SubmitRow } from "./form-parts";
import type { ProjectOption } from "./access-form";
import { useSubmitRequest } from "./use-submit";

export function RobotForm({ projects, defaultProject, permissions, robotMaxDays }: { projects: ProjectOption[]; defaultProject?: string; permissions: { resource: string; actions: string[] }[]; robotMaxDays: number }) {
  const [state, action, pending] = useSubmitRequest();
  const [name, setName] = useState("");
  const [project, setProject] = useState(defaultProject ?? projects[0]?.name ?? "");
  const [preset, setPreset] = useState<RobotPreset>("push-pull");
  const [days, setDays] = useState(90);
  const nameProblem = name ? harborNameProblem(name, "Robot name") : null;
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="kind" value="ROBOT_ACCOUNT" />
      <FormErrors state={state} />
      <Field id="projectName" label="Project" required errors={state.fieldErrors?.projectName}>
        {(p) => (
          <Select name="projectName" required value={project} onChange={(e) => setProject(e.target.value)} {...p}>
            {projects.map((pr) => (
              <option key={pr.name} value={pr.name}>
                {pr.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field id="robotName" label="Robot name" required errors={state.fieldErrors?.robotName ?? (nameProblem ? [nameProblem] : undefined)} help={`Harbor names it ${harborRobotName(project || "<project>", name || "<name>")}.`}>
        {(p) => <Input name="robotName" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" spellCheck={false} required {...p} />}
      </Field>
      <Field id="description" label="Description" errors={state.fieldErrors?.description} help="Where it is used, e.g. the pipeline or cluster.">
        {(p) => <Input name="description" maxLength={500} {...p} />}
      </Field>
      <fieldset>
        <legend className="mb-1 block text-sm font-medium text-slate-800">What it may do <span className="text-red-700" aria-hidden="true">*</span></legend>
        <div className="grid gap-2 sm:grid-cols-3">
          {(Object.keys(ROBOT_PRESETS) as RobotPreset[]).map((key) => (
            <label key={key} className="flex cursor-pointer gap-3 rounded-md border border-slate-300 bg-white p-3 has-[:checked]:border-brand-600 has-[:checked]:ring-1 has-[:checked]:ring-brand-600">
              <input type="radio" name="preset" value={key} checked={preset === key} onChange={() => setPreset(key)} className="mt-1" />
              <span>
                <span className="block text-sm font-semibold">{ROBOT_PRESETS[key].label}</span>
                <span className="block text-xs text-slate-600">{ROBOT_PRESETS[key].description}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {preset === "custom" ? (
        <fieldset className="rounded-md border border-slate-200 bg-white p-3">
          <legend className="px-1 text-sm font-medium">Harbor permissions</legend>
          <p className="mb-2 text-xs text-slate-600">Any delete permission means two approvers must agree.</p>
          {state.fieldErrors?.permissions ? <p className="mb-2 text-sm text-red-700">{state.fieldErrors.permissions.join(" ")}</p> : null}
          <div className="grid gap-x-4 gap-y-2 sm:grid-cols-2 lg:grid-cols-3">
            {permissions.map((group) => (
              <div key={group.resource}>
                <p className="text-xs font-semibold text-slate-700">{group.resource}</p>
                {group.actions.map((a) => (
                  <label key={a} className="mr-3 inline-flex items-center gap-1 text-sm">
                    <input type="checkbox" name="permissions[]" value={`${group.resource}:${a}`} /> {a}
                  </label>
                ))}
              </div>
            ))}
          </div>
        </fieldset>
      ) : null}
      <Field id="lifetimeDays" label="Lifetime (days)" required errors={state.fieldErrors?.lifetimeDays} help={`Robots always expire: at most ${robotMaxDays} days. Berth deletes the robot in Harbor when it ends.`}>
        {(p) => (
          <div className="flex flex-wrap items-center gap-2">
            <Input name="lifetimeDays" type="number" min={1} max={robotMaxDays} value={days} onChange={(e) => setDays(Number(e.target.value))} className="max-w-32" required {...p} />
            {[30, 90, robotMaxDays].map((d) => (
              <button key={d} type="button" className="rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100" onClick={() => setDays(d)}>
                {d} days
              </button>
            ))}
          </div>
        )}
      </Field>
      <JustificationField state={state} />
      <SubmitRow pending={pending} />
    </form>
  );
}
