import type { HarborAccess } from "../core/robot-permissions";

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
