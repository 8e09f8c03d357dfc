import "server-only";

// The message kinds: what is sent, to whom, and whether a person may switch it off. Adding a kind is one entry
// here, and either an audit trigger (triggers.ts) or an
// `enqueueMessage` call in the transaction that causes it (outbox.ts). docs/notifications.md lists them.

/**
 * Who a message is for. `approvers` and `auditors` are everyone holding that role by their last-seen groups (signed
 * in within BERTH_NOTIFY_ACTIVE_DAYS); `requester` is the message's `requesterId`; `owners` the team leads of its
 * `ownerGroup` (people whose last-seen groups include it and who hold the requester role); `people` its `personIds`.
 */
export const AUDIENCES = ["approvers", "auditors", "requester", "owners", "people"] as const;
export type Audience = (typeof AUDIENCES)[number];

export interface MessageKind {
  kind: string;
  /** What the message is about, as the profile page lists it. */
  label: string;
  audiences: readonly { who: Audience; mandatory?: boolean }[];
  /** Approvers are narrowed by the routing table (projects, request kinds) of BERTH_NOTIFY_CONFIG. */
  routed?: boolean;
  /** Approvers who chose the daily digest get it there instead of at once. */
  digest?: boolean;
}

export const MESSAGE_KINDS = [
  { kind: "request.submitted", label: "A request waits for approval", audiences: [{ who: "approvers" }], routed: true, digest: true },
  { kind: "request.second-approval", label: "A request needs a second approval", audiences: [{ who: "requester" }, { who: "approvers" }], routed: true, digest: true },
  { kind: "request.approved", label: "Your request was approved", audiences: [{ who: "requester" }] },
  { kind: "request.rejected", label: "Your request was rejected", audiences: [{ who: "requester" }] },
  { kind: "request.done", label: "Your request is provisioned", audiences: [{ who: "requester" }] },
  { kind: "request.failed", label: "Provisioning failed", audiences: [{ who: "requester" }, { who: "approvers", mandatory: true }] },
  { kind: "job.failed", label: "A removal from Harbor failed", audiences: [{ who: "approvers", mandatory: true }] },
  { kind: "secret.ready", label: "A robot secret is ready to reveal", audiences: [{ who: "requester" }] },
  { kind: "secret.wiping", label: "A robot secret is wiped in 2 hours", audiences: [{ who: "requester" }] },
  { kind: "grant.ending", label: "Access ends in 14 or 3 days", audiences: [{ who: "owners" }, { who: "requester" }] },
  { kind: "grant.revoked", label: "Access was revoked", audiences: [{ who: "requester" }, { who: "owners" }] },
  { kind: "drift.found", label: "Harbor differs from what was approved", audiences: [{ who: "approvers" }] },
  { kind: "drift.cleared", label: "Harbor matches again", audiences: [{ who: "approvers" }] },
  { kind: "chain.broken", label: "The audit trail's hash chain is broken", audiences: [{ who: "auditors", mandatory: true }, { who: "approvers", mandatory: true }] },
  { kind: "review.started", label: "An access review waits for your decisions", audiences: [{ who: "owners" }, { who: "approvers" }], digest: true },
  { kind: "review.reminder", label: "An access review is halfway or 2 days from its deadline", audiences: [{ who: "owners" }, { who: "approvers" }], digest: true },
  { kind: "review.escalated", label: "Undecided review items were escalated to the approvers", audiences: [{ who: "approvers", mandatory: true }] },
  { kind: "digest", label: "Your daily digest", audiences: [{ who: "people", mandatory: true }] },
] as const satisfies readonly MessageKind[];

export type MessageKindName = (typeof MESSAGE_KINDS)[number]["kind"];

const BY_KIND = new Map<string, MessageKind>(MESSAGE_KINDS.map((k) => [k.kind, k]));

export function messageKind(kind: string): MessageKind {
  const def = BY_KIND.get(kind);
  if (!def) throw new Error(`unknown message kind ${kind}`);
  return def;
}

/** Kinds a person can switch off: those with at least one audience for which they are not mandatory. */
export const OPTIONAL_KINDS: readonly MessageKind[] = MESSAGE_KINDS.filter((k) => k.audiences.some((a) => !("mandatory" in a && a.mandatory)));

/** A scalar fact for machines (webhook data) and the details lines. */
export type Fact = string | number | boolean | null;

/** What the outbox stores for a message: everything each sink renders from, and whom it concerns. */
export interface MessageData {
  /** One line: the subject of an email, the first line of a chat message. */
  title: string;
  /** Paragraphs of plain text. */
  lines: string[];
  /** Path under the portal's URL of the page that needs them. */
  link: string;
  linkLabel: string;
  /** Machine-readable facts: the CloudEvent's data, and the details of chat and email. */
  facts: Record<string, Fact>;
  projectName: string | null;
  requestKind: string | null;
  requesterId: string | null;
  ownerGroup: string | null;
  personIds?: string[];
  /** Only these of the kind's audiences (an access review's reminder to one owner group's team leads, not the approvers). */
  onlyAudiences?: Audience[];
  /** People not to tell (the requester of their own request, the approver who just approved). */
  excludePersonIds?: string[];
}
