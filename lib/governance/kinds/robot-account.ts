import { harborRobotName, subjectKey } from "../../core/names";
import { ROBOT_PRESETS } from "../../core/payloads";
import { permissionKey, riskReasons } from "../../core/robot-permissions";
import { grantFacts } from "./grants";
import type { KindRules } from "./types";

// A project robot with a preset (pull only, push and pull) or explicit Harbor permissions, for N days.
export const robotAccountRules: KindRules<"ROBOT_ACCOUNT"> = {
  showsEndDate: false,
  fields: { "robot-expiry": "lifetimeDays", "robot-permissions": "permissions", "robot-name-free": "robotName" },

  async draft(_db, input) {
    const permissions = input.preset === "custom" ? input.permissions : ROBOT_PRESETS[input.preset].permissions.map((p) => ({ ...p }));
    return {
      request: { kind: "ROBOT_ACCOUNT", payload: { projectName: input.projectName, robotName: input.robotName, description: input.description, preset: input.preset, permissions, lifetimeDays: input.lifetimeDays } },
      projectName: input.projectName,
      subjectKey: subjectKey("ROBOT", input.robotName),
      endsAt: null,
    };
  },

  grant: (db, draft) => grantFacts(db, { projectName: draft.projectName, subjectType: "ROBOT", subjectName: draft.request.payload.robotName, state: { in: ["ACTIVE", "PENDING"] } }),

  policy({ check, requireTwo, projectChecks, facts, config }, p) {
    projectChecks();
    const okDays = p.lifetimeDays >= 1 && p.lifetimeDays <= config.robotMaxDays;
    check("robot-expiry", `Robot expires within ${config.robotMaxDays} days`, okDays, okDays ? `Expires after ${p.lifetimeDays} days.` : `Robots must expire within ${config.robotMaxDays} days; "never" is refused.`);
    const unknown = p.permissions.filter((x) => !facts.allowedRobotPermissions.has(permissionKey(x)));
    check("robot-permissions", "Permissions are Harbor project permissions", p.permissions.length > 0 && unknown.length === 0, unknown.length ? `Not a Harbor project permission: ${unknown.map(permissionKey).join(", ")}.` : p.permissions.map(permissionKey).join(", "));
    const existing = facts.grant && ["ACTIVE", "PENDING"].includes(facts.grant.state);
    check(
      "robot-name-free",
      "Robot name is free in the project",
      !existing && !facts.robotInHarbor,
      existing ? `A robot named ${p.robotName} already exists in ${p.projectName}.` : facts.robotInHarbor ? `A robot with this name (${harborRobotName(p.projectName, p.robotName)}) exists in Harbor and is not managed by Berth.` : harborRobotName(p.projectName, p.robotName),
    );
    check("no-duplicate", "No other pending request for this robot", !facts.pendingDuplicate, facts.pendingDuplicate ? `A request for robot ${p.robotName} is already pending.` : "None pending.");
    for (const reason of riskReasons(p.permissions)) requireTwo(reason);
  },

  describe: (p) => `Robot ${p.robotName} in ${p.projectName} (${ROBOT_PRESETS[p.preset].label.toLowerCase()}, ${p.lifetimeDays} days)`,

  details: (p) => [
    ["Project", p.projectName],
    ["Robot", harborRobotName(p.projectName, p.robotName)],
    ["Preset", ROBOT_PRESETS[p.preset].label],
    ["Permissions", p.permissions.map(permissionKey).join(", ")],
    ["Lifetime", `${p.lifetimeDays} days`],
    ...(p.description ? ([["Description", p.description]] as [string, string][]) : []),
  ],
};
