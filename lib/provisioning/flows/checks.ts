import "server-only";
import { conflict, notFound } from "../../core/errors";
import { OPEN_JOB_STATES } from "../../core/states";
import type { Tx } from "../../db";
import type { Grant } from "../../generated/prisma/client";

// Preconditions the approval-side transactions check once, on rows they lock.

/** Locks a grant row for the rest of the transaction and reads it. */
export async function lockGrant(tx: Tx, grantId: string): Promise<Grant> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Grant" WHERE id = ${grantId}::uuid FOR UPDATE`;
  if (rows.length === 0) throw notFound("That grant");
  return tx.grant.findUniqueOrThrow({ where: { id: grantId } });
}

export async function activeProject(tx: Tx, name: string) {
  const project = await tx.project.findUnique({ where: { name } });
  if (!project) throw notFound(`Project ${name}`);
  if (project.state !== "ACTIVE" || project.harborId === null) throw conflict(`Project ${name} is not active in Harbor yet (${project.state.toLowerCase()}).`);
  return project;
}

export async function openJobFor(tx: Tx, grantId: string, kinds: ("PROVISION" | "EXPIRE" | "REVOKE")[]) {
  return tx.provisioningJob.findFirst({ where: { grantId, kind: { in: kinds }, state: { in: [...OPEN_JOB_STATES] } }, select: { id: true, kind: true } });
}

/** The grant a change (role, rotation, extension) applies to: locked, active, and not being changed or removed already. */
export async function activeGrantForChange(tx: Tx, grantId: string, what: string): Promise<Grant> {
  const grant = await lockGrant(tx, grantId);
  if (grant.state !== "ACTIVE") throw conflict(`${what}: the grant is ${grant.state.toLowerCase()}, not active.`);
  if (await openJobFor(tx, grant.id, ["EXPIRE", "REVOKE"])) throw conflict(`${what}: the grant is being removed from Harbor.`);
  if (await openJobFor(tx, grant.id, ["PROVISION"])) throw conflict(`${what}: another change to this grant is still being provisioned.`);
  return grant;
}
