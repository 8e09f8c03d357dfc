import "server-only";
import { plainText } from "../core/validation";
import { isProjectRobotNamed } from "../core/names";
import { z } from "zod";
import { env } from "../env";
import type { Db } from "../db";
import { decideRequest } from "../governance/decisions";
import { DomainError } from "../core/errors";
import { revokeGrant } from "../governance/grants";
import { harborNameProblem } from "../core/names";
import { requestInput } from "../core/payloads";
import { policyFromEnv } from "../governance/policy";
import { cancelRequest, projectNameTakenIn, submitRequest, type GovernanceDeps } from "../governance/requests";
import { revealSecret } from "../governance/secrets";
import { harbor } from "../harbor-instance";
import { retryJob } from "../provisioning/enqueue";
import { defineAction } from "./define";

const uuid = (what: string) => z.string({ error: `${what} is missing.` }).uuid(`${what} is not valid.`);

/** Whether Harbor already has a project of this name; Harbor being unreachable is a clear refusal, not a guess. */
async function harborProjectExists(name: string): Promise<boolean> {
  try {
    return (await harbor().projectExists(name)).exists;
  } catch {
    throw new DomainError("UNAVAILABLE", "Harbor could not be reached to check the project name. Nothing was submitted; try again in a moment.");
  }
}

/** Whether Harbor has a robot of this name in the project; unreachable is a clear refusal, not a guess. */
async function harborRobotExists(projectName: string, robotName: string): Promise<boolean> {
  try {
    const project = await harbor().getProject(projectName);
    if (!project) return false;
    return (await harbor().listProjectRobots(project.projectId)).robots.some((r) => isProjectRobotNamed(r.name, projectName, robotName));
  } catch {
    throw new DomainError("UNAVAILABLE", "Harbor could not be reached to check the robot name. Nothing was submitted; try again in a moment.");
  }
}

export function governanceDeps(db: Db, now: Date): GovernanceDeps {
  return { db, now, policy: policyFromEnv(env()), harborProjectExists, harborRobotExists };
}

// One definition per server action: the permission it needs, its input schema, and a thin body over the domain.
export const submitRequestAction = defineAction({
  name: "submit-request",
  permission: "request:create",
  input: requestInput,
  run: ({ input, principal, audit, db, now }) => submitRequest(governanceDeps(db, now), principal, input, audit),
});

export const cancelRequestAction = defineAction({
  name: "cancel-request",
  permission: "request:cancel-own",
  input: z.strictObject({ requestId: uuid("Request") }),
  run: async ({ input, principal, audit, db, now }) => {
    await cancelRequest(db, principal, input.requestId, audit, now);
    return { state: "CANCELLED" as const };
  },
});

export const decideRequestAction = defineAction({
  name: "decide-request",
  permission: "request:decide",
  input: z.strictObject({
    requestId: uuid("Request"),
    decision: z.enum(["APPROVE", "REJECT"], { error: "Choose approve or reject." }),
    comment: plainText("Comment", { max: 2000, multiline: true }).optional(),
  }),
  run: ({ input, principal, audit, db, now }) => decideRequest(governanceDeps(db, now), principal, input, audit),
});

export const revealSecretAction = defineAction({
  name: "reveal-secret",
  permission: "secret:reveal-own",
  input: z.strictObject({ requestId: uuid("Request") }),
  run: ({ input, principal, audit, db, now }) =>
    revealSecret(db, principal, input.requestId, { key: Buffer.from(env().BERTH_SECRETS_KEY, "base64"), harborUrl: env().HARBOR_URL, now }, audit),
});

export const retryJobAction = defineAction({
  name: "retry-job",
  permission: "job:retry",
  input: z.strictObject({ jobId: uuid("Job") }),
  run: async ({ input, audit, db, now }) => {
    await db.$transaction((tx) => retryJob(tx, input.jobId, audit, now));
    return { state: "QUEUED" as const };
  },
});

export const revokeGrantAction = defineAction({
  name: "revoke-grant",
  permission: "grant:revoke",
  input: z.strictObject({
    grantId: uuid("Grant"),
    reason: plainText("Reason", { max: 1000, multiline: true, missing: "Say why." }).pipe(z.string().min(5, "Say why, in at least 5 characters.")),
  }),
  run: ({ input, principal, audit, db }) => revokeGrant(db, principal, input.grantId, input.reason, audit),
});

/** Live check while typing a project name: Harbor's rules, then Berth and Harbor for a taken name. */
export const checkProjectNameAction = defineAction({
  name: "check-project-name",
  permission: "request:create",
  input: z.strictObject({ projectName: plainText("Project name", { max: 300 }) }),
  run: async ({ input, db }) => {
    const name = input.projectName.trim();
    const problem = harborNameProblem(name, "Project name");
    if (problem) return { available: false, message: problem };
    const takenIn = await projectNameTakenIn(db, name, harborProjectExists);
    if (takenIn === "berth") return { available: false, message: `${name} already exists.` };
    if (takenIn === "pending") return { available: false, message: `A request for ${name} is already open.` };
    if (takenIn === "harbor") return { available: false, message: `${name} already exists in Harbor.` };
    return { available: true, message: `${name} is available.` };
  },
});

export const ALL_ACTIONS = [submitRequestAction, cancelRequestAction, decideRequestAction, revealSecretAction, retryJobAction, revokeGrantAction, checkProjectNameAction] as const;
