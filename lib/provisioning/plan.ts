import "server-only";
import { harborRobotName } from "../core/names";
import { OWNER_ROLE_ID, roleLabel } from "../core/roles";
import { isHarborError } from "../harbor/errors";

// The pure half of provisioning: which steps a job has, how long to wait before a retry, what an error may say.

export type StepKey =
  | "project.ensure"
  | "tagrule.ensure"
  | "member.ensure"
  | "member.role"
  | "robot.create"
  | "robot.rotate"
  | "robot.extend"
  | "quota.set"
  | "member.remove"
  | "robot.delete";

export interface PlannedStep {
  key: StepKey;
  label: string;
}

export type PlanInput =
  | { kind: "NEW_PROJECT"; projectName: string; ownerGroup: string; tagPattern: string }
  | { kind: "GROUP_ACCESS"; projectName: string; groupName: string; roleId: number; replacesRoleId: number | null }
  | { kind: "ROBOT_ACCOUNT"; projectName: string; robotName: string; lifetimeDays: number }
  | { kind: "ROBOT_ROTATION"; robotName: string }
  | { kind: "GRANT_EXTENSION"; subjectType: "GROUP" | "ROBOT"; subjectName: string; newEndsAt: Date }
  | { kind: "QUOTA_CHANGE"; projectName: string; quotaGiB: number }
  | { kind: "EXPIRE" | "REVOKE"; projectName: string; subjectType: "GROUP" | "ROBOT"; subjectName: string };

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The steps of a job, in order; created with the job so the request page shows the plan before it runs. */
export function planSteps(input: PlanInput): PlannedStep[] {
  switch (input.kind) {
    case "NEW_PROJECT":
      return [
        { key: "project.ensure", label: `Create project ${input.projectName} in Harbor` },
        { key: "tagrule.ensure", label: `Make tags ${input.tagPattern} immutable in every repository` },
        { key: "member.ensure", label: `Add group ${input.ownerGroup} as ${roleLabel(OWNER_ROLE_ID)}` },
      ];
    case "GROUP_ACCESS":
      return input.replacesRoleId === null
        ? [{ key: "member.ensure", label: `Add group ${input.groupName} to ${input.projectName} as ${roleLabel(input.roleId)}` }]
        : [{ key: "member.role", label: `Change ${input.groupName} in ${input.projectName} from ${roleLabel(input.replacesRoleId)} to ${roleLabel(input.roleId)}` }];
    case "ROBOT_ACCOUNT":
      return [{ key: "robot.create", label: `Create robot ${harborRobotName(input.projectName, input.robotName)}, expiring after ${input.lifetimeDays} days` }];
    case "ROBOT_ROTATION":
      return [{ key: "robot.rotate", label: `Issue a new secret for ${input.robotName}` }];
    case "GRANT_EXTENSION":
      // Harbor memberships have no end date: Berth enforces a group's end itself, so there is nothing to call.
      return input.subjectType === "GROUP" ? [] : [{ key: "robot.extend", label: `Extend ${input.subjectName} in Harbor to ${day(input.newEndsAt)}` }];
    case "QUOTA_CHANGE":
      return [{ key: "quota.set", label: `Set the storage quota of ${input.projectName} to ${input.quotaGiB} GiB` }];
    case "EXPIRE":
    case "REVOKE":
      return input.subjectType === "GROUP"
        ? [{ key: "member.remove", label: `Remove group ${input.subjectName} from ${input.projectName}` }]
        : [{ key: "robot.delete", label: `Delete robot ${input.subjectName} from ${input.projectName}` }];
  }
}

/**
 * Harbor calls each flow makes when nothing goes wrong, with this client (docs/provisioning.md).
 * A robot extension is GET + PUT (Harbor's PUT wants the whole object) + GET (the recomputed expiry).
 */
export const HARBOR_CALLS_PER_FLOW = {
  NEW_PROJECT: 3,
  GROUP_ACCESS: 1,
  GROUP_ROLE_CHANGE: 1,
  ROBOT_ACCOUNT: 1,
  ROBOT_ROTATION: 1,
  GROUP_EXTENSION: 0,
  ROBOT_EXTENSION: 3,
  QUOTA_CHANGE: 2,
  EXPIRE_OR_REVOKE: 1,
} as const;

/** Exponential backoff with equal jitter: half the ceiling fixed, half random, so retries of many jobs spread out. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

const DAY_SECONDS = 24 * 3600;

/** Harbor counts a robot's duration from its creation: the whole days that make its expiry reach `endsAt`. */
export function robotDurationDays(creationUnixSeconds: number, endsAt: Date): number {
  const seconds = Math.floor(endsAt.getTime() / 1000) - creationUnixSeconds;
  return Math.max(1, Math.ceil(seconds / DAY_SECONDS));
}

/** A refusal of our own (a precondition no retry can fix); its message is safe to show. */
export class StepError extends Error {
  constructor(
    message: string,
    readonly retryable = false,
  ) {
    super(message);
    this.name = "StepError";
  }
}

/** The job's lease went to another worker: stop without writing anything. */
export class LeaseLostError extends Error {
  constructor(readonly jobId: string) {
    super(`lease on job ${jobId} lost`);
    this.name = "LeaseLostError";
  }
}

export interface ClassifiedError {
  /** Short and safe to show and store: Harbor's status, code and message, or our own refusal; never credentials. */
  message: string;
  harborRequestId: string | null;
  retryable: boolean;
  /** Unexpected errors: the full text goes to the worker log only. */
  internal: boolean;
}

const MAX_ERROR_LENGTH = 500;
const clip = (s: string) => (s.length > MAX_ERROR_LENGTH ? `${s.slice(0, MAX_ERROR_LENGTH - 1)}…` : s);

export function classifyError(error: unknown): ClassifiedError {
  if (isHarborError(error)) {
    const status = error.status === undefined ? "" : `${error.status} `;
    return { message: clip(`Harbor ${error.method} ${error.path}: ${status}${error.code}: ${error.harborMessage}`), harborRequestId: error.requestId || null, retryable: error.retryable, internal: false };
  }
  if (error instanceof StepError) return { message: clip(error.message), harborRequestId: null, retryable: error.retryable, internal: false };
  // Database hiccups and bugs: retry with backoff; the message stays in the log, not on the request page.
  return { message: "internal error in the provisioning worker (see its log)", harborRequestId: null, retryable: true, internal: true };
}
