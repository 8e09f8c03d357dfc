import "server-only";
import type { Queryable } from "../sql";
import type { JsonValue } from "../types";
import { EVENT_COLUMNS, type AuditEventRow } from "./event-log";
import { GRANT_COLUMNS, toGrantRow, type GrantHistoryRow, type GrantRowRaw } from "./grant-history";

// One grant with everything behind it: request, approvals, jobs and steps, neighbours, and its events.

export interface GrantDetail {
  grant: GrantHistoryRow & { harborMemberId: number | null; harborRobotId: number | null; harborRobotName: string | null; updatedAt: Date };
  request: {
    id: string;
    number: number;
    kind: string;
    state: string;
    payload: JsonValue;
    justification: string;
    requesterId: string;
    requesterName: string;
    requesterGroups: string[];
    projectName: string;
    endsAt: Date | null;
    policyChecks: JsonValue;
    requiredApprovals: number;
    createdAt: Date;
    decidedAt: Date | null;
    closedAt: Date | null;
  };
  approvals: { id: string; approverId: string; approverName: string; decision: "APPROVE" | "REJECT"; comment: string | null; createdAt: Date }[];
  jobs: {
    id: string;
    kind: string;
    state: string;
    attempts: number;
    lastError: string | null;
    createdAt: Date;
    finishedAt: Date | null;
    steps: { id: string; ordinal: number; key: string; label: string; state: string; attempts: number; harborRequestId: string | null; error: string | null; startedAt: Date | null; finishedAt: Date | null }[];
  }[];
  /** the grant this one replaced (role change), and the grant that replaced it */
  supersedesId: string | null;
  supersededById: string | null;
  /** the grant's own events and its request's, oldest first */
  events: AuditEventRow[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type JobRaw = Omit<GrantDetail["jobs"][number], "steps"> & { steps: (Omit<GrantDetail["jobs"][number]["steps"][number], "startedAt" | "finishedAt"> & { startedAt: string | null; finishedAt: string | null })[] };

/** One grant with its request, approvals, provisioning jobs and steps, and its audit events; null if unknown. */
export async function grantDetail(db: Queryable, grantId: string): Promise<GrantDetail | null> {
  if (!UUID.test(grantId)) return null;
  const id = grantId.toLowerCase();
  const { rows } = await db.query<GrantRowRaw & { harborMemberId: number | null; harborRobotId: number | null; harborRobotName: string | null; updatedAt: Date }>(
    `SELECT ${GRANT_COLUMNS}, g."harborMemberId", g."harborRobotId", g."harborRobotName", g."updatedAt"
     FROM "Grant" g JOIN "Request" r ON r.id = g."requestId" WHERE g.id = $1`,
    [id],
  );
  const raw = rows[0];
  if (!raw) return null;
  const [request, approvals, jobs, successor, events] = await Promise.all([
    db.query<GrantDetail["request"]>(
      `SELECT id, number, kind, state, payload, justification, "requesterId", "requesterName", "requesterGroups", "projectName", "endsAt",
              "policyChecks", "requiredApprovals", "createdAt", "decidedAt", "closedAt"
       FROM "Request" WHERE id = $1`,
      [raw.requestId],
    ),
    db.query<GrantDetail["approvals"][number]>(
      `SELECT id, "approverId", "approverName", decision, comment, "createdAt" FROM "Approval" WHERE "requestId" = $1 ORDER BY "createdAt", id`,
      [raw.requestId],
    ),
    db.query<JobRaw>(
      `SELECT j.id, j.kind, j.state, j.attempts, j."lastError", j."createdAt", j."finishedAt",
         (SELECT coalesce(json_agg(json_build_object('id', s.id, 'ordinal', s.ordinal, 'key', s.key, 'label', s.label, 'state', s.state,
                   'attempts', s.attempts, 'harborRequestId', s."harborRequestId", 'error', s.error, 'startedAt', s."startedAt", 'finishedAt', s."finishedAt")
                   ORDER BY s.ordinal, s.key), '[]'::json)
          FROM "ProvisioningStep" s WHERE s."jobId" = j.id) AS steps
       FROM "ProvisioningJob" j
       WHERE j."grantId" = $1 OR (j."requestId" = $2 AND j."grantId" IS NULL)
       ORDER BY j."createdAt", j.id`,
      [id, raw.requestId],
    ),
    db.query<{ id: string }>(`SELECT id FROM "Grant" WHERE "supersedesId" = $1 ORDER BY "createdAt" LIMIT 1`, [id]),
    db.query<AuditEventRow>(
      `SELECT ${EVENT_COLUMNS} FROM "AuditEvent" e
       WHERE (e."objectType" = 'grant' AND e."objectId" = $1) OR e."requestId" = $2::uuid
       ORDER BY e.seq`,
      [id, raw.requestId],
    ),
  ]);
  const req = request.rows[0];
  if (!req) return null;
  const grant = toGrantRow(raw);
  return {
    grant: { ...grant, harborMemberId: raw.harborMemberId, harborRobotId: raw.harborRobotId, harborRobotName: raw.harborRobotName, updatedAt: raw.updatedAt },
    request: req,
    approvals: approvals.rows,
    jobs: jobs.rows.map((j) => ({
      ...j,
      steps: j.steps.map((s) => ({ ...s, startedAt: s.startedAt ? new Date(s.startedAt) : null, finishedAt: s.finishedAt ? new Date(s.finishedAt) : null })),
    })),
    supersedesId: raw.supersedesId,
    supersededById: successor.rows[0]?.id ?? null,
    events: events.rows,
  };
}
