// The resource:action pairs Harbor v2.15 lets a robot account hold, per scope. Read from goharbor/harbor
// v2.15.2 `src/common/rbac/const.go`: `PoliciesMap` plus what `NolimitProvider.GetPermissions` adds
// (robot, member and export-cve at project scope; robot, user, ldap-user, quota:update and user-group at system scope).
// Anything else in a robot's `access` list is answered with 400 `bad request permission: <resource>:<action>`.

export interface HarborAccess {
  resource: string;
  action: string;
}

const PROJECT_SCOPE: Record<string, string[]> = {
  log: ["list"],
  project: ["read", "delete", "update"],
  metadata: ["read", "create", "delete", "list", "update"],
  repository: ["read", "update", "delete", "list", "pull", "push"],
  artifact: ["read", "create", "list", "delete"],
  scan: ["create", "read", "stop"],
  sbom: ["create", "stop", "read"],
  tag: ["create", "list", "delete"],
  accessory: ["list"],
  "artifact-addition": ["read"],
  "artifact-label": ["create", "delete"],
  scanner: ["create", "read"],
  "preheat-policy": ["read", "create", "delete", "list", "update"],
  "immutable-tag": ["create", "delete", "list", "update"],
  "notification-policy": ["read", "create", "delete", "list", "update"],
  "tag-retention": ["read", "create", "delete", "list", "update"],
  label: ["read", "create", "delete", "list", "update"],
  quota: ["read"],
  robot: ["create", "read", "list", "delete"],
  "export-cve": ["create", "read"],
  member: ["create", "read", "update", "list", "delete"],
};

const SYSTEM_SCOPE: Record<string, string[]> = {
  "audit-log": ["list"],
  "preheat-instance": ["read", "create", "delete", "list", "update"],
  project: ["list", "create"],
  "replication-policy": ["read", "create", "delete", "list", "update"],
  replication: ["read", "create", "list"],
  "replication-adapter": ["list"],
  registry: ["read", "create", "delete", "list", "update"],
  "scan-all": ["read", "update", "stop", "create"],
  "system-volumes": ["read"],
  "garbage-collection": ["read", "create", "list", "update", "stop"],
  "purge-audit": ["read", "create", "list", "update", "stop"],
  "jobservice-monitor": ["list", "stop"],
  scanner: ["read", "create", "delete", "list", "update"],
  label: ["read", "create", "delete", "update"],
  "security-hub": ["read", "list"],
  catalog: ["read"],
  quota: ["read", "list", "update"],
  robot: ["create", "read", "list", "delete"],
  user: ["create", "read", "update", "list", "delete"],
  "ldap-user": ["create", "list"],
  "user-group": ["create", "read", "update", "list", "delete"],
};

function flatten(map: Record<string, string[]>): readonly HarborAccess[] {
  return Object.entries(map).flatMap(([resource, actions]) => actions.map((action) => ({ resource, action })));
}

/** Pairs a project-level robot (or the `project` part of a system robot) may hold. */
export const PROJECT_ROBOT_PERMISSIONS: readonly HarborAccess[] = flatten(PROJECT_SCOPE);
/** Pairs the `system` part of a system robot may hold. */
export const SYSTEM_ROBOT_PERMISSIONS: readonly HarborAccess[] = flatten(SYSTEM_SCOPE);

export function isProjectRobotPermission(resource: string, action: string): boolean {
  return PROJECT_SCOPE[resource]?.includes(action) ?? false;
}

export function isSystemRobotPermission(resource: string, action: string): boolean {
  return SYSTEM_SCOPE[resource]?.includes(action) ?? false;
}

/** "resource:action", the form policy and the robot form use. */
export const permissionKey = (p: HarborAccess) => `${p.resource}:${p.action}`;

/** Why a robot permission needs a second approver; null for the ones one approver may grant. */
export type PermissionRisk = "grants-access" | "changes-robots" | "deletes" | "changes-settings";

// Project resources whose write actions change the project's own settings (its configuration, not its images).
const SETTINGS_RESOURCES = new Set(["project", "metadata", "immutable-tag", "tag-retention", "notification-policy", "preheat-policy", "scanner", "label"]);

/**
 * The one risk table of robot permissions (docs/governance.md, "Robot permissions by risk"): a robot that may hand
 * out access (members), create or change robots, delete anything, or change the project's settings needs two
 * approvers, like a Project Admin group grant. Everything else — reading, listing, pulling, pushing, tagging,
 * scanning — one.
 */
export function permissionRisk(p: HarborAccess): PermissionRisk | null {
  if (p.resource === "member" && p.action !== "read" && p.action !== "list") return p.action === "delete" ? "deletes" : "grants-access";
  if (p.resource === "robot" && p.action !== "read" && p.action !== "list") return "changes-robots";
  if (p.action === "delete") return "deletes";
  if (SETTINGS_RESOURCES.has(p.resource) && ["create", "update"].includes(p.action)) return "changes-settings";
  return null;
}

const RISK_WORDS: Record<PermissionRisk, string> = {
  "grants-access": "may give people access",
  "changes-robots": "may create or change robots",
  deletes: "may delete",
  "changes-settings": "may change project settings",
};

/** The reasons, in words, why these permissions need a second approver (empty when one approver is enough). */
export function riskReasons(permissions: readonly HarborAccess[]): string[] {
  const risks = new Set(permissions.map(permissionRisk).filter((r): r is PermissionRisk => r !== null));
  return (Object.keys(RISK_WORDS) as PermissionRisk[]).filter((r) => risks.has(r)).map((r) => `robot ${RISK_WORDS[r]}`);
}
