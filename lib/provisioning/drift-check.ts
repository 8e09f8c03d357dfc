import "server-only";
import { appendAuditEvents } from "../audit/append";
import { SYSTEM_CONTEXT, type JsonValue } from "../audit/types";
import type { Db, Tx } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { findingsKey, type DriftFinding } from "../core/drift";
import { compareWithHarbor, type GrantRecord } from "./drift";
import { isHarborError, type HarborClient } from "../harbor";
import { silentLogger, type WorkerLogger } from "./worker";

// The scheduler's background comparison of each managed project in Harbor with its grants, so drift shows up on the
// approvers' home without anyone opening the project. Only a change of findings is an audit event.

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
  /** Checked between projects: when true, no further project of the batch is read (its claim simply lapses). */
  stopping?: () => boolean;
}

/** "superseded": another scheduler claimed the project again meanwhile (this check took longer than the interval). */
export type DriftOutcome = "unchanged" | "changed" | "failed" | "busy" | "superseded";

export interface DriftPass {
  /** project name → what its check did */
  outcomes: Record<string, DriftOutcome>;
  claimed: number;
  batch: number;
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
      select: { id: true, projectName: true, subjectType: true, subjectName: true, state: true, roleId: true, harborRobotId: true, harborRobotName: true, permissions: true, endsAt: true, request: { select: { id: true, number: true } } },
      orderBy: { id: "asc" },
    }),
    db.provisioningJob.count({ where: { state: { in: ["QUEUED", "RUNNING"] }, grant: { projectId } } }),
  ]);
  return { grants, key: grants.map((g) => `${g.id}:${g.state}`).join(","), busy: openJobs > 0 };
}

/** A code safe to store and show: Harbor's own codes are upper-case words; anything else is just an error. */
const failureCode = (e: unknown) => (isHarborError(e) && /^[A-Z][A-Z0-9_]{0,39}$/.test(e.code) ? e.code : "ERROR");

/** Harbor's side, or the error code that stopped the read. */
async function readHarbor(harbor: HarborClient, project: Claimed, grants: GrantRecord[]): Promise<{ findings: DriftFinding[] } | { failure: string }> {
  try {
    const live = await harbor.getProject(project.harborId);
    if (!live) {
      // a proxy in front of Harbor can answer 404 for everything during maintenance: only a Harbor that answers its
      // ping may say a project is gone
      await harbor.ping();
      return { findings: [{ kind: "missing-project", name: project.name }] };
    }
    const [members, robots] = await Promise.all([harbor.listMembers(project.name), harbor.listProjectRobots(project.harborId)]);
    return { findings: compareWithHarbor({ members: members.members, robots: robots.robots, ownerName: live.ownerName ?? null }, grants).findings };
  } catch (e) {
    return { failure: failureCode(e) };
  }
}

interface Stored {
  findings: JsonValue;
  since: Date | null;
  claimedAt: Date | null;
}

/**
 * Checks one claimed project: grants, then Harbor, then the write, which is dropped if the grants moved meanwhile.
 * Every write holds only while this pass's claim does (`claimedAt` = `claimedAt` of the claim): a slow check never
 * overwrites a newer one.
 */
async function checkProject(deps: DriftCheckDeps, project: Claimed, claim: Date): Promise<DriftOutcome> {
  const { db } = deps;
  const clock = deps.clock ?? (() => new Date());
  const ours = { projectId: project.projectId, claimedAt: claim };
  // due again at once, but behind the projects that have waited longer (a claim this old is exactly due)
  const again = { claimedAt: new Date(claim.getTime() - deps.intervalSeconds * 1000) };
  const before = await snapshot(db, project.projectId);
  // a job in flight changes Harbor and the grants one after the other: look again next pass
  if (before.busy) {
    const { count } = await db.driftCheck.updateMany({ where: ours, data: again });
    return count ? "busy" : "superseded";
  }
  const read = await readHarbor(deps.harbor, project, before.grants);
  if ("failure" in read) {
    const { count } = await db.driftCheck.updateMany({ where: ours, data: { failure: read.failure, failedAt: clock() } });
    if (!count) return "superseded";
    (deps.log ?? silentLogger).warn("drift check could not read Harbor", { project: project.name, code: read.failure });
    return "failed";
  }
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Stored[]>`SELECT findings, since, "claimedAt" FROM "DriftCheck" WHERE "projectId" = ${project.projectId}::uuid FOR UPDATE`;
    if (!row || row.claimedAt?.getTime() !== claim.getTime()) return "superseded";
    const after = await snapshot(tx, project.projectId);
    if (after.busy || after.key !== before.key) {
      await tx.driftCheck.update({ where: { projectId: project.projectId }, data: again });
      return "busy";
    }
    const now = clock();
    const old = row.findings as unknown as DriftFinding[];
    const changed = findingsKey(old) !== findingsKey(read.findings);
    const since = changed ? (read.findings.length ? now : null) : row.since;
    await tx.driftCheck.update({
      where: { projectId: project.projectId },
      data: { checkedAt: now, findings: read.findings as unknown as Prisma.InputJsonValue, findingCount: read.findings.length, since, failure: null, failedAt: null },
    });
    if (!changed) return "unchanged";
    await appendAuditEvents(tx, SYSTEM_CONTEXT.scheduler, [
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
  const claim = (deps.clock ?? (() => new Date()))();
  const batch = deps.batch ?? DEFAULT_BATCH;
  const claimed = await claimDue(deps.db, claim, deps.intervalSeconds, batch);
  const outcomes: Record<string, DriftOutcome> = {};
  let next = 0;
  const lane = async () => {
    while (next < claimed.length && !deps.stopping?.()) {
      const project = claimed[next++]!;
      try {
        outcomes[project.name] = await checkProject(deps, project, claim);
      } catch (e) {
        outcomes[project.name] = "failed";
        (deps.log ?? silentLogger).error("drift check failed", { project: project.name, error: e instanceof Error ? e.name : "unknown" });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(deps.concurrency ?? DEFAULT_CONCURRENCY, claimed.length) }, lane));
  return { outcomes, claimed: claimed.length, batch };
}
