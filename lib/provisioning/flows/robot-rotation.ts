import "server-only";
import { conflict } from "../../core/errors";
import { harborRobotName, subjectKey } from "../../core/names";
import { planSteps, StepError } from "../plan";
import { iso, subjectOf } from "../records";
import { activeGrantForChange } from "./checks";
import type { Flow } from "./types";

// A new secret for an active robot; the old one stops working in Harbor at once.
export const robotRotationFlow: Flow<"ROBOT_ROTATION"> = {
  activatesGrant: false,

  async prepare(tx, _request, p) {
    const grant = await activeGrantForChange(tx, p.grantId, "Rotation");
    if (grant.subjectType !== "ROBOT" || grant.harborRobotId === null) throw conflict("Rotation: the grant is not a robot in Harbor.");
    const steps = planSteps({ kind: "ROBOT_ROTATION", robotName: grant.harborRobotName ?? harborRobotName(grant.projectName, grant.subjectName) });
    return { projectId: grant.projectId, grantId: grant.id, subject: subjectKey("ROBOT", grant.subjectName), steps };
  },

  preview(request, p) {
    return { kind: "ROBOT_ROTATION", robotName: harborRobotName(request.projectName, p.robotName) };
  },

  async finalize(c, ctx) {
    const { grant, request } = ctx;
    if (!grant || !request) throw new StepError("the grant is missing");
    const { rows } = await c.query<{ id: string; expiresAt: Date }>(`SELECT id, "expiresAt" FROM "RobotSecret" WHERE "requestId" = $1 ORDER BY "createdAt" DESC LIMIT 1`, [request.id]);
    return {
      events: [
        {
          action: "robot.secret.rotated",
          objectType: "robot",
          objectId: grant.id,
          projectName: grant.projectName,
          subject: subjectOf(grant),
          requestId: request.id,
          after: { harborRobotId: grant.harborRobotId, robotName: grant.harborRobotName, revealRecordId: rows[0]?.id ?? null, revealBy: iso(rows[0]?.expiresAt) },
        },
      ],
    };
  },
};
