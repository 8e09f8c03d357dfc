"use client";

import { useSyncExternalStore } from "react";
import { Field, Input } from "@/components/ui/field";
import { FormErrors, JustificationField, SubmitRow } from "./form-parts";
import { TimeZoneField } from "./time-zone-field";
import { useSubmitRequest } from "./use-submit";

/**
 * The last day to offer when access may end no later than `latest`: a day ends at its end on the picker's clock, so in a
 * zone behind UTC that is a day earlier than in UTC.
 */
export function lastDayBefore(latest: Date): string {
  const endOfDay = latest.getHours() === 23 && latest.getMinutes() === 59 && latest.getSeconds() === 59;
  const day = new Date(latest.getFullYear(), latest.getMonth(), latest.getDate() - (endOfDay ? 0 : 1));
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, "0")}-${String(day.getDate()).padStart(2, "0")}`;
}

const noop = () => () => {};

/** Extension of an existing grant: a new end date. */
export function ExtensionForm({ grantId, currentEnd, latestEnd }: { grantId: string; currentEnd: string | null; latestEnd?: string }) {
  const [state, action, pending] = useSubmitRequest();
  // the browser's own calendar decides the last day it may offer; the server renders the UTC day
  const maxDate = useSyncExternalStore(noop, () => (latestEnd ? lastDayBefore(new Date(latestEnd)) : undefined), () => latestEnd?.slice(0, 10));
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="kind" value="GRANT_EXTENSION" />
      <input type="hidden" name="grantId" value={grantId} />
      <FormErrors state={state} />
      <Field id="endsAt" label="New end date" required errors={state.fieldErrors?.endsAt} help={`Currently ends ${currentEnd ? currentEnd.slice(0, 10) : "never"}.${maxDate ? ` At most ${maxDate}.` : ""} Access ends at the end of the day you pick, your time.`}>
        {(p) => <Input name="endsAt" type="date" required max={maxDate} className="max-w-48" {...p} />}
      </Field>
      <TimeZoneField />
      <JustificationField state={state} />
      <SubmitRow pending={pending} label="Ask to extend" />
    </form>
  );
}

/** Rotation of a robot's secret. */
export function RotationForm({ grantId }: { grantId: string }) {
  const [state, action, pending] = useSubmitRequest();
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="kind" value="ROBOT_ROTATION" />
      <input type="hidden" name="grantId" value={grantId} />
      <FormErrors state={state} />
      <JustificationField state={state} />
      <SubmitRow pending={pending} label="Ask for a new secret" />
    </form>
  );
}

/** A new storage quota for a project. */
export function QuotaForm({ projectName, current, selfServiceQuotaGiB }: { projectName: string; current: number; selfServiceQuotaGiB: number }) {
  const [state, action, pending] = useSubmitRequest();
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="kind" value="QUOTA_CHANGE" />
      <input type="hidden" name="projectName" value={projectName} />
      <FormErrors state={state} />
      <Field id="quotaGiB" label="New storage quota (GiB)" required errors={state.fieldErrors?.quotaGiB} help={`Now ${current} GiB. Above ${selfServiceQuotaGiB} GiB two approvers must agree.`}>
        {(p) => <Input name="quotaGiB" type="number" min={1} defaultValue={current} className="max-w-32" required {...p} />}
      </Field>
      <JustificationField state={state} />
      <SubmitRow pending={pending} label="Ask for the quota" />
    </form>
  );
}
