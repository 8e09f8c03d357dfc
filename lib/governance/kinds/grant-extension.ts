import { notFound } from "../../core/errors";
import { subjectKey } from "../../core/names";
import { riskReasons } from "../../core/robot-permissions";
import { at, latestEndDate } from "../policy-kit";
import { grantFacts } from "./grants";
import type { KindRules } from "./types";

// A later end date for an active grant.
export const grantExtensionRules: KindRules<"GRANT_EXTENSION"> = {
  showsEndDate: false,
  fields: { extends: "endsAt", "robot-expiry": "endsAt" },

  async draft(db, input) {
    const g = await grantFacts(db, { id: input.grantId });
    if (!g) throw notFound("That grant");
    return {
      request: { kind: "GRANT_EXTENSION", payload: { projectName: g.projectName, grantId: g.id, subjectType: g.subjectType, subjectName: g.subjectName, previousEndsAt: g.endsAt?.toISOString() ?? null, newEndsAt: input.endsAt.toISOString() } },
      projectName: g.projectName,
      subjectKey: subjectKey(g.subjectType, g.subjectName),
      endsAt: input.endsAt,
    };
  },

  grant: (db, draft) => grantFacts(db, { id: draft.request.payload.grantId }),

  policy({ check, requireTwo, projectChecks, endDateChecks, facts, config, isExternal }, p, newEnd) {
    projectChecks();
    const g = facts.grant;
    const active = !!g && g.state === "ACTIVE";
    check("grant-active", "Grant is active", active, active ? `${g.subjectName} in ${p.projectName}.` : "Only an active grant can be extended.");
    if (g && newEnd) {
      const later = !g.endsAt || newEnd > g.endsAt;
      check("extends", "New end date is later", later, later ? `From ${g.endsAt ? at(g.endsAt) : "no end"} to ${at(newEnd)}.` : `${at(newEnd)} is not after the current end ${at(g.endsAt!)}.`);
      if (g.subjectType === "ROBOT") {
        const latest = latestEndDate(facts.now, config.robotMaxDays);
        check("robot-expiry", `Robot expires within ${config.robotMaxDays} days`, newEnd <= latest, newEnd <= latest ? `Ends ${at(newEnd)}.` : `Robots may be extended to ${at(latest)} at most.`);
        for (const reason of riskReasons(g.permissions ?? [])) requireTwo(reason);
      } else {
        endDateChecks(g.subjectName, newEnd, isExternal(g.subjectName));
        if (g.roleId === 1) requireTwo("Project Admin role");
      }
    }
    check("no-duplicate", "No other pending request for this grant", !facts.pendingDuplicate, facts.pendingDuplicate ? "A request for this grant is already pending." : "None pending.");
  },

  // an access review may set an earlier end (ADR 015)
  describe: (p) => {
    const earlier = p.previousEndsAt === null || Date.parse(p.newEndsAt) < Date.parse(p.previousEndsAt);
    return `${earlier ? "Shorten" : "Extend"} ${p.subjectName} in ${p.projectName} to ${p.newEndsAt.slice(0, 10)}`;
  },

  details: (p) => [
    ["Project", p.projectName],
    ["Subject", `${p.subjectType === "GROUP" ? "group" : "robot"} ${p.subjectName}`],
    ["Ends now", p.previousEndsAt?.slice(0, 10) ?? "no end date"],
    ["New end", p.newEndsAt.slice(0, 10)],
  ],
};
