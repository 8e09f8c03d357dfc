import "server-only";
import { conflict } from "../../core/errors";
import { subjectKey } from "../../core/names";
import { planSteps, StepError } from "../plan";
import { activationEvent, grantEvent, iso, readGrant } from "../records";
import { activeGrantForChange, activeProject } from "./checks";
import type { Flow } from "./types";

// An OIDC group gets a role in a project; with `replacesGrantId` it changes the role of the group's grant in place.
export const groupAccessFlow: Flow<"GROUP_ACCESS"> = {
  activatesGrant: true,

  async prepare(tx, request, p) {
    const project = await activeProject(tx, p.projectName);
    let replacesRoleId: number | null = null;
    if (p.replacesGrantId) {
      const old = await activeGrantForChange(tx, p.replacesGrantId, "Role change");
      if (old.projectId !== project.id || old.subjectType !== "GROUP" || old.subjectName !== p.groupName) throw conflict("Role change: the grant it replaces is for another group or project.");
      replacesRoleId = old.roleId;
    }
    const grant = await tx.grant.create({
      data: { projectId: project.id, projectName: project.name, subjectType: "GROUP", subjectName: p.groupName, roleId: p.roleId, endsAt: request.endsAt, state: "PENDING", requestId: request.id, supersedesId: p.replacesGrantId },
    });
    const steps = planSteps({ kind: "GROUP_ACCESS", projectName: project.name, groupName: p.groupName, roleId: p.roleId, replacesRoleId });
    return { projectId: project.id, grantId: grant.id, subject: subjectKey("GROUP", p.groupName), steps };
  },

  preview(_request, p) {
    return { kind: "GROUP_ACCESS", projectName: p.projectName, groupName: p.groupName, roleId: p.roleId, replacesRoleId: p.replacesGrantId ? p.previousRoleId : null };
  },

  async finalize(c, ctx, _p, now) {
    const { grant, request } = ctx;
    if (!grant || !request) throw new StepError("the grant is missing");
    const events = [];
    if (grant.supersedesId) {
      const old = await readGrant(c, grant.supersedesId);
      // Before the new grant turns ACTIVE: one ACTIVE grant per subject is a unique index.
      if (old && old.state === "ACTIVE") {
        const reason = `role changed by request #${request.number}`;
        await c.query(`UPDATE "Grant" SET state = 'SUPERSEDED', "endedAt" = $2, "endedBy" = 'system:worker', "endReason" = $3, "updatedAt" = now() WHERE id = $1`, [old.id, now, reason]);
        events.push(grantEvent(old, "grant.superseded", { before: { state: "ACTIVE", roleId: old.roleId }, after: { endedAt: iso(now), supersededBy: grant.id, roleId: grant.roleId } }));
      }
    }
    events.push(activationEvent(ctx, grant, now));
    return { events, activated: grant };
  },
};
