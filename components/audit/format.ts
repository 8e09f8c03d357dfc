import { permissionsText } from "@/components/grants/format";

/** The role of a group, or a robot's permissions in words. */
export function accessText(g: { subjectType: "GROUP" | "ROBOT"; roleName: string | null; permissions: unknown }): string {
  if (g.subjectType === "GROUP") return g.roleName ?? "—";
  return permissionsText(g.permissions);
}

export const BREAK_REASONS: Record<string, string> = {
  "hash-mismatch": "the event's content no longer matches its hash (it was changed)",
  "prev-link": "the event does not link to the previous event's hash (an earlier event was changed and re-hashed, or events were swapped)",
  gap: "an event is missing (removed)",
  "head-mismatch": "the chain head names another last event or hash (events removed at the end, or written around the head)",
  "checkpoint-signature": "a checkpoint names Berth's signing key but its signature does not verify (it was written without the key, not by Berth)",
};

/** A hash shortened for tables; the full value goes in a title and in the details. */
export const shortHash = (hash: string) => `${hash.slice(0, 12)}…`;

/** An action's object as a link target inside the portal, where one exists. */
export function objectHref(objectType: string, objectId: string, requestId: string | null): string | null {
  if (objectType === "grant") return `/audit/grants/${encodeURIComponent(objectId)}`;
  if (objectType === "request") return `/requests/${encodeURIComponent(objectId)}`;
  if (objectType === "chain") return "/audit/chain";
  if (requestId) return `/requests/${encodeURIComponent(requestId)}`;
  return null;
}

export const actorText = (e: { actorType: string; actorId: string | null; actorName: string | null }) =>
  e.actorType === "user" ? (e.actorName ?? e.actorId ?? "unknown user") : `system (${e.actorId ?? "unknown"})`;

export const json = (value: unknown) => JSON.stringify(value, null, 2);
