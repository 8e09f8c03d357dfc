import { OWNER_ROLE_ID, roleLabel } from "../../core/roles";
import type { KindRules } from "./types";

// A private Harbor project from a locked template, owned by one of the requester's groups.
export const newProjectRules: KindRules<"NEW_PROJECT"> = {
  showsEndDate: false,
  fields: { "name-free": "projectName", "owner-group": "ownerGroup", "owner-not-external": "ownerGroup", "quota-max": "quotaGiB" },

  async draft(_db, input) {
    return {
      request: { kind: "NEW_PROJECT", payload: { projectName: input.projectName, ownerGroup: input.ownerGroup, template: input.template, quotaGiB: input.quotaGiB } },
      projectName: input.projectName,
      subjectKey: "project",
      endsAt: null,
    };
  },

  policy({ check, requireTwo, facts, config, isExternal }, p) {
    const taken = facts.nameTakenIn;
    check("name-free", "Project name is free", !taken, !taken ? `${p.projectName} is not used in Berth or Harbor.` : taken === "harbor" ? `${p.projectName} already exists in Harbor (outside Berth).` : taken === "pending" ? `Another request for ${p.projectName} is pending.` : `${p.projectName} already exists.`);
    const mine = facts.requesterGroups.includes(p.ownerGroup);
    check("owner-group", "Owner group is the requester's", mine, mine ? `${p.ownerGroup} is one of the requester's groups.` : `${p.ownerGroup} is not one of the requester's groups.`);
    const external = isExternal(p.ownerGroup);
    check("owner-not-external", "Owner group is internal", !external, external ? `External groups (${config.externalGroupPattern}) cannot own projects: owners are ${roleLabel(OWNER_ROLE_ID)}s.` : `${p.ownerGroup} becomes ${roleLabel(OWNER_ROLE_ID)}.`);
    check("quota-max", `Quota at most ${config.maxQuotaGiB} GiB`, p.quotaGiB <= config.maxQuotaGiB, `${p.quotaGiB} GiB requested.`);
    if (p.quotaGiB > config.selfServiceQuotaGiB) requireTwo(`quota above the self-service limit of ${config.selfServiceQuotaGiB} GiB`);
  },

  describe: (p) => `New project ${p.projectName} for ${p.ownerGroup} (${p.template}, ${p.quotaGiB} GiB)`,

  details: (p) => [
    ["Project", p.projectName],
    ["Owner group", `${p.ownerGroup} (becomes ${roleLabel(OWNER_ROLE_ID)})`],
    ["Template", p.template],
    ["Storage quota", `${p.quotaGiB} GiB`],
  ],
};
