import "server-only";
import { conflict, invalid } from "../../core/errors";
import { harborRobotName, subjectKey } from "../../core/names";
import { planSteps, StepError } from "../plan";
import { grantEvent, iso, readGrant } from "../records";
import { activeGrantForChange } from "./checks";
import type { Flow } from "./types";

// A later end date for an active grant: Berth enforces a group's end itself; a robot's expiry is moved in Harbor.
export const grantExtensionFlow: Flow<"GRANT_EXTENSION"> = {
  activatesGrant: false,

  async prepare(tx, _request, p) {
    const grant = await activeGrantForChange(tx, p.grantId, "Extension");
    const newEndsAt = new Date(p.newEndsAt);
    if (Number.isNaN(newEndsAt.getTime())) throw invalid("Extension: the new end date is not a date.");
    if (grant.subjectType === "ROBOT" && grant.harborRobotId === null) throw conflict("Extension: the robot is not in Harbor.");
    const steps = planSteps({ kind: "GRANT_EXTENSION", subjectType: grant.subjectType, subjectName: grant.harborRobotName ?? grant.subjectName, newEndsAt });
    return { projectId: grant.projectId, grantId: grant.id, subject: subjectKey(grant.subjectType, grant.subjectName), steps };
  },

  preview(request, p) {
    const subjectName = p.subjectType === "ROBOT" ? harborRobotName(request.projectName, p.subjectName) : p.subjectName;
    return { kind: "GRANT_EXTENSION", subjectType: p.subjectType, subjectName, newEndsAt: new Date(p.newEndsAt) };
  },

  async finalize(c, ctx, p) {
    const { grant, request } = ctx;
    if (!grant || !request) throw new StepError("the grant is missing");
    const current = await readGrant(c, grant.id);
    if (!current || current.state !== "ACTIVE") throw new StepError(`the grant is ${current?.state.toLowerCase() ?? "gone"}; it can no longer be extended`);
    const newEndsAt = new Date(p.newEndsAt);
    await c.query(`UPDATE "Grant" SET "endsAt" = $2, "updatedAt" = now() WHERE id = $1`, [grant.id, newEndsAt]);
    return { events: [grantEvent(current, "grant.extended", { before: { endsAt: iso(current.endsAt) }, after: { endsAt: iso(newEndsAt), extensionRequestId: request.id } })] };
  },
};
