import { appendAuditEvents } from "../audit/append";
import type { AuditContext, JsonValue } from "../audit/types";
import type { Db, Tx } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { driftGrantOf, findDrift, findingsKey, liveMembersOf, type DriftFinding, type GrantRecord } from "../governance/drift";
import { isHarborError, type HarborClient } from "../harbor";
import { silentLogger, type WorkerLogger } from "./worker";

// The scheduler's background comparison of each managed project in Harbor with its grants, so drift shows up on the
// approvers' home without anyone opening the project. Only a change of findings is an audit event.

const CTX: AuditContext = { actor: { type: "system", id: "scheduler" } };
const DEFAULT_BATCH = 25;
const DEFAULT_CONCURRENCY = 4;

export interface DriftCheckDeps {
  db: Db;
  harbor: HarborClient;
  /** A project is checked again once its last claim is this old. */
  intervalSeconds: number;
  clock?: () => Date;
  log?: WorkerLogger;
  /** Projects claimed per pass. */
  batch?: number;
  concurrency?: number;
}

export type DriftOutcome = "unchanged" | "changed" | "failed" | "busy";

export interface DriftPass {
  /** project name → what its check did */
  outcomes: Record<string, DriftOutcome>;
}

interface Claimed {
  projectId: string;
  name: string;
  harborId: number;
}

/** Marks up to `batch` due projects as taken by this pass; two passes at once never take the same project. */
async function claimDue(db: Db, now: Date, intervalSeconds: number, batch: number): Promise<Claimed[]> {
  await db.$executeRaw`
    INSERT INTO "DriftCheck" ("projectId", "projectName")
    SELECT p.id, p.name FROM "Project" p WHERE p.state = 'ACTIVE' AND p."harborId" IS NOT NULL
    ON CONFLICT ("projectId") DO NOTHING`;
  const dueBefore = new Date(now.getTime() - intervalSeconds * 1000);
  return db.$queryRaw<Claimed[]>`
    WITH due AS (
      SELECT d."projectId" FROM "DriftCheck" d JOIN "Project" p ON p.id = d."projectId"
      WHERE p.state = 'ACTIVE' AND p."harborId" IS NOT NULL AND (d."claimedAt" IS NULL OR d."claimedAt" <= ${dueBefore})
      ORDER BY d."claimedAt" NULLS FIRST, d."projectName"
      LIMIT ${batch}
      FOR UPDATE OF d SKIP LOCKED)
    UPDATE "DriftCheck" d SET "claimedAt" = ${now}
    FROM due, "Project" p
    WHERE d."projectId" = due."projectId" AND p.id = d."projectId"
    RETURNING d."projectId", p.name, p."harborId"`;
}

interface Snapshot {
  grants: GrantRecord[];
  /** grant ids and states, plus whether a job is open: what must not move while Harbor is read */
  key: string;
  busy: boolean;
}

async function snapshot(db: Pick<Tx, "grant" | "provisioningJob">, projectId: string): Promise<Snapshot> {
  const [grants, openJobs] = await Promise.all([
    db.grant.findMany({
      where: { projectId, state: { in: ["ACTIVE", "PENDING"] } },
      select: { id: true, projectName: true, subjectType: true, subjectName: true, state: true, roleId: true, harborRobotId: true, harborRobotName: true, request: { select: { id: true, number: true } } },
      orderBy: { id: "asc" },
    }),
    db.provisioningJob.count({ where: { state: { in: ["QUEUED", "RUNNING"] }, grant: { projectId } } }),
  ]);
  return { grants, key: grants.map((g) => `${g.id}:${g.state}`).join(","), busy: openJobs > 0 };
}

/** Harbor's side, or the error code that stopped the read. */
async function readHarbor(harbor: HarborClient, project: Claimed, grants: GrantRecord[]): Promise<{ findings: DriftFinding[] } | { failure: string }> {
  try {
    const live = await harbor.getProject(project.harborId);
    if (!live) return { findings: [{ kind: "missing-project", name: project.name }] };
    const [members, robots] = await Promise.all([harbor.listMembers(project.name), harbor.listProjectRobots(project.harborId)]);
    const report = findDrift({
      members: liveMembersOf(members.members),
      robots: robots.robots.map((r) => ({ id: r.id, name: r.name })),
      grants: grants.map(driftGrantOf),
      harborOwner: live.ownerName ?? null,
    });
    return { findings: report.findings };
  } catch (e) {
    return { failure: isHarborError(e) ? e.code : "ERROR" };
  }
}

interface Stored {
  findings: JsonValue;
  since: Date | null;
}

/** Checks one claimed project: grants, then Harbor, then the write, which is dropped if the grants moved meanwhile. */
async function checkProject(deps: DriftCheckDeps, project: Claimed, now: Date): Promise<DriftOutcome> {
  const { db } = deps;
  const before = await snapshot(db, project.projectId);
  // a job in flight changes Harbor and the grants one after the other: look again next pass
  if (before.busy) {
    await db.driftCheck.update({ where: { projectId: project.projectId }, data: { claimedAt: null } });
    return "busy";
  }
  const read = await readHarbor(deps.harbor, project, before.grants);
  if ("failure" in read) {
    await db.driftCheck.update({ where: { projectId: project.projectId }, data: { failure: read.failure, failedAt: now } });
    (deps.log ?? silentLogger).warn("drift check could not read Harbor", { project: project.name, code: read.failure });
    return "failed";
  }
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Stored[]>`SELECT findings, since FROM "DriftCheck" WHERE "projectId" = ${project.projectId}::uuid FOR UPDATE`;
    const after = await snapshot(tx, project.projectId);
    if (after.busy || after.key !== before.key) {
      await tx.driftCheck.update({ where: { projectId: project.projectId }, data: { claimedAt: null } });
      return "busy";
    }
    const old = (row?.findings ?? []) as DriftFinding[];
    const changed = findingsKey(old) !== findingsKey(read.findings);
    const since = changed ? (read.findings.length ? now : null) : (row?.since ?? null);
    await tx.driftCheck.update({
      where: { projectId: project.projectId },
      data: { checkedAt: now, findings: read.findings as unknown as Prisma.InputJsonValue, findingCount: read.findings.length, since, failure: null, failedAt: null },
    });
    if (!changed) return "unchanged";
    await appendAuditEvents(tx, CTX, [
      {
        action: read.findings.length ? "project.drift.found" : "project.drift.cleared",
        objectType: "project",
        objectId: project.projectId,
        projectName: project.name,
        before: { findings: old as unknown as JsonValue },
        after: { findings: read.findings as unknown as JsonValue },
      },
    ]);
    return "changed";
  });
}

/** One batch of due projects, a few at a time. A failure on one project never stops the others. */
export async function runDriftChecks(deps: DriftCheckDeps): Promise<DriftPass> {
  const now = (deps.clock ?? (() => new Date()))();
  const claimed = await claimDue(deps.db, now, deps.intervalSeconds, deps.batch ?? DEFAULT_BATCH);
  const outcomes: Record<string, DriftOutcome> = {};
  let next = 0;
  const lane = async () => {
    while (next < claimed.length) {
      const project = claimed[next++]!;
      try {
        outcomes[project.name] = await checkProject(deps, project, now);
      } catch (e) {
        outcomes[project.name] = "failed";
        (deps.log ?? silentLogger).error("drift check failed", { project: project.name, error: e instanceof Error ? e.name : "unknown" });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(deps.concurrency ?? DEFAULT_CONCURRENCY, claimed.length) }, lane));
  return { outcomes };
}
