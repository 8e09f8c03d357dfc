import type { KindRules } from "./types";

// A new storage quota for a project.
export const quotaChangeRules: KindRules<"QUOTA_CHANGE"> = {
  showsEndDate: false,
  fields: { "quota-max": "quotaGiB", "quota-changes": "quotaGiB" },

  async draft(db, input) {
    const p = await db.project.findUnique({ where: { name: input.projectName }, select: { quotaGiB: true } });
    return {
      request: { kind: "QUOTA_CHANGE", payload: { projectName: input.projectName, quotaGiB: input.quotaGiB, previousQuotaGiB: p?.quotaGiB ?? 0 } },
      projectName: input.projectName,
      subjectKey: "quota",
      endsAt: null,
    };
  },

  policy({ check, requireTwo, projectChecks, facts, config }, p) {
    projectChecks();
    check("quota-max", `Quota at most ${config.maxQuotaGiB} GiB`, p.quotaGiB <= config.maxQuotaGiB, `${p.quotaGiB} GiB requested.`);
    check("quota-changes", "Quota changes", !facts.project || facts.project.quotaGiB !== p.quotaGiB, facts.project?.quotaGiB === p.quotaGiB ? `${p.projectName} already has ${p.quotaGiB} GiB.` : `From ${facts.project?.quotaGiB ?? "?"} GiB to ${p.quotaGiB} GiB.`);
    check("no-duplicate", "No other pending quota request", !facts.pendingDuplicate, facts.pendingDuplicate ? `A quota request for ${p.projectName} is already pending.` : "None pending.");
    if (p.quotaGiB > config.selfServiceQuotaGiB) requireTwo(`quota above the self-service limit of ${config.selfServiceQuotaGiB} GiB`);
  },

  describe: (p) => `Quota of ${p.projectName}: ${p.previousQuotaGiB} → ${p.quotaGiB} GiB`,

  details: (p) => [
    ["Project", p.projectName],
    ["Quota", `${p.previousQuotaGiB} GiB → ${p.quotaGiB} GiB`],
  ],
};
