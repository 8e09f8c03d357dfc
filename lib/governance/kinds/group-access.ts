import { subjectKey } from "../../core/names";
import { exceeds, roleById, roleLabel, type RoleId } from "../../core/roles";
import { grantFacts } from "./grants";
import type { KindRules } from "./types";

// An OIDC group gets a role in a project, for a time; if the group already has a role there, this changes it.
export const groupAccessRules: KindRules<"GROUP_ACCESS"> = {
  showsEndDate: true,
  fields: { "external-role": "roleId", "role-changes": "roleId" },

  async draft(db, input) {
    const current = await db.grant.findFirst({ where: { projectName: input.projectName, subjectType: "GROUP", subjectName: input.groupName, state: "ACTIVE" } });
    return {
      request: { kind: "GROUP_ACCESS", payload: { projectName: input.projectName, groupName: input.groupName, roleId: input.roleId, replacesGrantId: current?.id ?? null, previousRoleId: current?.roleId ?? null } },
      projectName: input.projectName,
      subjectKey: subjectKey("GROUP", input.groupName),
      endsAt: input.endsAt ?? null,
    };
  },

  grant: (db, draft) => grantFacts(db, { projectName: draft.projectName, subjectType: "GROUP", subjectName: draft.request.payload.groupName, state: "ACTIVE" }),

  policy({ check, requireTwo, projectChecks, endDateChecks, facts, config, isExternal }, p, endsAt) {
    projectChecks();
    const external = isExternal(p.groupName);
    if (external) {
      const max = roleById(config.externalMaxRoleId)!;
      const ok = !exceeds(p.roleId as RoleId, max.id);
      check("external-role", `External groups at most ${max.label}`, ok, ok ? `${roleLabel(p.roleId)} is allowed for ${p.groupName}.` : `${p.groupName} is external (${config.externalGroupPattern}): ${roleLabel(p.roleId)} is more than ${max.label}.`);
    }
    endDateChecks(p.groupName, endsAt, external);
    const g = facts.grant;
    if (g && g.state === "ACTIVE") {
      check("role-changes", "Role changes", g.roleId !== p.roleId, g.roleId === p.roleId ? `${p.groupName} already is ${roleLabel(p.roleId)} in ${p.projectName}.` : `Changes ${p.groupName} from ${roleLabel(g.roleId)} to ${roleLabel(p.roleId)}.`);
    }
    check("no-duplicate", "No other pending request for this group", !facts.pendingDuplicate, facts.pendingDuplicate ? `A request for ${p.groupName} in ${p.projectName} is already pending.` : "None pending.");
    if (p.roleId === 1) requireTwo(`${roleLabel(1)} role`);
  },

  describe: (p) =>
    p.replacesGrantId ? `${p.groupName}: ${roleLabel(p.previousRoleId)} → ${roleLabel(p.roleId)} in ${p.projectName}` : `${p.groupName} as ${roleLabel(p.roleId)} in ${p.projectName}`,

  details: (p) => [
    ["Project", p.projectName],
    ["Group", p.groupName],
    ["Role", p.previousRoleId ? `${roleLabel(p.previousRoleId)} → ${roleLabel(p.roleId)}` : roleLabel(p.roleId)],
  ],
};
