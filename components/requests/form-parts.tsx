import { Alert } from "@/components/ui/alert";
import { Field, Textarea } from "@/components/ui/field";
import type { FormState } from "./use-submit";

export function FormErrors({ state }: { state: FormState }) {
  if (!state.error) return null;
  const general = state.fieldErrors?._form;
  return (
    <Alert tone="error" title={state.error}>
      {general?.length ? <ul className="list-disc pl-4">{general.map((m) => <li key={m}>{m}</li>)}</ul> : null}
    </Alert>
  );
}

export function JustificationField({ state }: { state: FormState }) {
  return (
    <Field id="justification" label="Justification" required errors={state.fieldErrors?.justification} help="Why is this needed? Approvers and auditors read this.">
      {(p) => <Textarea name="justification" required minLength={10} maxLength={2000} {...p} />}
    </Field>
  );
}

export function SubmitRow({ pending, label = "Submit request" }: { pending: boolean; label?: string }) {
  return (
    <div className="flex items-center gap-3 pt-2">
      <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:bg-brand-600/60">
        {pending ? "Submitting…" : label}
      </button>
      <span className="text-xs text-slate-600">The server checks everything again and shows the policy result.</span>
    </div>
  );
}
