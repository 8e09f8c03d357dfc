import "server-only";
import { randomUUID } from "node:crypto";
import type { AuditEventInput, JsonValue } from "../audit/types";
import { GIB } from "../core/payloads";
import { berthRobotDescription, berthRobotMarker, harborRobotName } from "../core/names";
import { templateByKey } from "../core/templates";
import type { Grant } from "../generated/prisma/client";
import type { HarborClient } from "../harbor/client";
import { isRoleId, type RoleId } from "../core/roles";
import { robotDurationDays, StepError, type StepKey } from "./plan";
import { need, wipeSecretsOfGrant, type JobContext } from "./records";
import { robotSecretAad, sealSecret } from "./secrets";
import type { Queryable } from "../sql";

// Each step kind: its Harbor call(s) and what must be recorded with the step's success.

/** The Harbor operations provisioning uses; the real client and test doubles both fit. */
export type ProvisioningHarbor = Pick<
  HarborClient,
  | "ensureProject"
  | "ensureImmutableTagRule"
  | "ensureGroupMember"
  | "changeMemberRole"
  | "removeMember"
  | "listMembers"
  | "ensureRobot"
  | "getRobot"
  | "rotateRobotSecret"
  | "updateRobotDuration"
  | "deleteRobot"
  | "setQuota"
>;

export interface StepDeps {
  pool: Queryable;
  harbor: ProvisioningHarbor;
  secretsKey: Buffer;
  secretRevealHours: number;
  now: () => Date;
}

export type GrantUpdate = Partial<Pick<Grant, "harborMemberId" | "harborRobotId" | "harborRobotName" | "endsAt">>;

/** Writes a step's Harbor ids onto its grant (when the step is not the one that activates the grant). */
export async function applyGrantUpdate(c: Queryable, grantId: string, update: GrantUpdate): Promise<void> {
  const columns = (Object.keys(update) as (keyof GrantUpdate)[]).filter((k) => update[k] !== undefined);
  if (columns.length === 0) return;
  const sets = columns.map((k, i) => `"${k}" = $${i + 2}`).join(", ");
  await c.query(`UPDATE "Grant" SET ${sets}, "updatedAt" = now() WHERE id = $1`, [grantId, ...columns.map((k) => update[k])]);
}

export interface StepOutcome {
  /** X-Request-Id of the call that decided the outcome; null when the step needed no call. */
  harborRequestId: string | null;
  /** Ids and flags only: shown on the request page and copied into the audit trail. Never a secret. */
  result: Record<string, JsonValue>;
  /** Harbor ids (and a robot's end) for the job's grant, written with the step's success (or its activation). */
  grantUpdate?: GrantUpdate;
  /** Other writes that commit in the same transaction as the step's success; returns their audit events. */
  persist?: (client: Queryable, now: Date) => Promise<AuditEventInput[]>;
}

function roleOf(grant: Grant): RoleId {
  if (!isRoleId(grant.roleId)) throw new StepError(`grant ${grant.id} has no valid Harbor role`);
  return grant.roleId;
}

const revealDeadline = (now: Date, hours: number) => new Date(now.getTime() + hours * 3600_000);

/** Seals a secret into a new RobotSecret row; the caller's transaction is the one recording the step's success. */
async function storeSecret(client: Queryable, deps: StepDeps, now: Date, row: { requestId: string; grantId: string; robotName: string }, secret: string) {
  const id = randomUUID();
  const sealed = sealSecret(secret, deps.secretsKey, robotSecretAad(id));
  await client.query(
    `INSERT INTO "RobotSecret" (id, "requestId", "grantId", "robotName", ciphertext, iv, "authTag", "createdAt", "expiresAt") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [id, row.requestId, row.grantId, row.robotName, Buffer.from(sealed.ciphertext), Buffer.from(sealed.iv), Buffer.from(sealed.authTag), now, revealDeadline(now, deps.secretRevealHours)],
  );
  return id;
}

async function robotCreationUnix(deps: StepDeps, grant: Grant, robotId: number): Promise<{ unix: number; requestIds: string[] }> {
  // Recorded when Berth created the robot, so an extension needs no extra read from Harbor.
  const { rows } = await deps.pool.query<{ result: Record<string, unknown> | null }>(
    `SELECT s.result FROM "ProvisioningStep" s JOIN "ProvisioningJob" j ON j.id = s."jobId" WHERE j."requestId" = $1 AND s.key = 'robot.create' AND s.state = 'SUCCEEDED' LIMIT 1`,
    [grant.requestId],
  );
  const recorded = rows[0]?.result?.harborCreatedAt;
  if (typeof recorded === "number") return { unix: recorded, requestIds: [] };
  const robot = await deps.harbor.getRobot(robotId);
  if (!robot) throw new StepError(`robot ${robotId} no longer exists in Harbor`);
  const ms = robot.creationTime ? Date.parse(robot.creationTime) : NaN;
  if (Number.isNaN(ms)) throw new StepError(`Harbor did not say when robot ${robotId} was created`);
  return { unix: Math.floor(ms / 1000), requestIds: [robot.requestId] };
}

type StepHandler = (ctx: JobContext, deps: StepDeps) => Promise<StepOutcome>;

/** One handler per step key: its Harbor call(s) and what its success records. */
const STEP_HANDLERS: Record<StepKey, StepHandler> = {
  "project.ensure": async (ctx, deps): Promise<StepOutcome> => {
    const { harbor } = deps;
    const typed = ctx.typed;
    if (typed?.kind !== "NEW_PROJECT") throw new StepError("project.ensure belongs to a new-project request");
    const project = need(ctx.project, "the project record");
    const template = need(templateByKey(typed.payload.template), `template ${typed.payload.template}`);
    const r = await harbor.ensureProject({ name: project.name, metadata: template.metadata, storageLimitBytes: typed.payload.quotaGiB * GIB });
    project.harborId = r.projectId;
    return {
      harborRequestId: r.requestId,
      result: { harborProjectId: r.projectId, created: r.created, metadataUpdated: r.metadataUpdated, harborRequestIds: r.requestIds },
      persist: async (client) => {
        await client.query(`UPDATE "Project" SET "harborId" = $2, "updatedAt" = now() WHERE id = $1`, [project.id, r.projectId]);
        return [];
      },
    };
  },
  "tagrule.ensure": async (ctx, deps): Promise<StepOutcome> => {
    const { harbor } = deps;
    const project = need(ctx.project, "the project record");
    const template = need(templateByKey(project.template), `template ${project.template}`);
    const r = await harbor.ensureImmutableTagRule(project.name, { tagPattern: template.immutableTagPattern, repoPattern: "**" });
    return { harborRequestId: r.requestId, result: { created: r.created, ruleId: r.ruleId ?? null, tagPattern: template.immutableTagPattern } };
  },
  "member.ensure": async (ctx, deps): Promise<StepOutcome> => {
    const { harbor } = deps;
    const grant = need(ctx.grant, "the grant");
    const r = await harbor.ensureGroupMember(grant.projectName, grant.subjectName, roleOf(grant));
    grant.harborMemberId = r.memberId;
    return {
      harborRequestId: r.requestId,
      result: { harborMemberId: r.memberId, created: r.created, roleChanged: r.roleChanged, harborRequestIds: r.requestIds },
      grantUpdate: { harborMemberId: r.memberId },
    };
  },
  "member.role": async (ctx, deps): Promise<StepOutcome> => {
    const { harbor } = deps;
    const grant = need(ctx.grant, "the grant");
    const replaced = grant.supersedesId
      ? ((await deps.pool.query<{ state: string; harborMemberId: number | null }>(`SELECT state::text AS state, "harborMemberId" FROM "Grant" WHERE id = $1`, [grant.supersedesId])).rows[0] ?? null)
      : null;
    let memberId: number;
    let requestId: string;
    let changed = true;
    if (replaced && replaced.state === "ACTIVE" && replaced.harborMemberId !== null) {
      // Same Harbor membership, new role: one PUT.
      memberId = replaced.harborMemberId;
      requestId = (await harbor.changeMemberRole(grant.projectName, memberId, roleOf(grant))).requestId;
    } else {
      // The grant it replaced ended meanwhile: the membership may be gone, so ensure it afresh.
      const r = await harbor.ensureGroupMember(grant.projectName, grant.subjectName, roleOf(grant));
      memberId = r.memberId;
      requestId = r.requestId;
      changed = r.roleChanged || r.created;
    }
    grant.harborMemberId = memberId;
    return {
      harborRequestId: requestId,
      result: { harborMemberId: memberId, roleId: grant.roleId, changed },
      grantUpdate: { harborMemberId: memberId },
    };
  },
  "robot.create": async (ctx, deps): Promise<StepOutcome> => {
    const { harbor } = deps;
    const typed = ctx.typed;
    if (typed?.kind !== "ROBOT_ACCOUNT") throw new StepError("robot.create belongs to a robot-account request");
    const grant = need(ctx.grant, "the grant");
    const p = typed.payload;
    // A robot of that name is adopted only when Berth made it for this very grant (its recorded id, or the marker in
    // its description after a run that crashed before recording it); anyone else's is refused, never taken over.
    const marker = berthRobotMarker(grant.id);
    const r = await harbor.ensureRobot(
      { project: grant.projectName, name: grant.subjectName, description: berthRobotDescription(p.description, grant.id), durationDays: p.lifetimeDays, permissions: p.permissions },
      { owned: (existing) => existing.id === grant.harborRobotId || existing.description.includes(marker) },
    );
    const now = deps.now();
    const endsAt = r.expiresAt > 0 ? new Date(r.expiresAt * 1000) : new Date(now.getTime() + p.lifetimeDays * 86_400_000);
    // created now, or set to the approved duration now: its expiry is its creation plus the approved days
    const fresh = r.created || r.replaced || r.reconciled;
    const robotName = r.name || harborRobotName(grant.projectName, grant.subjectName);
    Object.assign(grant, { harborRobotId: r.id, harborRobotName: robotName, endsAt });
    const secret = r.secret;
    return {
      harborRequestId: r.requestId,
      result: {
        harborRobotId: r.id,
        robotName,
        expiresAt: r.expiresAt,
        created: r.created,
        replaced: r.replaced,
        reconciled: r.reconciled,
        // Harbor counts a robot's duration from its creation; kept so an extension can compute its new duration.
        ...(fresh && r.expiresAt > 0 ? { harborCreatedAt: r.expiresAt - p.lifetimeDays * 86_400 } : {}),
        harborRequestIds: r.requestIds,
      },
      grantUpdate: { harborRobotId: r.id, harborRobotName: robotName, endsAt },
      persist: async (client, at) => {
        await storeSecret(client, deps, at, { requestId: need(ctx.request, "the request").id, grantId: grant.id, robotName }, secret);
        return [];
      },
    };
  },
  "robot.rotate": async (ctx, deps): Promise<StepOutcome> => {
    const { harbor } = deps;
    const grant = need(ctx.grant, "the grant");
    const robotId = need(grant.harborRobotId, "the robot's Harbor id");
    const r = await harbor.rotateRobotSecret(robotId);
    const robotName = grant.harborRobotName ?? harborRobotName(grant.projectName, grant.subjectName);
    const secret = r.secret;
    return {
      harborRequestId: r.requestId,
      result: { harborRobotId: robotId, robotName },
      persist: async (client, at) => {
        const id = await storeSecret(client, deps, at, { requestId: need(ctx.request, "the request").id, grantId: grant.id, robotName }, secret);
        // The old secret stopped working in Harbor; an unrevealed copy of it is useless, so it goes now.
        return wipeSecretsOfGrant(client, grant, at, "replaced by a rotation", id);
      },
    };
  },
  "robot.extend": async (ctx, deps): Promise<StepOutcome> => {
    const { harbor } = deps;
    const typed = ctx.typed;
    if (typed?.kind !== "GRANT_EXTENSION") throw new StepError("robot.extend belongs to an extension request");
    const grant = need(ctx.grant, "the grant");
    const robotId = need(grant.harborRobotId, "the robot's Harbor id");
    const newEndsAt = new Date(typed.payload.newEndsAt);
    const creation = await robotCreationUnix(deps, grant, robotId);
    const durationDays = robotDurationDays(creation.unix, newEndsAt);
    const r = await harbor.updateRobotDuration(robotId, durationDays);
    return { harborRequestId: r.requestId, result: { harborRobotId: robotId, durationDays, harborExpiresAt: r.expiresAt, harborRequestIds: [...creation.requestIds, ...r.requestIds] } };
  },
  "quota.set": async (ctx, deps): Promise<StepOutcome> => {
    const { harbor } = deps;
    const typed = ctx.typed;
    if (typed?.kind !== "QUOTA_CHANGE") throw new StepError("quota.set belongs to a quota-change request");
    const project = need(ctx.project, "the project record");
    const harborId = need(project.harborId, "the project's Harbor id");
    const hardBytes = typed.payload.quotaGiB * GIB;
    const r = await harbor.setQuota(harborId, hardBytes);
    return { harborRequestId: r.requestId, result: { quotaId: r.quotaId, hardBytes, changed: r.changed, harborRequestIds: r.requestIds } };
  },
  "member.remove": async (ctx, deps): Promise<StepOutcome> => {
    const { harbor } = deps;
    const grant = need(ctx.grant, "the grant");
    // A superseded grant's membership now belongs to its successor: never remove it on the old grant's behalf.
    if (grant.state !== "ACTIVE") return { harborRequestId: null, result: { skipped: `grant is ${grant.state.toLowerCase()}` } };
    let memberId = grant.harborMemberId;
    const requestIds: string[] = [];
    if (memberId === null) {
      const found = await harbor.listMembers(grant.projectName, grant.subjectName);
      requestIds.push(...found.requestIds);
      memberId = found.members.find((m) => m.entityType === "g" && m.entityName === grant.subjectName)?.id ?? null;
      if (memberId === null) return { harborRequestId: found.requestId, result: { removed: false, harborRequestIds: requestIds } };
    }
    const r = await harbor.removeMember(grant.projectName, memberId);
    return { harborRequestId: r.requestId, result: { harborMemberId: memberId, removed: r.removed, harborRequestIds: [...requestIds, r.requestId] } };
  },
  "robot.delete": async (ctx, deps): Promise<StepOutcome> => {
    const { harbor } = deps;
    const grant = need(ctx.grant, "the grant");
    if (grant.state !== "ACTIVE") return { harborRequestId: null, result: { skipped: `grant is ${grant.state.toLowerCase()}` } };
    if (grant.harborRobotId === null) return { harborRequestId: null, result: { deleted: false } };
    const r = await harbor.deleteRobot(grant.harborRobotId);
    return { harborRequestId: r.requestId, result: { harborRobotId: grant.harborRobotId, deleted: r.deleted } };
  },
};

export function executeStep(key: StepKey, ctx: JobContext, deps: StepDeps): Promise<StepOutcome> {
  return STEP_HANDLERS[key](ctx, deps);
}
