import { auditLogClient, type HarborAuditLogClient } from "./audit-logs";
import { HarborTransport, type HarborClientOptions } from "./http";
import { memberClient, type HarborMemberClient } from "./members";
import { projectClient, type HarborProjectClient } from "./projects";
import { quotaClient, type HarborQuotaClient } from "./quotas";
import { robotClient, type HarborRobotClient } from "./robots";
import { systemClient, type HarborSystemClient } from "./system";
import { tagRuleClient, type HarborTagRuleClient } from "./tag-rules";

export { OIDC_GROUP_TYPE, type HarborMember, type HarborMemberPayload } from "./members";
export { PROJECT_METADATA_KEYS, type EnsureProjectInput, type HarborProject, type HarborProjectPayload } from "./projects";
export type { CreatedRobot, HarborRobot, HarborRobotAccess, HarborRobotPayload, RobotInput } from "./robots";
export type { HarborImmutableRule, HarborImmutableRulePayload } from "./tag-rules";
export type { HarborGeneralInfo, WithRequestId, WithRequestIds } from "./types";

/** Everything Berth asks Harbor, one part per resource (projects.ts, members.ts, robots.ts …). */
export interface HarborClient extends HarborSystemClient, HarborProjectClient, HarborQuotaClient, HarborMemberClient, HarborRobotClient, HarborTagRuleClient, HarborAuditLogClient {}

/** The Harbor client Berth uses; configuration comes from the caller (lib/env.ts), never from the environment. */
export function createHarborClient(options: HarborClientOptions): HarborClient {
  const t = new HarborTransport(options);
  const projects = projectClient(t);
  return {
    ...systemClient(t),
    getProject: projects.getProject,
    projectExists: projects.projectExists,
    ensureProject: projects.ensureProject,
    updateProjectMetadata: projects.updateProjectMetadata,
    deleteProject: projects.deleteProject,
    ...quotaClient(t),
    ...memberClient(t),
    ...robotClient(t, projects),
    ...tagRuleClient(t),
    ...auditLogClient(t),
  };
}
