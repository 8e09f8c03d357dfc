import "server-only";
import type { AuditContext } from "../audit/types";
import type { Principal } from "../authz/principal";
import type { Db } from "../db";
import { queueRemoval } from "../provisioning/enqueue";
import { DomainError, forbidden, notFound } from "../core/errors";
import { subjectKey } from "../core/names";
import { canManageProject, canSeeGrant } from "../authz/scope";

/**
 * Revokes a grant now: an approver any grant, a requester those in projects their groups own. The owner group's
 * own membership is not revocable here (it would orphan the project). The grant row is locked once and handed on:
 * provisioning checks its state and queues the removal.
 */
export async function revokeGrant(db: Db, principal: Principal, grantId: string, reason: string, audit: AuditContext): Promise<{ jobQueued: boolean }> {
  return db.$transaction(async (tx) => {
    const [scope] = await tx.$queryRaw<{ ownerGroup: string; requestKind: string }[]>`
      SELECT p."ownerGroup", r.kind::text AS "requestKind"
      FROM "Grant" g JOIN "Project" p ON p.id = g."projectId" JOIN "Request" r ON r.id = g."requestId"
      WHERE g.id = ${grantId}::uuid FOR UPDATE OF g`;
    if (!scope) throw notFound("That grant");
    const grant = await tx.grant.findUniqueOrThrow({ where: { id: grantId } });
    if (!canManageProject(principal, scope)) {
      // Someone outside the project learns nothing: the same answer as for a grant that does not exist.
      if (!canSeeGrant(principal, { ...grant, ownerGroup: scope.ownerGroup })) throw notFound("That grant");
      throw forbidden(`Only approvers and members of ${scope.ownerGroup} can revoke access to ${grant.projectName}.`);
    }
    if (scope.requestKind === "NEW_PROJECT" && grant.subjectType === "GROUP" && grant.subjectName === scope.ownerGroup) {
      throw new DomainError("POLICY", `${scope.ownerGroup} owns ${grant.projectName}; its membership ends only with the project.`);
    }
    const requested = {
      action: "grant.revocation_requested",
      objectType: "grant" as const,
      objectId: grant.id,
      requestId: grant.requestId,
      projectName: grant.projectName,
      subject: subjectKey(grant.subjectType, grant.subjectName),
      after: { reason, by: { id: principal.id, name: principal.name } },
    };
    await queueRemoval(tx, grant, audit, "REVOKE", reason, { events: [requested] });
    return { jobQueued: true };
  });
}
