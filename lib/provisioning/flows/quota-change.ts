import "server-only";
import { planSteps, StepError } from "../plan";
import { activeProject } from "./checks";
import type { Flow } from "./types";

// A new storage quota for a project, set in Harbor and recorded on the project.
export const quotaChangeFlow: Flow<"QUOTA_CHANGE"> = {
  activatesGrant: false,

  async prepare(tx, request, p) {
    const project = await activeProject(tx, p.projectName);
    return { projectId: project.id, grantId: null, subject: null, steps: planSteps(this.preview(request, p)) };
  },

  preview(_request, p) {
    return { kind: "QUOTA_CHANGE", projectName: p.projectName, quotaGiB: p.quotaGiB };
  },

  async finalize(c, ctx, p) {
    const { project, request } = ctx;
    if (!project || !request) throw new StepError("the project is missing");
    await c.query(`UPDATE "Project" SET "quotaGiB" = $2, "updatedAt" = now() WHERE id = $1`, [project.id, p.quotaGiB]);
    return {
      events: [{ action: "project.quota.changed", objectType: "project", objectId: project.id, projectName: project.name, requestId: request.id, before: { quotaGiB: project.quotaGiB }, after: { quotaGiB: p.quotaGiB } }],
    };
  },
};
