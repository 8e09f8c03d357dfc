import { notFound } from "../../core/errors";
import { subjectKey } from "../../core/names";
import { grantFacts } from "./grants";
import type { KindRules } from "./types";

// A new secret for an active robot; the old one stops working.
export const robotRotationRules: KindRules<"ROBOT_ROTATION"> = {
  showsEndDate: false,
  fields: {},

  async draft(db, input) {
    const g = await grantFacts(db, { id: input.grantId });
    if (!g || g.subjectType !== "ROBOT") throw notFound("That robot");
    return {
      request: { kind: "ROBOT_ROTATION", payload: { projectName: g.projectName, grantId: g.id, robotName: g.subjectName, harborRobotId: g.harborRobotId } },
      projectName: g.projectName,
      subjectKey: subjectKey("ROBOT", g.subjectName),
      endsAt: null,
    };
  },

  grant: (db, draft) => grantFacts(db, { id: draft.request.payload.grantId }),

  policy({ check, projectChecks, facts }, p) {
    projectChecks();
    const g = facts.grant;
    const ok = !!g && g.subjectType === "ROBOT" && g.state === "ACTIVE";
    check("grant-active", "Robot is active", ok, ok ? `Rotates the secret of ${p.robotName}.` : "Only an active robot can be rotated.");
    check("no-duplicate", "No other pending request for this robot", !facts.pendingDuplicate, facts.pendingDuplicate ? "A request for this robot is already pending." : "None pending.");
  },

  describe: (p) => `Rotate the secret of robot ${p.robotName} in ${p.projectName}`,

  details: (p) => [
    ["Project", p.projectName],
    ["Robot", p.robotName],
  ],
};
