import "server-only";
import { subjectKey } from "../../core/names";
import { planSteps, StepError } from "../plan";
import { activationEvent } from "../records";
import { activeProject } from "./checks";
import type { Flow } from "./types";

// A project robot with the approved permissions and lifetime; its secret is sealed until the requester reveals it.
export const robotAccountFlow: Flow<"ROBOT_ACCOUNT"> = {
  activatesGrant: true,

  async prepare(tx, request, p) {
    const project = await activeProject(tx, p.projectName);
    const grant = await tx.grant.create({
      data: { projectId: project.id, projectName: project.name, subjectType: "ROBOT", subjectName: p.robotName, permissions: p.permissions, state: "PENDING", requestId: request.id },
    });
    return { projectId: project.id, grantId: grant.id, subject: subjectKey("ROBOT", p.robotName), steps: planSteps(this.preview(request, p)) };
  },

  preview(_request, p) {
    return { kind: "ROBOT_ACCOUNT", projectName: p.projectName, robotName: p.robotName, lifetimeDays: p.lifetimeDays };
  },

  async finalize(_c, ctx, _p, now) {
    const { grant } = ctx;
    if (!grant || grant.harborRobotId === null) throw new StepError("the robot was not created in Harbor");
    return { events: [activationEvent(ctx, grant, now)], activated: grant };
  },
};
