import "server-only";
import { KIND_LABELS, typedRequest, type AnyPayload, type RequestKindName } from "../core/payloads";
import type { StoredAuditEvent } from "../audit";
import type { Queryable } from "../sql";
import type { MessageData, MessageKindName } from "./kinds";

// Which audit events are news, and for whom: each trigger turns one event of the trail (written in the transaction of
// the change itself) into messages. The dispatcher (dispatch.ts) reads the trail in seq order and calls these.

/** The columns of an audit event that triggers read; seq as text. */
export type TrailEvent = Pick<StoredAuditEvent, "at" | "action" | "objectType" | "objectId" | "projectName" | "subject" | "requestId" | "actorId" | "actorName"> & {
  seq: string;
  after: Record<string, unknown> | null;
};

interface RequestRow {
  id: string;
  number: number;
  kind: RequestKindName;
  payload: unknown;
  requesterId: string;
  requesterName: string;
  justification: string;
  requiredApprovals: number;
  projectName: string;
}

/** One line naming what a request asks: governance's describer (lib/governance/kinds), handed in by whoever starts the notifier. */
export type DescribeRequest = (request: AnyPayload) => string;

/** What triggers look up about a batch of events, read in one query each, and how a request reads. */
export interface Lookups {
  request(id: string | null): RequestRow | null;
  summary(r: RequestRow): string;
  ownerGroup(projectName: string | null): string | null;
  secretExpiresAt(requestId: string | null): Date | null;
}

export async function loadLookups(db: Queryable, events: TrailEvent[], describe: DescribeRequest): Promise<Lookups> {
  const requestIds = [...new Set(events.map((e) => e.requestId).filter((v): v is string => !!v))];
  const projects = [...new Set(events.map((e) => e.projectName).filter((v): v is string => !!v))];
  // one after another: the caller's transaction is one connection
  const requests =
    requestIds.length
      ? await db.query<RequestRow>(
          `SELECT id, number, kind::text AS kind, payload, "requesterId", "requesterName", justification, "requiredApprovals", "projectName" FROM "Request" WHERE id = ANY($1::uuid[])`,
          [requestIds],
        )
      : { rows: [] as RequestRow[] };
  const owners = projects.length ? await db.query<{ name: string; ownerGroup: string }>(`SELECT name, "ownerGroup" FROM "Project" WHERE name = ANY($1::text[])`, [projects]) : { rows: [] };
  const secrets = requestIds.length
    ? await db.query<{ requestId: string; expiresAt: Date }>(`SELECT DISTINCT ON ("requestId") "requestId", "expiresAt" FROM "RobotSecret" WHERE "requestId" = ANY($1::uuid[]) ORDER BY "requestId", "createdAt" DESC`, [requestIds])
    : { rows: [] };
  const byId = new Map(requests.rows.map((r) => [r.id, r]));
  const ownerOf = new Map(owners.rows.map((p) => [p.name, p.ownerGroup]));
  const secretOf = new Map(secrets.rows.map((s) => [s.requestId, s.expiresAt]));
  return {
    request: (id) => (id ? (byId.get(id) ?? null) : null),
    summary: (r) => describe(typedRequest(r.kind, r.payload)),
    ownerGroup: (name) => (name ? (ownerOf.get(name) ?? null) : null),
    secretExpiresAt: (id) => (id ? (secretOf.get(id) ?? null) : null),
  };
}

export interface NewMessage {
  kind: MessageKindName;
  data: MessageData;
}

const text = (v: unknown) => (typeof v === "string" ? v : null);
const num = (v: unknown) => (typeof v === "number" ? v : null);

function requestMessage(r: RequestRow, owner: string | null, parts: { title: string; lines: string[]; linkLabel?: string; facts?: MessageData["facts"]; extra?: Partial<MessageData> }): MessageData {
  return {
    title: parts.title,
    lines: parts.lines,
    link: `/requests/${r.id}`,
    linkLabel: parts.linkLabel ?? "Open the request",
    facts: { requestId: r.id, requestNumber: r.number, requestKind: r.kind, projectName: r.projectName, requesterId: r.requesterId, requesterName: r.requesterName, ...parts.facts },
    projectName: r.projectName,
    requestKind: r.kind,
    requesterId: r.requesterId,
    ownerGroup: owner,
    ...parts.extra,
  };
}

const ROBOT_KINDS = new Set<string>(["ROBOT_ACCOUNT", "ROBOT_ROTATION"]);

type Trigger = (e: TrailEvent, look: Lookups) => NewMessage[];

/** Audit action → the messages it causes. */
export const AUDIT_TRIGGERS: Record<string, Trigger> = {
  "request.created": (e, look) => {
    const r = look.request(e.requestId);
    if (!r) return [];
    const summary = look.summary(r);
    return [
      {
        kind: "request.submitted",
        data: requestMessage(r, look.ownerGroup(r.projectName), {
          title: `Request #${r.number} waits for approval: ${summary}`,
          lines: [`${r.requesterName} asks: ${summary} (${KIND_LABELS[r.kind].toLowerCase()}).`, `Why: ${r.justification}`, `It needs ${r.requiredApprovals === 1 ? "one approval" : `${r.requiredApprovals} approvals from different people`}.`],
          linkLabel: "Review the request",
          facts: { state: "PENDING", requiredApprovals: r.requiredApprovals },
          extra: { excludePersonIds: [r.requesterId] },
        }),
      },
    ];
  },
  "approval.recorded": (e, look) => {
    const r = look.request(e.requestId);
    const approvals = num(e.after?.approvals);
    const required = num(e.after?.requiredApprovals);
    if (!r || e.after?.decision !== "APPROVE" || approvals === null || required === null || approvals >= required) return [];
    return [
      {
        kind: "request.second-approval",
        data: requestMessage(r, look.ownerGroup(r.projectName), {
          title: `Request #${r.number} has ${approvals} of ${required} approvals: ${look.summary(r)}`,
          lines: [`${e.actorName ?? "An approver"} approved request #${r.number}. It needs ${required - approvals} more approval from someone else before it is provisioned.`],
          facts: { state: "PENDING", approvals, requiredApprovals: required, approverName: e.actorName },
          extra: { excludePersonIds: [r.requesterId, ...(e.actorId ? [e.actorId] : [])] },
        }),
      },
    ];
  },
  "request.approved": (e, look) => {
    const r = look.request(e.requestId);
    if (!r) return [];
    return [
      {
        kind: "request.approved",
        data: requestMessage(r, look.ownerGroup(r.projectName), {
          title: `Request #${r.number} was approved: ${look.summary(r)}`,
          lines: [`${e.actorName ?? "An approver"} approved your request #${r.number}. Berth is now setting it up in Harbor; you will hear when it is ready.`],
          facts: { state: "APPROVED", approverName: e.actorName },
        }),
      },
    ];
  },
  "request.rejected": (e, look) => {
    const r = look.request(e.requestId);
    if (!r) return [];
    const reason = text(e.after?.reason) ?? "no reason given";
    return [
      {
        kind: "request.rejected",
        data: requestMessage(r, look.ownerGroup(r.projectName), {
          title: `Request #${r.number} was rejected: ${look.summary(r)}`,
          lines: [`${e.actorName ?? "An approver"} rejected your request #${r.number}.`, `Reason: ${reason}`],
          facts: { state: "REJECTED", reason, approverName: e.actorName },
        }),
      },
    ];
  },
  "request.active": (e, look) => {
    const r = look.request(e.requestId);
    if (!r) return [];
    const summary = look.summary(r);
    if (ROBOT_KINDS.has(r.kind)) {
      const until = look.secretExpiresAt(r.id);
      return [
        {
          kind: "secret.ready",
          data: requestMessage(r, look.ownerGroup(r.projectName), {
            title: `Request #${r.number} is ready: reveal the robot's secret`,
            lines: [`${summary} is done.`, `Its secret can be revealed once, on the request's page${until ? `, until ${until.toISOString().replace("T", " ").slice(0, 16)} UTC` : ""}; after that it is wiped.`],
            linkLabel: "Reveal the secret",
            facts: { state: "ACTIVE", revealUntil: until?.toISOString() ?? null },
          }),
        },
      ];
    }
    return [
      {
        kind: "request.done",
        data: requestMessage(r, look.ownerGroup(r.projectName), {
          title: `Request #${r.number} is ready: ${summary}`,
          lines: [`${summary}: done in Harbor.`],
          facts: { state: "ACTIVE" },
        }),
      },
    ];
  },
  "request.failed": (e, look) => {
    const r = look.request(e.requestId);
    if (!r) return [];
    const error = text(e.after?.error) ?? "no answer recorded";
    return [
      {
        kind: "request.failed",
        data: requestMessage(r, look.ownerGroup(r.projectName), {
          title: `Provisioning of request #${r.number} failed: ${look.summary(r)}`,
          lines: [`Setting up request #${r.number} in Harbor stopped.`, `Harbor's answer: ${error}`, "An approver can retry it from the request's page once the cause is fixed."],
          facts: { state: "FAILED", error },
        }),
      },
    ];
  },
  "job.failed": (e, look) => {
    const kind = text(e.after?.kind);
    if (kind !== "EXPIRE" && kind !== "REVOKE") return [];
    const error = text(e.after?.error) ?? "no answer recorded";
    const what = `${kind === "EXPIRE" ? "Expiry" : "Revocation"} of ${e.subject ?? "a grant"} in ${e.projectName ?? "a project"}`;
    return [
      {
        kind: "job.failed",
        data: {
          title: `${what} failed`,
          lines: [`${what} could not be done in Harbor: the access is still there.`, `Harbor's answer: ${error}`, "Retry it from the home page once the cause is fixed."],
          link: "/",
          linkLabel: "Open failed jobs",
          facts: { jobId: e.objectId, jobKind: kind, subject: e.subject, projectName: e.projectName, error },
          projectName: e.projectName,
          requestKind: null,
          requesterId: null,
          ownerGroup: look.ownerGroup(e.projectName),
        },
      },
    ];
  },
  "grant.revoked": (e, look) => {
    const r = look.request(e.requestId);
    const reason = text(e.after?.reason) ?? "no reason given";
    const subject = e.subject ?? "a subject";
    return [
      {
        kind: "grant.revoked",
        data: {
          title: `Access revoked: ${subject} in ${e.projectName ?? "a project"}`,
          lines: [`The access of ${subject} to ${e.projectName ?? "the project"} was revoked and removed from Harbor.`, `Reason: ${reason}`],
          link: e.projectName ? `/projects/${encodeURIComponent(e.projectName)}` : "/grants",
          linkLabel: "Open the project",
          facts: { grantId: e.objectId, subject: e.subject, projectName: e.projectName, reason, endedBy: text(e.after?.endedBy) },
          projectName: e.projectName,
          requestKind: r?.kind ?? null,
          requesterId: r?.requesterId ?? null,
          ownerGroup: look.ownerGroup(e.projectName),
        },
      },
    ];
  },
  "review.reminder.sent": (e) => reviewMessage(e),
  "project.drift.found": (e, look) => driftMessage(e, look, "drift.found"),
  "project.drift.cleared": (e, look) => driftMessage(e, look, "drift.cleared"),
  "audit.chain.broken": (e) => [{ kind: "chain.broken", data: chainBrokenMessage(text(e.after?.brokenAt) ?? e.objectId, text(e.after?.reason) ?? "unknown", text(e.after?.detail)) }],
};

function driftMessage(e: TrailEvent, look: Lookups, kind: "drift.found" | "drift.cleared"): NewMessage[] {
  const findings = Array.isArray(e.after?.findings) ? e.after.findings.length : 0;
  const project = e.projectName ?? "a project";
  return [
    {
      kind,
      data: {
        title: kind === "drift.found" ? `Harbor differs from Berth in ${project} (${findings} finding${findings === 1 ? "" : "s"})` : `Harbor matches Berth again in ${project}`,
        lines: kind === "drift.found" ? [`Someone changed ${project} in Harbor outside Berth: ${findings} difference${findings === 1 ? "" : "s"} from what was approved.`] : [`The differences in ${project} are gone.`],
        link: e.projectName ? `/projects/${encodeURIComponent(e.projectName)}` : "/",
        linkLabel: "Compare the project",
        facts: { projectName: e.projectName, findings },
        projectName: e.projectName,
        requestKind: null,
        requesterId: null,
        ownerGroup: look.ownerGroup(e.projectName),
      },
    },
  ];
}

// an access review's in-app reminder (lib/reviews/pass.ts), recorded once per campaign, kind and audience, told to
// that audience: one owner group's team leads ("group:<name>") or the approvers
function reviewMessage(e: TrailEvent): NewMessage[] {
  const reminder = text(e.after?.kind);
  const audience = text(e.after?.audience);
  const open = num(e.after?.openItems);
  const number = num(e.after?.campaignNumber);
  const due = text(e.after?.dueAt);
  if (!reminder || !audience || open === null || number === null || !due) return [];
  const group = audience.startsWith("group:") ? audience.slice("group:".length) : null;
  if (!group && audience !== "approvers") return [];
  const review = `access review #${number}${text(e.after?.campaignName) ? ` (${text(e.after?.campaignName)})` : ""}`;
  const items = `${open} item${open === 1 ? "" : "s"}`;
  const dueText = `${due.replace("T", " ").slice(0, 16)} UTC`;
  const whose = group ? `for ${group}` : "for the approvers";
  const kinds: Record<string, { kind: NewMessage["kind"]; title: string; line: string }> = {
    start: { kind: "review.started", title: `Access review #${number} has started: ${items} ${whose} to decide`, line: `The ${review} asks whether each grant is still needed. Decide ${items} ${whose} by ${dueText}.` },
    halfway: { kind: "review.reminder", title: `Access review #${number} is halfway: ${items} ${whose} still open`, line: `Half the time of the ${review} has passed; ${items} ${whose} still wait for a decision, due ${dueText}.` },
    "two-days": { kind: "review.reminder", title: `Access review #${number} ends in 2 days: ${items} ${whose} still open`, line: `The ${review} ends at ${dueText}; ${items} ${whose} still wait for a decision. What is undecided then is decided by the review's policy.` },
    escalation: { kind: "review.escalated", title: `Access review #${number}: ${items} overdue, now the approvers' to decide`, line: `The owners have not decided ${items} of the ${review}. Approvers may decide them now; the deadline is ${dueText}.` },
    "kept-by-policy": { kind: "review.escalated", title: `Access review #${number}: ${items} kept by policy need a look`, line: `The ${review} reached its deadline with ${items} undecided. Its policy kept the access and leaves it to the approvers.` },
  };
  const said = kinds[reminder];
  if (!said) return [];
  return [
    {
      kind: said.kind,
      data: {
        title: said.title,
        lines: [said.line],
        link: `/reviews?${new URLSearchParams({ campaign: e.objectId, status: "open" })}`,
        linkLabel: "Open the review",
        facts: { campaignId: e.objectId, campaignNumber: number, reminder, audience, openItems: open, dueAt: due },
        projectName: e.projectName,
        requestKind: null,
        requesterId: null,
        ownerGroup: group,
        onlyAudiences: [group ? "owners" : "approvers"],
      },
    },
  ];
}

/** Also sent straight from the scheduler when the break cannot be recorded in the trail it is about. */
export function chainBrokenMessage(brokenAt: string, reason: string, detail: string | null): MessageData {
  return {
    title: `The audit trail's hash chain is broken at event ${brokenAt}`,
    lines: [`Verification found the trail altered: ${reason} at event ${brokenAt}.`, ...(detail ? [detail] : []), "Treat the trail after that point as untrusted until it is explained."],
    link: "/audit/chain",
    linkLabel: "Open the chain status",
    facts: { brokenAt, reason },
    projectName: null,
    requestKind: null,
    requesterId: null,
    ownerGroup: null,
  };
}

/**
 * The messages a batch of trail events causes, each with its idempotency key (the event's seq and the kind). An event
 * a trigger cannot read (a payload of an unknown shape) is reported in `failed` and passed over, so it cannot hold up
 * every message after it.
 */
export function messagesFor(events: TrailEvent[], look: Lookups): { messages: { key: string; seq: string; message: NewMessage }[]; failed: { seq: string; action: string }[] } {
  const messages: { key: string; seq: string; message: NewMessage }[] = [];
  const failed: { seq: string; action: string }[] = [];
  for (const e of events) {
    const trigger = AUDIT_TRIGGERS[e.action];
    if (!trigger) continue;
    try {
      for (const message of trigger(e, look)) messages.push({ key: `audit:${e.seq}:${message.kind}`, seq: e.seq, message });
    } catch {
      failed.push({ seq: e.seq, action: e.action });
    }
  }
  return { messages, failed };
}

export const TRIGGER_ACTIONS = Object.keys(AUDIT_TRIGGERS);
