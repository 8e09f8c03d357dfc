"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { saveNotificationChoices } from "@/lib/actions/save-notification-choices";
import type { NotificationSettings } from "@/lib/notify/queries";

interface State {
  saved?: boolean;
  error?: string;
}

/** The profile's notification choices: optional messages on or off, the approvers' daily digest. */
export function NotificationForm({ settings }: { settings: NotificationSettings }) {
  const [state, action, pending] = useActionState(async (_prev: State, form: FormData): Promise<State> => {
    const res = await saveNotificationChoices(form);
    return res.ok ? { saved: true } : { error: res.error };
  }, {});
  return (
    <form action={action} className="space-y-4 text-sm" aria-describedby="notify-help">
      <p id="notify-help" className="text-slate-700">
        {settings.email ? (
          <>Email goes to <strong>{settings.email}</strong>, the address your identity provider gave at your last sign-in.</>
        ) : (
          <>Your identity provider gave no email address at your last sign-in, so Berth cannot email you; your role&apos;s or project&apos;s chat channel still hears of what concerns you.</>
        )}
      </p>
      {settings.optional.length ? (
        <fieldset>
          <legend className="mb-1 font-medium text-slate-900">Send me an email when…</legend>
          <ul className="space-y-1">
            {settings.optional.map((k) => (
              <li key={k.kind} className="flex items-center gap-2">
                <input type="hidden" name="shown[]" value={k.kind} />
                <input id={`notify-${k.kind}`} type="checkbox" name="receive[]" value={k.kind} defaultChecked={k.receiving} className="h-4 w-4" />
                <label htmlFor={`notify-${k.kind}`}>{k.label}</label>
              </li>
            ))}
          </ul>
        </fieldset>
      ) : null}
      {settings.canDigest ? (
        <div className="flex items-start gap-2">
          <input id="notify-digest" type="checkbox" name="digest" defaultChecked={settings.digest} className="mt-0.5 h-4 w-4" aria-describedby="notify-digest-help" />
          <span>
            <label htmlFor="notify-digest">One daily digest of requests waiting for approval</label>
            <span id="notify-digest-help" className="block text-xs text-slate-600">Instead of one email per request. Failures and a broken audit chain still come at once.</span>
          </span>
        </div>
      ) : null}
      {settings.mandatory.length ? (
        <p className="text-slate-600">Always sent in your role: {settings.mandatory.join("; ")}.</p>
      ) : null}
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>Save notification choices</Button>
        <span role="status" className="text-slate-700">{state.saved && !pending ? "Saved." : ""}</span>
        {state.error ? <span role="alert" className="text-red-700">{state.error}</span> : null}
      </div>
    </form>
  );
}
