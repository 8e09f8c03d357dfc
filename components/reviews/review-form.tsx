"use client";

import { useRouter } from "next/navigation";
import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field, Input, Select } from "@/components/ui/field";
import { defineReview } from "@/lib/actions/define-review";

interface FormState {
  error?: string;
  fieldErrors?: Record<string, string[]>;
}

export interface ReviewFormDefaults {
  durationDays: number;
  recurrenceDays: number;
  deadlineOutcome: "REMOVE" | "KEEP_AND_ESCALATE";
}

function Choice({ name, value, checked, onChange, title, help }: { name: string; value: string; checked: boolean; onChange: (v: string) => void; title: string; help: string }) {
  return (
    <label className="flex cursor-pointer gap-3 rounded-md border border-slate-300 bg-white p-3 has-[:checked]:border-brand-600 has-[:checked]:ring-1 has-[:checked]:ring-brand-600">
      <input type="radio" name={name} value={value} checked={checked} onChange={() => onChange(value)} className="mt-1" />
      <span>
        <span className="block text-sm font-semibold">{title}</span>
        <span className="block text-xs text-slate-600">{help}</span>
      </span>
    </label>
  );
}

/** An approver defines a review; the server applies the policy's defaults to anything left out and checks it all. */
export function ReviewForm({ projects, defaults, initialProject }: { projects: string[]; defaults: ReviewFormDefaults; initialProject?: string }) {
  const router = useRouter();
  const [scope, setScope] = useState("PROJECT");
  const [recurrence, setRecurrence] = useState("every");
  const [start, setStart] = useState("now");
  const [outcome, setOutcome] = useState<string>(defaults.deadlineOutcome);
  const [subjects, setSubjects] = useState("BOTH");
  const [reviewers, setReviewers] = useState("OWNER_TEAM_LEADS");
  const [state, action, pending] = useActionState(async (_prev: FormState, form: FormData): Promise<FormState> => {
    const res = await defineReview(form);
    if (res.ok) {
      router.push(res.data.campaign ? `/reviews/${res.data.campaign.id}` : "/reviews");
      return {};
    }
    return { error: res.error, fieldErrors: res.fieldErrors };
  }, {});
  const err = (name: string) => state.fieldErrors?.[name];

  return (
    <form action={action} className="space-y-5" noValidate>
      {state.error ? <Alert tone="error" title={state.error}>{state.fieldErrors?._form?.join(" ")}</Alert> : null}
      <Field id="name" label="Name" required errors={err("name")} help="How reviewers and auditors will know it, e.g. “Payments, half-yearly”.">
        {(p) => <Input name="name" required maxLength={120} {...p} />}
      </Field>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">What it covers</legend>
        <div className="grid gap-2 sm:grid-cols-3">
          <Choice name="scope" value="PROJECT" checked={scope === "PROJECT"} onChange={setScope} title="One project" help="Every grant of one managed project." />
          <Choice name="scope" value="PATTERN" checked={scope === "PATTERN"} onChange={setScope} title="Projects matching a pattern" help="e.g. payments-* or *-prod; * is any run of characters." />
          <Choice name="scope" value="ALL" checked={scope === "ALL"} onChange={setScope} title="Every managed project" help="All access Berth manages." />
        </div>
        {scope === "PROJECT" ? (
          <Field id="scopeValue" label="Project" required errors={err("scopeValue")}>
            {(p) => (
              <Select name="scopeValue" defaultValue={initialProject ?? projects[0]} {...p}>
                {projects.map((name) => <option key={name} value={name}>{name}</option>)}
              </Select>
            )}
          </Field>
        ) : scope === "PATTERN" ? (
          <Field id="scopeValue" label="Pattern" required errors={err("scopeValue")} help="Lower-case letters, digits, . _ - and *.">
            {(p) => <Input name="scopeValue" required spellCheck={false} autoComplete="off" {...p} />}
          </Field>
        ) : null}
        <div className="grid gap-2 sm:grid-cols-3">
          <Choice name="subjects" value="BOTH" checked={subjects === "BOTH"} onChange={setSubjects} title="Groups and robots" help="Group memberships and robot accounts." />
          <Choice name="subjects" value="GROUPS" checked={subjects === "GROUPS"} onChange={setSubjects} title="Group access only" help="OIDC groups with a role in the projects." />
          <Choice name="subjects" value="ROBOTS" checked={subjects === "ROBOTS"} onChange={setSubjects} title="Robots only" help="Robot accounts of CI/CD and clusters." />
        </div>
        <p className="text-xs text-slate-600">The owner group&apos;s own membership is not reviewed: it ends only with the project.</p>
      </fieldset>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Who reviews</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          <Choice name="reviewers" value="OWNER_TEAM_LEADS" checked={reviewers === "OWNER_TEAM_LEADS"} onChange={setReviewers} title="The owner group's team leads" help="Approvers are the fallback: for robots a team lead asked for, groups a team lead belongs to, and anything overdue." />
          <Choice name="reviewers" value="APPROVERS" checked={reviewers === "APPROVERS"} onChange={setReviewers} title="The approvers" help="Registry admins review everything; nobody certifies their own group or a robot they asked for." />
        </div>
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="durationDays" label="Duration (days)" required errors={err("durationDays")} help={`Reminders at the start, halfway and two days before the deadline. Default ${defaults.durationDays}.`}>
          {(p) => <Input name="durationDays" type="number" min={1} max={365} step={1} defaultValue={defaults.durationDays} required {...p} />}
        </Field>
        <fieldset>
          <legend className="mb-1 text-sm font-medium text-slate-800">Repeats</legend>
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <label className="flex items-center gap-1.5"><input type="radio" name="recurrence" value="every" checked={recurrence === "every"} onChange={() => setRecurrence("every")} /> every</label>
            <Input name="recurrenceDays" type="number" min={1} max={3650} step={1} defaultValue={defaults.recurrenceDays} disabled={recurrence !== "every"} aria-label="Repeat every this many days" className="w-24" aria-invalid={err("recurrenceDays") ? true : undefined} aria-describedby={err("recurrenceDays") ? "recurrenceDays-error" : undefined} />
            <span>days</span>
            <label className="flex items-center gap-1.5"><input type="radio" name="recurrence" value="once" checked={recurrence === "once"} onChange={() => setRecurrence("once")} /> once only</label>
          </div>
          {err("recurrenceDays") ? <p id="recurrenceDays-error" className="mt-1 text-sm text-red-700">{err("recurrenceDays")!.join(" ")}</p> : <p className="mt-1 text-xs text-slate-600">Default every {defaults.recurrenceDays} days (NIS-2 asks for planned intervals, DORA at least yearly).</p>}
        </fieldset>
      </div>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">At the deadline, what nobody decided</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          <Choice name="deadlineOutcome" value="REMOVE" checked={outcome === "REMOVE"} onChange={setOutcome} title="Is removed" help="Berth removes the access from Harbor, recorded as decided by policy." />
          <Choice name="deadlineOutcome" value="KEEP_AND_ESCALATE" checked={outcome === "KEEP_AND_ESCALATE"} onChange={setOutcome} title="Is kept and escalated" help="The access stays, recorded as kept by policy, and the approvers are asked to look at it." />
        </div>
      </fieldset>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">First start</legend>
        <div className="flex flex-wrap items-center gap-4 text-sm">
          <label className="flex items-center gap-1.5"><input type="radio" name="start" value="now" checked={start === "now"} onChange={() => setStart("now")} /> now</label>
          <label className="flex items-center gap-1.5"><input type="radio" name="start" value="at" checked={start === "at"} onChange={() => setStart("at")} /> at</label>
          <Input name="startAt" type="datetime-local" disabled={start !== "at"} aria-label="First start (UTC)" className="w-auto" aria-invalid={err("startAt") ? true : undefined} aria-describedby={err("startAt") ? "startAt-error" : "startAt-help"} />
        </div>
        {err("startAt") ? <p id="startAt-error" className="text-sm text-red-700">{err("startAt")!.join(" ")}</p> : <p id="startAt-help" className="text-xs text-slate-600">Times are UTC. Starting takes a snapshot of the access in scope at that moment.</p>}
      </fieldset>

      <div className="flex items-center gap-3 pt-2">
        <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:bg-brand-600/60">
          {pending ? "Saving…" : start === "now" ? "Start the review" : "Schedule the review"}
        </button>
        <span className="text-xs text-slate-600">Nothing changes in Harbor when a review starts.</span>
      </div>
    </form>
  );
}
