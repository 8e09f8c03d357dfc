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

/**
 * Least privilege for Berth's own Harbor account: a system robot. `system` covers project creation (with a
 * storage limit) and quotas; `project` (namespace `*`) covers what Berth does inside every project. Harbor only
 * lets a robot create robots whose permissions it holds itself (#21922), so `project` must also contain every
 * pair Berth hands out to project robots — here the pull and push presets — and `log:list` reads each project's
 * audit log for usage (ADR 014). See docs/harbor.md.
 */
export const BERTH_ACCOUNT_PERMISSIONS = {
  system: [
    { resource: "project", action: "create" },
    { resource: "quota", action: "list" },
    { resource: "quota", action: "read" },
    { resource: "quota", action: "update" },
  ],
  project: [
    { resource: "project", action: "read" },
    { resource: "project", action: "update" },
    { resource: "project", action: "delete" },
    { resource: "member", action: "create" },
    { resource: "member", action: "read" },
    { resource: "member", action: "list" },
    { resource: "member", action: "update" },
    { resource: "member", action: "delete" },
    { resource: "robot", action: "create" },
    { resource: "robot", action: "read" },
    { resource: "robot", action: "list" },
    { resource: "robot", action: "delete" },
    { resource: "immutable-tag", action: "create" },
    { resource: "immutable-tag", action: "list" },
    { resource: "repository", action: "pull" },
    { resource: "repository", action: "push" },
    { resource: "log", action: "list" },
  ],
} as const satisfies { system: readonly HarborAccess[]; project: readonly HarborAccess[] };
