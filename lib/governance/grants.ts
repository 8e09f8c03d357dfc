import { appendAuditEvent } from "../audit/append";
import type { AuditContext } from "../audit/types";
import type { Principal } from "../auth/principal";
import type { Db } from "../db";
import { enqueueRevocation } from "../provisioning/enqueue";
import { DomainError, forbidden, notFound } from "../core/errors";
import { subjectKey } from "../core/names";
import { canManageProject } from "./queries";

interface LockedGrant {
  id: string;
  state: string;
  subjectType: "GROUP" | "ROBOT";
  subjectName: string;
  projectName: string;
  ownerGroup: string;
  requestKind: string;
  requestId: string;
}

/**
 * Revokes a grant now: an approver any grant, a requester those in projects their groups own. The owner group's
 * own membership is not revocable here (it would orphan the project).
 */
export async function revokeGrant(db: Db, principal: Principal, grantId: string, reason: string, audit: AuditContext): Promise<{ jobQueued: boolean }> {
  return db.$transaction(async (tx) => {
    const [grant] = await tx.$queryRaw<LockedGrant[]>`
      SELECT g.id, g.state::text AS state, g."subjectType"::text AS "subjectType", g."subjectName", g."projectName", p."ownerGroup", r.kind::text AS "requestKind", g."requestId"
      FROM "Grant" g JOIN "Project" p ON p.id = g."projectId" JOIN "Request" r ON r.id = g."requestId"
      WHERE g.id = ${grantId}::uuid FOR UPDATE OF g`;
    if (!grant) throw notFound("That grant");
    if (!canManageProject(principal, grant)) {
      // Someone outside the project learns nothing: the same answer as for a grant that does not exist.
      if (!principal.permissions.includes("grant:read-any") && !principal.groups.includes(grant.subjectName)) throw notFound("That grant");
      throw forbidden(`Only approvers and members of ${grant.ownerGroup} can revoke access to ${grant.projectName}.`);
    }
    if (grant.requestKind === "NEW_PROJECT" && grant.subjectType === "GROUP" && grant.subjectName === grant.ownerGroup) {
      throw new DomainError("POLICY", `${grant.ownerGroup} owns ${grant.projectName}; its membership ends only with the project.`);
    }
    if (grant.state !== "ACTIVE") throw new DomainError("CONFLICT", `Only active access can be revoked; this grant is ${grant.state.toLowerCase()}.`);
    const open = await tx.provisioningJob.findFirst({ where: { grantId: grant.id, kind: { in: ["REVOKE", "EXPIRE"] }, state: { in: ["QUEUED", "RUNNING"] } } });
    if (open) throw new DomainError("CONFLICT", "This grant is already being removed from Harbor.");
    await appendAuditEvent(tx, audit, {
      action: "grant.revocation_requested",
      objectType: "grant",
      objectId: grant.id,
      requestId: grant.requestId,
      projectName: grant.projectName,
      subject: subjectKey(grant.subjectType, grant.subjectName),
      after: { reason, by: { id: principal.id, name: principal.name } },
    });
    await enqueueRevocation(tx, grant.id, audit, reason);
    return { jobQueued: true };
  });
}
