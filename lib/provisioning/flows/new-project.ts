import "server-only";
import { conflict, invalid } from "../../core/errors";
import { subjectKey } from "../../core/names";
import { OWNER_ROLE_ID } from "../../core/roles";
import { templateByKey } from "../../core/templates";
import { planSteps } from "../plan";
import { StepError } from "../plan";
import { activationEvent } from "../records";
import type { Flow } from "./types";

// A new private project from a locked template; its owner group becomes a member for as long as the project lives.
export const newProjectFlow: Flow<"NEW_PROJECT"> = {
  activatesGrant: true,

  async prepare(tx, request, p) {
    const template = templateByKey(p.template);
    if (!template) throw invalid(`Unknown project template ${p.template}.`);
    if (await tx.project.findUnique({ where: { name: p.projectName }, select: { id: true } })) throw conflict(`Project ${p.projectName} already exists in Berth.`);
    const project = await tx.project.create({
      data: { name: p.projectName, ownerGroup: p.ownerGroup, template: template.key, quotaGiB: p.quotaGiB, state: "PROVISIONING", requestId: request.id },
    });
    // The owner group's membership has no end date: it lasts as long as the project.
    const grant = await tx.grant.create({
      data: { projectId: project.id, projectName: project.name, subjectType: "GROUP", subjectName: p.ownerGroup, roleId: OWNER_ROLE_ID, state: "PENDING", requestId: request.id },
    });
    return { projectId: project.id, grantId: grant.id, subject: subjectKey("GROUP", p.ownerGroup), steps: planSteps(this.preview(request, p)) };
  },

  preview(_request, p) {
    return { kind: "NEW_PROJECT", projectName: p.projectName, ownerGroup: p.ownerGroup, tagPattern: templateByKey(p.template)?.immutableTagPattern ?? "" };
  },

  async finalize(c, ctx, _p, now) {
    const { project, grant, request } = ctx;
    if (!project || project.harborId === null || !grant || !request) throw new StepError("the project was not created in Harbor");
    await c.query(`UPDATE "Project" SET state = 'ACTIVE', "harborId" = $2, "updatedAt" = now() WHERE id = $1`, [project.id, project.harborId]);
    return {
      events: [
        {
          action: "project.created",
          objectType: "project",
          objectId: project.id,
          projectName: project.name,
          requestId: request.id,
          before: { state: project.state },
          after: { state: "ACTIVE", harborId: project.harborId, ownerGroup: project.ownerGroup, template: project.template, quotaGiB: project.quotaGiB },
        },
        activationEvent(ctx, grant, now),
      ],
      activated: grant,
    };
  },
};
