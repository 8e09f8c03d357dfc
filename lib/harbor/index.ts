// The typed Harbor client. The contract validator (./contract) is deliberately not re-exported: it reads the API
// document from disk and is for tests and the emulator only.
export { createHarborClient, OIDC_GROUP_TYPE, PROJECT_METADATA_KEYS } from "./client";
export type {
  CreatedRobot,
  EnsureProjectInput,
  HarborClient,
  HarborGeneralInfo,
  HarborImmutableRule,
  HarborMember,
  HarborProject,
  HarborRobot,
  HarborRobotAccess,
  RobotInput,
  WithRequestId,
  WithRequestIds,
} from "./client";
export { auditLogQuery, type AuditLogFilter, type AuditLogPage, type HarborAuditLogClient, type HarborAuditLogEntry } from "./audit-logs";
export { HarborError, isHarborError, codeForStatus } from "./errors";
export { API_BASE, MAX_PAGE_SIZE, type HarborCall, type HarborClientOptions } from "./http";
export { readProjectUsage, usageVerdict, type AuditLogging, type ProjectUsage, type ProjectUsageOptions, type SubjectUsage, type UsageSource, type UsageVerdict } from "./usage";
export { BERTH_ACCOUNT_PERMISSIONS } from "./permissions";
export { describePermissions, type AccountCheck, type HarborAccountClient, type NeededPermission } from "./account";
