import { cn } from "./cn";

// One palette everywhere (docs/ui.md): pending amber, approved/provisioning blue, active green, rejected/failed red, ended grey.
const TONES: Record<string, string> = {
  PENDING: "bg-amber-100 text-amber-900 ring-amber-300",
  QUEUED: "bg-blue-50 text-blue-900 ring-blue-200",
  APPROVED: "bg-blue-100 text-blue-900 ring-blue-300",
  PROVISIONING: "bg-blue-100 text-blue-900 ring-blue-300",
  RUNNING: "bg-blue-100 text-blue-900 ring-blue-300",
  ACTIVE: "bg-green-100 text-green-900 ring-green-300",
  SUCCEEDED: "bg-green-100 text-green-900 ring-green-300",
  REJECTED: "bg-red-100 text-red-900 ring-red-300",
  FAILED: "bg-red-100 text-red-900 ring-red-300",
  CANCELLED: "bg-slate-100 text-slate-700 ring-slate-300",
  EXPIRED: "bg-slate-100 text-slate-700 ring-slate-300",
  REVOKED: "bg-slate-100 text-slate-700 ring-slate-300",
  SUPERSEDED: "bg-slate-100 text-slate-700 ring-slate-300",
  // notification deliveries: sending blue, sent green, undelivered (dead) red; held and digested grey
  SENDING: "bg-blue-100 text-blue-900 ring-blue-300",
  SENT: "bg-green-100 text-green-900 ring-green-300",
  DEAD: "bg-red-100 text-red-900 ring-red-300",
};
const BUSY = new Set(["APPROVED", "PROVISIONING", "RUNNING", "QUEUED", "SENDING"]);

export function stateLabel(state: string): string {
  return state.charAt(0) + state.slice(1).toLowerCase();
}

/** `label` replaces the state's own name where a list says it in other words (a dead delivery is "Undelivered"). */
export function StateBadge({ state, label, className }: { state: string; label?: string; className?: string }) {
  return (
    <span className={cn("inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset", TONES[state] ?? TONES.CANCELLED, className)} data-state={state}>
      {BUSY.has(state) ? <span aria-hidden="true" className="h-2.5 w-2.5 animate-spin rounded-full border-2 border-current border-t-transparent" /> : null}
      {label ?? stateLabel(state)}
    </span>
  );
}
