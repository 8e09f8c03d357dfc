// npm run bench:audit [-- --events 1000000 --grants 100000 --samples 300]
// Seeds a realistic trail (grants with requests, approvals, provisioning and endings over three years,
// topped up to the event count) into PostgreSQL, then measures the auditor queries through lib/audit
// against the same SQL through raw pg, a full export, and npm run audit:verify. Prints PASS/FAIL per target.
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { migrateDeploy } from "../dev/migrate";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../dev/postgres";
import { bulkAppendBatch, type EventDraft } from "../lib/audit/bulk";
import { exportEvents, exportGrants, type ExportFormat } from "../lib/audit/export";
import { keyring } from "../lib/audit/signing";
import { accessAtQuerySchema, eventLogFiltersSchema, grantHistoryFiltersSchema, pageSchema, type EventLogFiltersInput, type GrantHistoryFiltersInput } from "../lib/audit/filters";
import { accessAt, accessAtQuery, eventLog, eventLogQuery, grantHistory, grantHistoryQuery } from "../lib/audit/queries";
import type { SqlQuery } from "../lib/audit/sql";
import type { JsonValue } from "../lib/audit/types";
import { inheritedEnvironment, toolEnv } from "../dev/tool-env";
import { roleLabel } from "../lib/core/roles";
import { arg, fmt, progress, random, stats, type Stat } from "./bench-common";

const runFile = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");
const benchStarted = performance.now();

const TARGET_EVENTS = arg("events", 1_000_000);
const GRANTS = arg("grants", 100_000);
const SAMPLES = arg("samples", 500);
const PROJECTS = Math.max(10, Math.round(GRANTS / 50));

const log = progress(benchStarted);

const rnd = random(20260101);
const int = (n: number) => Math.floor(rnd() * n);
const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;

const DAY = 86_400_000;
const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 1);
const SPAN_START = NOW - 3 * 365 * DAY;

interface Person {
  id: string;
  name: string;
  groups: string[];
}
const admins: Person[] = Array.from({ length: 12 }, (_, i) => ({ id: `u-admin-${i}`, name: `Admin ${i}`, groups: ["registry-admins"] }));
const leads: Person[] = Array.from({ length: 300 }, (_, i) => ({ id: `u-lead-${i}`, name: `Lead ${i}`, groups: ["team-leads", `team-${i}`] }));
const ROLE_WEIGHTS: [number, number][] = [
  [2, 0.45],
  [3, 0.25],
  [4, 0.15],
  [5, 0.1],
  [1, 0.05],
];
function role(): number {
  let r = rnd();
  for (const [id, w] of ROLE_WEIGHTS) if ((r -= w) < 0) return id;
  return 2;
}
const ROBOT_PRESETS = [
  [{ resource: "repository", action: "pull" }],
  [
    { resource: "repository", action: "pull" },
    { resource: "repository", action: "push" },
  ],
];

type Ending = "superseded" | "expired" | "revoked" | null;
interface Grant {
  id: string;
  project: number;
  subjectType: "GROUP" | "ROBOT";
  subjectName: string;
  roleId: number | null;
  permissions: { resource: string; action: string }[] | null;
  state: "ACTIVE" | "EXPIRED" | "REVOKED" | "SUPERSEDED" | "FAILED";
  startsAt: number | null;
  endsAt: number | null;
  endedAt: number | null;
  ending: Ending;
  endedBy: string | null;
  endReason: string | null;
  supersedesId: string | null;
  supersededBy: string | null;
  requestId: string;
  requestedAt: number;
  requester: number;
  approvers: number[];
  approvalIds: string[];
  approvalTimes: number[];
}

function generate() {
  const projectNames = Array.from({ length: PROJECTS }, (_, i) => `proj-${String(i).padStart(4, "0")}`);
  // a realistic spread: a few large shared projects, a long tail of small ones (weight 1/sqrt(rank))
  const weights = projectNames.map((_, i) => 1 / Math.sqrt(i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const perProject = weights.map((w) => Math.max(3, Math.floor((w / total) * GRANTS)));
  let diff = GRANTS - perProject.reduce((a, b) => a + b, 0);
  for (let i = 0; diff !== 0; i = (i + 1) % PROJECTS) {
    if (diff > 0) {
      perProject[i]!++;
      diff--;
    } else if (perProject[i]! > 3) {
      perProject[i]!--;
      diff++;
    }
  }
  const grants: Grant[] = [];
  for (let p = 0; p < PROJECTS; p++) {
    const n = perProject[p]!;
    const slots = Math.max(1, Math.ceil(n / 3));
    for (let s = 0; s < slots; s++) {
      // one subject's history in one project: grants one after another, the last possibly still active
      const k = Math.floor(n / slots) + (s < n % slots ? 1 : 0);
      if (k === 0) continue;
      const robot = rnd() < 0.25;
      const subjectName = robot ? `${pick(["ci", "pull", "deploy", "scan"])}-${s}` : rnd() < 0.1 ? `ext-vendor-${s}` : `team-${int(3000)}-${s}`;
      const starts = Array.from({ length: k }, () => SPAN_START + rnd() * (NOW - SPAN_START - DAY)).sort((a, b) => a - b);
      let previous: Grant | null = null;
      for (let j = 0; j < k; j++) {
        const start = Math.floor(starts[j]!);
        const next = j + 1 < k ? Math.floor(starts[j + 1]!) : null;
        const duration = (robot ? 30 + int(150) : 30 + int(335)) * DAY;
        const openEnded = !robot && rnd() < 0.25;
        const requester = int(leads.length);
        const approvalCount = rnd() < 0.15 ? 2 : 1;
        const first = int(admins.length);
        const approvers = approvalCount === 2 ? [first, (first + 1 + int(admins.length - 1)) % admins.length] : [first];
        const requestedAt = start - HOUR - int(72) * HOUR;
        const g: Grant = {
          id: randomUUID(),
          project: p,
          subjectType: robot ? "ROBOT" : "GROUP",
          subjectName,
          roleId: robot ? null : role(),
          permissions: robot ? pick(ROBOT_PRESETS) : null,
          state: "ACTIVE",
          startsAt: start,
          endsAt: openEnded ? null : start + duration,
          endedAt: null,
          ending: null,
          endedBy: null,
          endReason: null,
          supersedesId: null,
          supersededBy: null,
          requestId: randomUUID(),
          requestedAt,
          requester,
          approvers,
          approvalIds: approvers.map(() => randomUUID()),
          approvalTimes: approvers.map((_, i) => requestedAt + (i + 1) * Math.max(1, Math.floor((start - requestedAt - 10 * 60_000) / (approvers.length + 1)))),
        };
        if (next !== null && rnd() < 0.01) {
          // provisioning failed for good: never in force
          g.state = "FAILED";
          g.startsAt = null;
          g.endsAt = null;
          grants.push(g);
          continue;
        }
        if (previous && previous.ending === null) {
          previous.ending = "superseded";
          previous.state = "SUPERSEDED";
          previous.endedAt = start;
          previous.endedBy = admins[g.approvers[0]!]!.id;
          previous.endReason = "role changed";
          previous.supersededBy = g.id;
          g.supersedesId = previous.id;
          if (!robot && g.roleId === previous.roleId) g.roleId = previous.roleId === 2 ? 4 : 2;
        }
        const scheduledEnd = g.endsAt ?? Number.POSITIVE_INFINITY;
        const limit = next ?? NOW;
        if (scheduledEnd <= limit) {
          g.ending = rnd() < 0.2 ? "revoked" : "expired";
          g.endedAt = g.ending === "revoked" ? start + Math.floor(rnd() * (scheduledEnd - start)) : scheduledEnd;
        } else if (next !== null ? rnd() < 0.35 : rnd() < 0.1) {
          g.ending = "revoked";
          g.endedAt = start + Math.floor(rnd() * (limit - start));
        }
        if (g.ending === "expired") {
          g.state = "EXPIRED";
          g.endedBy = "expiry";
          g.endReason = "end date reached";
        } else if (g.ending === "revoked") {
          g.state = "REVOKED";
          g.endedBy = admins[g.approvers[0]!]!.id;
          g.endReason = "no longer needed";
        }
        grants.push(g);
        // a grant still in force when the next one comes is superseded by it (role change)
        previous = g.ending === null ? g : null;
      }
    }
  }
  return { projectNames, grants };
}

const K = {
  projectCreated: 0,
  requestCreated: 1,
  approval: 2,
  requestApproved: 3,
  jobQueued: 4,
  stepSucceeded: 5,
  jobSucceeded: 6,
  activated: 7,
  requestActive: 8,
  superseded: 9,
  expired: 10,
  revoked: 11,
  stepFailed: 12,
  jobFailed: 13,
  requestFailed: 14,
  secretRevealed: 15,
} as const;

class Stubs {
  at: Float64Array;
  ref: Int32Array;
  kind: Uint8Array;
  aux: Uint8Array;
  length = 0;
  constructor(capacity: number) {
    this.at = new Float64Array(capacity);
    this.ref = new Int32Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.aux = new Uint8Array(capacity);
  }
  push(at: number, ref: number, kind: number, aux = 0) {
    if (this.length === this.at.length) throw new Error("event stub capacity exceeded");
    const i = this.length++;
    this.at[i] = at;
    this.ref[i] = ref;
    this.kind[i] = kind;
    this.aux[i] = aux;
  }
}

function planEvents(grants: Grant[], projects: number) {
  const stubs = new Stubs(Math.max(TARGET_EVENTS, grants.length * 16) + projects);
  for (let p = 0; p < projects; p++) stubs.push(SPAN_START - 30 * DAY + p * 1000, p, K.projectCreated);
  grants.forEach((g, i) => {
    stubs.push(g.requestedAt, i, K.requestCreated);
    g.approvalTimes.forEach((t, a) => stubs.push(t, i, K.approval, a));
    const decided = g.approvalTimes[g.approvalTimes.length - 1]!;
    stubs.push(decided + 1, i, K.requestApproved);
    stubs.push(decided + 2, i, K.jobQueued);
    if (g.state === "FAILED") {
      stubs.push(decided + 60_000, i, K.stepFailed);
      stubs.push(decided + 61_000, i, K.jobFailed);
      stubs.push(decided + 61_001, i, K.requestFailed);
      return;
    }
    const start = g.startsAt!;
    stubs.push(start - 1, i, K.jobSucceeded);
    stubs.push(start, i, K.activated);
    stubs.push(start + 1, i, K.requestActive);
    if (g.subjectType === "ROBOT") stubs.push(start + 5 * 60_000, i, K.secretRevealed);
    if (g.ending === "superseded") stubs.push(g.endedAt!, i, K.superseded);
    else if (g.ending === "expired" || g.ending === "revoked") {
      stubs.push(g.endedAt!, i, g.ending === "expired" ? K.expired : K.revoked);
      stubs.push(g.endedAt! + 30_000, i, K.jobSucceeded, 1);
    }
  });
  const base = stubs.length;
  // top up to the target with provisioning step events, as a busy worker writes them
  for (let n = base; n < TARGET_EVENTS; n++) {
    const i = int(grants.length);
    const g = grants[i]!;
    const t = g.startsAt ?? g.approvalTimes[g.approvalTimes.length - 1]! + 30_000;
    stubs.push(t - 1 - int(50_000), i, K.stepSucceeded, int(6));
  }
  if (base > TARGET_EVENTS) log(`note: the grants alone produce ${fmt(base)} events, more than --events ${fmt(TARGET_EVENTS)}`);
  const order = new Uint32Array(stubs.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => stubs.at[a]! - stubs.at[b]! || a - b);
  return { stubs, order };
}

const STEP_KEYS = ["check-project", "ensure-member", "set-role", "create-robot", "set-permissions", "verify"];
const UAS = ["Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0", "Mozilla/5.0 (Macintosh) Safari/18.5", "Mozilla/5.0 (Windows NT 10.0) Chrome/142.0"];

function draftFor(i: number, stubs: Stubs, grants: Grant[], projectNames: string[]): EventDraft {
  const at = new Date(stubs.at[i]!);
  const kind = stubs.kind[i]!;
  const ref = stubs.ref[i]!;
  const aux = stubs.aux[i]!;
  const user = (p: Person) => ({ actorType: "user", actorId: p.id, actorName: p.name, actorGroups: p.groups, sourceIp: `10.${p.id.length}.${int(256)}.${int(256)}`, userAgent: pick(UAS), portalRequestId: randomUUID(), clientRequestId: null });
  const system = (id: string) => ({ actorType: "system", actorId: id, actorName: null, actorGroups: [] as string[], sourceIp: null, userAgent: null, portalRequestId: null, clientRequestId: null });
  if (kind === K.projectCreated) {
    return { at, ...system("seed"), action: "project.created", objectType: "project", objectId: projectNames[ref]!, projectName: projectNames[ref]!, subject: null, requestId: null, before: null, after: { template: "standard", quotaGiB: 50 }, harborRequestId: randomUUID() };
  }
  const g = grants[ref]!;
  const projectName = projectNames[g.project]!;
  const subject = `${g.subjectType === "GROUP" ? "group" : "robot"}:${g.subjectName}`;
  const common = { projectName, subject, requestId: g.requestId, harborRequestId: null as string | null, before: null as JsonValue, after: null as JsonValue };
  const admin = admins[g.approvers[0]!]!;
  const jobId = `${g.requestId.slice(0, 8)}-${aux === 1 ? "end" : "prov"}`;
  switch (kind) {
    case K.requestCreated:
      return { at, ...user(leads[g.requester]!), ...common, action: "request.created", objectType: "request", objectId: g.requestId, after: { kind: g.subjectType === "GROUP" ? "GROUP_ACCESS" : "ROBOT_ACCOUNT", roleId: g.roleId, endsAt: g.endsAt ? new Date(g.endsAt).toISOString() : null } };
    case K.approval:
      return { at, ...user(admins[g.approvers[aux]!]!), ...common, action: "approval.recorded", objectType: "approval", objectId: g.approvalIds[aux]!, after: { decision: "APPROVE", comment: "ok" } };
    case K.requestApproved:
      return { at, ...user(admins[g.approvers[g.approvers.length - 1]!]!), ...common, action: "request.approved", objectType: "request", objectId: g.requestId, before: { state: "PENDING" }, after: { state: "APPROVED" } };
    case K.jobQueued:
      return { at, ...user(admins[g.approvers[g.approvers.length - 1]!]!), ...common, action: "job.queued", objectType: "job", objectId: jobId, after: { kind: "PROVISION" } };
    case K.stepSucceeded:
      return { at, ...system("worker"), ...common, action: "job.step.succeeded", objectType: "job", objectId: jobId, harborRequestId: randomUUID(), after: { step: STEP_KEYS[aux % STEP_KEYS.length]!, attempt: 1 } };
    case K.stepFailed:
      return { at, ...system("worker"), ...common, action: "job.step.failed", objectType: "job", objectId: jobId, harborRequestId: randomUUID(), after: { step: "ensure-member", attempt: 8, error: "Harbor answered 503" } };
    case K.jobSucceeded:
      return { at, ...system("worker"), ...common, action: "job.succeeded", objectType: "job", objectId: jobId };
    case K.jobFailed:
      return { at, ...system("worker"), ...common, action: "job.failed", objectType: "job", objectId: jobId };
    case K.requestFailed:
      return { at, ...system("worker"), ...common, action: "request.failed", objectType: "request", objectId: g.requestId, after: { state: "FAILED" } };
    case K.requestActive:
      return { at, ...system("worker"), ...common, action: "request.active", objectType: "request", objectId: g.requestId, after: { state: "ACTIVE" } };
    case K.secretRevealed:
      return { at, ...user(leads[g.requester]!), ...common, action: "robot.secret.revealed", objectType: "secret", objectId: g.id, after: { robotName: g.subjectName } };
    case K.activated:
      return {
        at,
        ...system("worker"),
        ...common,
        action: "grant.activated",
        objectType: "grant",
        objectId: g.id,
        harborRequestId: randomUUID(),
        after: {
          projectName,
          subjectType: g.subjectType,
          subjectName: g.subjectName,
          roleId: g.roleId,
          roleName: g.roleId ? roleLabel(g.roleId) : null,
          permissions: g.permissions,
          startsAt: new Date(g.startsAt!).toISOString(),
          endsAt: g.endsAt ? new Date(g.endsAt).toISOString() : null,
          requestId: g.requestId,
          approvers: g.approvers.map((a) => ({ id: admins[a]!.id, name: admins[a]!.name })),
        },
      };
    case K.superseded:
      return { at, ...system("worker"), ...common, action: "grant.superseded", objectType: "grant", objectId: g.id, after: { endedAt: at.toISOString(), supersededBy: g.supersededBy } };
    case K.expired:
      return { at, ...system("expiry"), ...common, action: "grant.expired", objectType: "grant", objectId: g.id, after: { endedAt: at.toISOString(), endedBy: "expiry", reason: "end date reached" } };
    case K.revoked:
      return { at, ...user(admin), ...common, action: "grant.revoked", objectType: "grant", objectId: g.id, after: { endedAt: at.toISOString(), endedBy: admin.id, reason: "no longer needed" } };
    default:
      throw new Error(`unknown stub kind ${kind}`);
  }
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

async function insertRows(pool: pg.Pool, sql: string, columns: unknown[][], batch = 10_000) {
  const n = columns[0]!.length;
  for (let i = 0; i < n; i += batch) await pool.query(sql, columns.map((c) => c.slice(i, i + batch)));
}

async function seed(pool: pg.Pool) {
  log(`generating ${fmt(GRANTS)} grants over ${fmt(PROJECTS)} projects`);
  const { projectNames, grants } = generate();
  const projectIds = projectNames.map(() => randomUUID());
  await insertRows(
    pool,
    `INSERT INTO "Project" (id, name, "ownerGroup", template, "quotaGiB", state, "createdAt", "updatedAt")
     SELECT id, name, name || '-owners', 'standard', 50, 'ACTIVE', created_at, created_at FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS t(id, name, created_at)`,
    [projectIds, projectNames, projectNames.map(() => new Date(SPAN_START - 30 * DAY).toISOString())],
  );
  const requestState = (g: Grant) => (g.state === "SUPERSEDED" ? "ACTIVE" : g.state);
  await insertRows(
    pool,
    `INSERT INTO "Request" (id, kind, payload, justification, "requesterId", "requesterName", "requesterGroups", "projectName", "subjectKey", "endsAt", state,
       "policyChecks", "requiredApprovals", "createdAt", "updatedAt", "decidedAt", "closedAt")
     SELECT t.id, t.kind::"RequestKind", t.payload, 'needed for the team''s pipeline', t.requester_id, t.requester_name, ARRAY['team-leads'], t.project, t.subject_key,
       t.ends_at, t.state::"RequestState", '[]'::jsonb, t.required, t.created_at, t.decided_at, t.decided_at, t.closed_at
     FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::text[], $10::int[], $11::timestamptz[], $12::timestamptz[], $13::timestamptz[])
       AS t(id, kind, payload, requester_id, requester_name, project, subject_key, ends_at, state, required, created_at, decided_at, closed_at)`,
    [
      grants.map((g) => g.requestId),
      grants.map((g) => (g.subjectType === "GROUP" ? "GROUP_ACCESS" : "ROBOT_ACCOUNT")),
      grants.map((g) => JSON.stringify({ subjectName: g.subjectName, roleId: g.roleId, permissions: g.permissions })),
      grants.map((g) => leads[g.requester]!.id),
      grants.map((g) => leads[g.requester]!.name),
      grants.map((g) => projectNames[g.project]!),
      grants.map((g) => `${g.subjectType === "GROUP" ? "group" : "robot"}:${g.subjectName}`),
      grants.map((g) => iso(g.endsAt)),
      grants.map(requestState),
      grants.map((g) => g.approvers.length),
      grants.map((g) => iso(g.requestedAt)),
      grants.map((g) => iso(g.approvalTimes[g.approvalTimes.length - 1]!)),
      grants.map((g) => iso(g.endedAt)),
    ],
  );
  const approvals = grants.flatMap((g) => g.approvers.map((a, i) => ({ id: g.approvalIds[i]!, requestId: g.requestId, admin: admins[a]!, at: g.approvalTimes[i]! })));
  await insertRows(
    pool,
    `INSERT INTO "Approval" (id, "requestId", "approverId", "approverName", decision, comment, "createdAt")
     SELECT id, request_id, approver_id, approver_name, 'APPROVE', 'ok', created_at FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[]) AS t(id, request_id, approver_id, approver_name, created_at)`,
    [approvals.map((a) => a.id), approvals.map((a) => a.requestId), approvals.map((a) => a.admin.id), approvals.map((a) => a.admin.name), approvals.map((a) => iso(a.at))],
  );
  await insertRows(
    pool,
    `INSERT INTO "Grant" (id, "projectId", "projectName", "subjectType", "subjectName", "roleId", permissions, state, "startsAt", "endsAt", "endedAt", "endReason", "endedBy",
       "requestId", "supersedesId", "createdAt", "updatedAt")
     SELECT t.id, t.project_id, t.project, t.subject_type::"SubjectType", t.subject_name, t.role_id, t.permissions, t.state::"GrantState", t.starts_at, t.ends_at, t.ended_at,
       t.end_reason, t.ended_by, t.request_id, t.supersedes_id, t.created_at, coalesce(t.ended_at, t.starts_at, t.created_at)
     FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::int[], $7::jsonb[], $8::text[], $9::timestamptz[], $10::timestamptz[], $11::timestamptz[],
       $12::text[], $13::text[], $14::uuid[], $15::uuid[], $16::timestamptz[])
       AS t(id, project_id, project, subject_type, subject_name, role_id, permissions, state, starts_at, ends_at, ended_at, end_reason, ended_by, request_id, supersedes_id, created_at)`,
    [
      grants.map((g) => g.id),
      grants.map((g) => projectIds[g.project]!),
      grants.map((g) => projectNames[g.project]!),
      grants.map((g) => g.subjectType),
      grants.map((g) => g.subjectName),
      grants.map((g) => g.roleId),
      grants.map((g) => (g.permissions ? JSON.stringify(g.permissions) : null)),
      grants.map((g) => g.state),
      grants.map((g) => iso(g.startsAt)),
      grants.map((g) => iso(g.endsAt)),
      grants.map((g) => iso(g.endedAt)),
      grants.map((g) => g.endReason),
      grants.map((g) => g.endedBy),
      grants.map((g) => g.requestId),
      grants.map((g) => g.supersedesId),
      grants.map((g) => iso(g.approvalTimes[g.approvalTimes.length - 1]!)),
    ],
  );
  log(`inserted ${fmt(PROJECTS)} projects, ${fmt(grants.length)} requests and grants, ${fmt(approvals.length)} approvals`);

  const { stubs, order } = planEvents(grants, PROJECTS);
  log(`planned ${fmt(stubs.length)} events; hashing and inserting`);
  const client = await pool.connect();
  try {
    const BATCH = 10_000;
    for (let i = 0; i < order.length; i += BATCH) {
      const drafts: EventDraft[] = [];
      for (let j = i; j < Math.min(i + BATCH, order.length); j++) drafts.push(draftFor(order[j]!, stubs, grants, projectNames));
      await bulkAppendBatch(client, drafts);
      if ((i / BATCH) % 20 === 19) log(`  … ${fmt(i + BATCH)} events`);
    }
  } finally {
    client.release();
  }
  log("VACUUM ANALYZE");
  await pool.query("VACUUM ANALYZE");
  const perProject = projectNames.map(() => 0);
  for (const g of grants) perProject[g.project]!++;
  return { projectNames, grants, perProject };
}

interface Row {
  name: string;
  fn: Stat;
  raw: Stat;
  rows: number;
}

// Runs the library function and the same SQL through raw pg alternately with the same parameters.
async function measure<P>(pool: pg.Pool, name: string, params: () => P, fn: (p: P) => Promise<number>, sql: (p: P) => SqlQuery): Promise<Row> {
  const fnTimes: number[] = [];
  const rawTimes: number[] = [];
  let rows = 0;
  const warmup = Math.min(30, Math.ceil(SAMPLES / 10));
  for (let i = 0; i < SAMPLES + warmup; i++) {
    const p = params();
    const runFn = async () => {
      const t = performance.now();
      rows += await fn(p);
      return performance.now() - t;
    };
    const runRaw = async () => {
      const q = sql(p);
      const t = performance.now();
      await pool.query(q.text, q.values);
      return performance.now() - t;
    };
    let fnTime: number;
    let rawTime: number;
    if (i % 2) {
      rawTime = await runRaw();
      fnTime = await runFn();
    } else {
      fnTime = await runFn();
      rawTime = await runRaw();
    }
    if (i >= warmup) {
      rawTimes.push(rawTime);
      fnTimes.push(fnTime);
    }
  }
  return { name, fn: stats(fnTimes), raw: stats(rawTimes), rows: Math.round(rows / (SAMPLES + warmup)) };
}

async function exportRun(pool: pg.Pool, kind: "events" | "grants", format: ExportFormat) {
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  let lines = 0;
  let bytes = 0;
  const started = performance.now();
  // a fresh database has no signed checkpoint: the keys only name what a file would be checked against
  const options = { keyring: keyring({}) };
  const source = kind === "events" ? exportEvents(pool, {}, format, options) : exportGrants(pool, {}, format, options);
  for await (const chunk of source) {
    bytes += Buffer.byteLength(chunk);
    for (let i = chunk.indexOf("\n"); i >= 0; i = chunk.indexOf("\n", i + 1)) lines++;
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  const rows = lines - (format === "csv" ? 2 : 1);
  return { kind, format, rows, seconds, rowsPerSecond: rows / seconds, mb: bytes / 1048576, rssGrowthMb: (peak - rssBefore) / 1048576 };
}

async function main() {
  const tool = toolEnv();
  let server: EmbeddedDatabase | undefined;
  let url = tool.DATABASE_URL;
  const dataDir = path.resolve(root, tool.BERTH_DATA_DIR, "bench-audit");
  if (!url) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    log(`starting an embedded PostgreSQL in ${path.relative(root, dataDir)} (throw-away)`);
    server = await startEmbeddedPostgres({ dataDir, ephemeral: true, quiet: true });
    // a benchmark of queries, not of privileges: it migrates, seeds and reads as the superuser
    url = server.adminUrl;
  }
  await migrateDeploy(url);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on("error", () => {}); // an idle connection dropped by the server is replaced on next use
  try {
    const existing = (await pool.query<{ seq: string; grants: string }>(`SELECT (SELECT seq::text FROM "AuditHead") AS seq, (SELECT count(*)::text FROM "Grant") AS grants`)).rows[0]!;
    if (existing.seq !== "0" || existing.grants !== "0") {
      console.error(`bench:audit seeds an empty database; ${url.replace(/:[^:@/]+@/, ":***@")} already has ${existing.seq} events and ${existing.grants} grants.`);
      process.exitCode = 2;
      return;
    }
    const version = (await pool.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;
    log(`PostgreSQL ${version}; ${os.cpus().length} CPUs; Node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    const seedStarted = performance.now();
    const { projectNames, grants, perProject } = await seed(pool);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const counts = (await pool.query<{ events: string; grants: string; approvals: string; size: string }>(
      `SELECT (SELECT count(*) FROM "AuditEvent")::text AS events, (SELECT count(*) FROM "Grant")::text AS grants, (SELECT count(*) FROM "Approval")::text AS approvals,
              pg_size_pretty(pg_database_size(current_database())) AS size`,
    )).rows[0]!;
    log(`seeded ${fmt(Number(counts.events))} events, ${fmt(Number(counts.grants))} grants, ${fmt(Number(counts.approvals))} approvals in ${seedSeconds.toFixed(1)} s (database ${counts.size})`);

    log("npm run audit:verify (whole chain)");
    const verifyStarted = performance.now();
    const verify = await runFile(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/audit-verify.ts", "--no-record"], { cwd: root, env: { ...inheritedEnvironment(), DATABASE_URL: url } }).then(
      (r) => ({ ok: true, out: r.stdout }),
      (e: { stdout?: string; stderr?: string }) => ({ ok: false, out: `${e.stdout ?? ""}${e.stderr ?? ""}` }),
    );
    const verifySeconds = (performance.now() - verifyStarted) / 1000;
    for (const line of verify.out.trim().split("\n")) log(`  ${line}`);
    if (!verify.ok) throw new Error("the seeded chain does not verify");

    const headSeq = Number(counts.events);
    const largest = perProject.indexOf(Math.max(...perProject));
    const groups = [...new Set(grants.filter((g) => g.subjectType === "GROUP").map((g) => g.subjectName))];
    const groupGrants = grants.filter((g) => g.subjectType === "GROUP");
    const instant = () => new Date(SPAN_START + rnd() * (NOW - SPAN_START));
    // the cursor of page 20 (or of the last page, on a small run)
    let deepCursor: string | undefined;
    for (let i = 0, cursor: string | null | undefined; i < 19 && cursor !== null; i++) {
      cursor = (await grantHistory(pool, {}, { limit: 50, cursor })).nextCursor;
      if (cursor) deepCursor = cursor;
    }
    const filtered = (): GrantHistoryFiltersInput =>
      pick<() => GrantHistoryFiltersInput>([
        () => ({ project: pick(projectNames), state: pick(["ACTIVE", "EXPIRED", "REVOKED"] as const) }),
        () => ({ approver: pick(admins).name, subjectType: "ROBOT" }),
        () => ({ requester: pick(leads).id }),
        () => ({ roleId: 1, sort: "project", dir: "asc" }),
        () => ({ from: instant(), to: new Date(NOW), state: "EXPIRED", sort: "endsAt" }),
        () => ({ subject: pick(groups), sort: "subject" }),
      ])();
    const gh = (p: { filters: GrantHistoryFiltersInput; cursor?: string }) => ({ f: grantHistoryFiltersSchema.parse(p.filters), pg: pageSchema.parse({ cursor: p.cursor, limit: 50 }), p });
    const el = (filters: EventLogFiltersInput, cursor?: string) => ({ filters, cursor, f: eventLogFiltersSchema.parse(filters), pg: pageSchema.parse({ cursor, limit: 50 }) });

    log(`measuring ${SAMPLES} samples per query (library vs the same SQL through raw pg, alternating)`);
    const rows: Row[] = [];
    rows.push(
      await measure(
        pool,
        "grant history, first page",
        () => gh({ filters: {} }),
        async (x) => (await grantHistory(pool, x.p.filters, { limit: 50 })).rows.length,
        (x) => grantHistoryQuery(x.f, x.pg),
      ),
    );
    rows.push(
      await measure(
        pool,
        "grant history, filtered page",
        () => gh({ filters: filtered() }),
        async (x) => (await grantHistory(pool, x.p.filters, { limit: 50 })).rows.length,
        (x) => grantHistoryQuery(x.f, x.pg),
      ),
    );
    rows.push(
      await measure(
        pool,
        "grant history, page 20 (keyset)",
        () => gh({ filters: {}, cursor: deepCursor }),
        async (x) => (await grantHistory(pool, x.p.filters, { limit: 50, cursor: x.p.cursor })).rows.length,
        (x) => grantHistoryQuery(x.f, x.pg),
      ),
    );
    const at = (q: { project?: string; group?: string; at: Date }) => ({ q, parsed: accessAtQuerySchema.parse(q) });
    rows.push(await measure(pool, "access at T, a project", () => at({ project: pick(projectNames), at: instant() }), async (x) => (await accessAt(pool, x.q)).length, (x) => accessAtQuery(x.parsed)));
    rows.push(
      await measure(pool, `access at T, largest project (${fmt(perProject[largest]!)} grants)`, () => at({ project: projectNames[largest]!, at: instant() }), async (x) => (await accessAt(pool, x.q)).length, (x) => accessAtQuery(x.parsed)),
    );
    rows.push(
      await measure(pool, "access at T, a group", () => at({ group: pick(groupGrants).subjectName, at: instant() }), async (x) => (await accessAt(pool, x.q)).length, (x) => accessAtQuery(x.parsed)),
    );
    rows.push(
      await measure(
        pool,
        "event log, page 1,000 deep",
        () => el({}, String(headSeq - 50 * 999 - int(500))),
        async (x) => (await eventLog(pool, x.filters, { cursor: x.cursor, limit: 50 })).rows.length,
        (x) => eventLogQuery(x.f, x.pg),
      ),
    );
    rows.push(
      await measure(
        pool,
        "event log, filtered (project, action)",
        () => el({ project: pick(projectNames), action: pick(["grant", "request", "job.step"]) }),
        async (x) => (await eventLog(pool, x.filters, { cursor: x.cursor, limit: 50 })).rows.length,
        (x) => eventLogQuery(x.f, x.pg),
      ),
    );

    log("exporting the whole trail and the whole grant history");
    const exports = [await exportRun(pool, "events", "csv"), await exportRun(pool, "events", "jsonl"), await exportRun(pool, "grants", "csv"), await exportRun(pool, "grants", "jsonl")];

    const pad = (s: string, n: number) => s.padEnd(n);
    const ms = (n: number) => `${n.toFixed(2)}`.padStart(8);
    const results: { target: string; pass: boolean }[] = [];
    console.log("");
    console.log(`Audit benchmark: ${fmt(Number(counts.events))} events, ${fmt(Number(counts.grants))} grants, ${fmt(PROJECTS)} projects; ${SAMPLES} samples per query; times in ms`);
    console.log(`${pad("query", 46)}   lib p50  lib p95   pg p50   pg p95  p95 ratio  rows  result`);
    for (const r of rows) {
      const ratio = r.fn.p95 / r.raw.p95;
      const pass = ratio <= 1.5 && r.fn.p95 < 50;
      results.push({ target: r.name, pass });
      console.log(`${pad(r.name, 46)} ${ms(r.fn.p50)} ${ms(r.fn.p95)} ${ms(r.raw.p50)} ${ms(r.raw.p95)} ${`${ratio.toFixed(2)}x`.padStart(10)} ${String(r.rows).padStart(5)}  ${pass ? "PASS" : "FAIL"}`);
    }
    console.log("");
    console.log(`${pad("export", 24)} ${"rows".padStart(10)} ${"seconds".padStart(8)} ${"rows/s".padStart(10)} ${"MB".padStart(8)} ${"peak RSS growth MB".padStart(19)}  result`);
    for (const e of exports) {
      const pass = e.rowsPerSecond >= 100_000 && e.rssGrowthMb < 100;
      results.push({ target: `export ${e.kind} ${e.format}`, pass });
      console.log(
        `${pad(`${e.kind} ${e.format}`, 24)} ${fmt(e.rows).padStart(10)} ${e.seconds.toFixed(2).padStart(8)} ${fmt(e.rowsPerSecond).padStart(10)} ${e.mb.toFixed(1).padStart(8)} ${e.rssGrowthMb.toFixed(1).padStart(19)}  ${pass ? "PASS" : "FAIL"}`,
      );
    }
    console.log("");
    console.log(`audit:verify, whole chain (${fmt(Number(counts.events))} events): ${verifySeconds.toFixed(2)} s including tsx start-up`);
    console.log(`seeding: ${seedSeconds.toFixed(1)} s; total run: ${((performance.now() - benchStarted) / 1000).toFixed(1)} s; load average now ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} (${os.cpus().length} CPUs, shared with whatever else runs)`);
    const failed = results.filter((r) => !r.pass);
    console.log(failed.length === 0 ? `ALL ${results.length} TARGETS PASS` : `${failed.length} of ${results.length} targets FAIL: ${failed.map((f) => f.target).join("; ")}`);
    if (failed.length) process.exitCode = 1;
  } finally {
    await pool.end();
    if (server) {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true }); // about 1 GB of throw-away data
    }
  }
}

try {
  await main();
} catch (error) {
  console.error(`bench:audit failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
}
