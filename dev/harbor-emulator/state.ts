import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export interface UserRec {
  id: number;
  username: string;
  sysadmin: boolean;
}

export interface ProjectRec {
  id: number;
  name: string;
  ownerId: number;
  creationTime: string;
  updateTime: string;
  /** Harbor stores every metadata value as a string. */
  metadata: Record<string, string>;
  repositories: { id: number; name: string; creationTime: string }[];
}

export interface GroupRec {
  id: number;
  name: string;
  /** 1 LDAP, 2 HTTP, 3 OIDC. */
  type: number;
  ldapDn: string;
}

export interface MemberRec {
  id: number;
  projectId: number;
  entityType: "u" | "g";
  entityId: number;
  role: number;
}

export interface AccessRec {
  resource: string;
  action: string;
  effect: string;
}

export interface RobotPermRec {
  kind: "project" | "system";
  /** Harbor's scope: "/system", "/project/*" or "/project/<id>". */
  scope: string;
  access: AccessRec[];
}

export interface RobotRec {
  id: number;
  /** As Harbor stores it: "<project>+<name>" for project robots, "<name>" for system robots (no prefix). */
  name: string;
  /** 0 for a system robot. */
  projectId: number;
  description: string;
  /** Only the salted hash is kept, in memory and in the state file. */
  secretHash: string;
  salt: string;
  duration: number;
  expiresAt: number;
  disabled: boolean;
  creationTime: string;
  updateTime: string;
  creatorType: string;
  creatorRef: number;
  permissions: RobotPermRec[];
}

export interface QuotaRec {
  id: number;
  projectId: number;
  hard: Record<string, number>;
  used: Record<string, number>;
  creationTime: string;
  updateTime: string;
}

export interface SelectorRec {
  kind: string;
  decoration: string;
  pattern: string;
}

export interface RuleRec {
  id: number;
  projectId: number;
  /** Harbor's unique key: the rule serialised as JSON (`tag_filter`), unique per project. */
  filter: string;
  disabled: boolean;
  priority: number;
  action: string;
  template: string;
  tagSelectors: SelectorRec[];
  scopeSelectors: Record<string, SelectorRec[]>;
}

/** One row of Harbor's `audit_log_ext` table (pkg/auditext/model). */
export interface AuditLogRec {
  id: number;
  /** 0 for events outside any project. */
  projectId: number;
  /** Harbor's spelling: "create", "delete", "pull", "update"… */
  operation: string;
  /** "artifact", "project", "repository", "robot", "tag"… */
  resourceType: string;
  /** e.g. "team-a/app:v1" or "team-a/app@sha256:…" for artifacts. */
  resource: string;
  username: string;
  description: string;
  success: boolean;
  /** Milliseconds. */
  opTime: number;
}

/** Harbor's audit-log settings (lib/config/metadata/metadatalist.go, v2.15.2). */
export interface AuditSettings {
  /** `pull_audit_log_disable` (not settable through the API; CONFIG_OVERWRITE_JSON): pulls are not logged. */
  pullAuditLogDisable: boolean;
  /** `skip_audit_log_database`: nothing is written to the database (needs a forward endpoint). */
  skipAuditLogDatabase: boolean;
  /** `audit_log_forward_endpoint`: a syslog endpoint that receives every entry as well. */
  auditLogForwardEndpoint: string;
  /** `disabled_audit_log_event_types`: `<operation>_<resource_type>` pairs that are not logged, e.g. pull_artifact. */
  disabledEventTypes: string[];
}

export const DEFAULT_AUDIT_SETTINGS: AuditSettings = { pullAuditLogDisable: false, skipAuditLogDatabase: false, auditLogForwardEndpoint: "", disabledEventTypes: [] };

export interface EmulatorState {
  version: 1;
  seq: { project: number; member: number; group: number; robot: number; quota: number; rule: number; repository: number; auditLog: number };
  users: UserRec[];
  projects: ProjectRec[];
  groups: GroupRec[];
  members: MemberRec[];
  robots: RobotRec[];
  quotas: QuotaRec[];
  rules: RuleRec[];
  auditLogs: AuditLogRec[];
  auditSettings: AuditSettings;
}

export function hashSecret(secret: string, salt: string): string {
  return createHash("sha256").update(`${salt}:${secret}`).digest("hex");
}

// Harbor's generated robot secrets: 32 characters with at least one upper, one lower and one digit.
export function newSecret(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  for (;;) {
    const bytes = randomBytes(32);
    const s = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
    if (/[A-Z]/.test(s) && /[a-z]/.test(s) && /\d/.test(s)) return s;
  }
}

export function newSalt(): string {
  return randomBytes(16).toString("hex");
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

// A fresh Harbor: the admin user and the public `library` project with its quota.
export function freshState(nowMs: number): EmulatorState {
  const t = iso(nowMs);
  return {
    version: 1,
    seq: { project: 1, member: 1, group: 0, robot: 0, quota: 1, rule: 0, repository: 0, auditLog: 0 },
    users: [{ id: 1, username: "admin", sysadmin: true }],
    projects: [{ id: 1, name: "library", ownerId: 1, creationTime: t, updateTime: t, metadata: { public: "true" }, repositories: [] }],
    groups: [],
    members: [{ id: 1, projectId: 1, entityType: "u", entityId: 1, role: 1 }],
    robots: [],
    quotas: [{ id: 1, projectId: 1, hard: { storage: -1 }, used: { storage: 0 }, creationTime: t, updateTime: t }],
    rules: [],
    auditLogs: [],
    auditSettings: structuredClone(DEFAULT_AUDIT_SETTINGS),
  };
}

/**
 * Appends an entry the way Harbor's audit-log handler and manager do (controller/event/handler/auditlog,
 * pkg/auditext/manager.go): pulls are dropped when `pull_audit_log_disable` is set, any `<operation>_<resource_type>`
 * listed in `disabled_audit_log_event_types` is dropped, and with `skip_audit_log_database` nothing reaches the table.
 * Returns whether the entry was stored.
 */
export function recordAudit(state: EmulatorState, entry: Omit<AuditLogRec, "id">): boolean {
  const settings = state.auditSettings;
  if (entry.operation === "pull" && entry.resourceType === "artifact" && settings.pullAuditLogDisable) return false;
  const eventType = `${entry.operation}_${entry.resourceType}`.toLowerCase();
  if (settings.disabledEventTypes.some((t) => t.trim().toLowerCase() === eventType)) return false;
  if (settings.skipAuditLogDatabase) return false;
  state.seq.auditLog += 1;
  state.auditLogs.push({ ...entry, id: state.seq.auditLog });
  return true;
}

export function loadState(file: string, nowMs: number): EmulatorState {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as EmulatorState;
    if (parsed.version === 1 && Array.isArray(parsed.projects)) {
      // State files written before the emulator kept audit logs.
      parsed.auditLogs ??= [];
      parsed.auditSettings ??= structuredClone(DEFAULT_AUDIT_SETTINGS);
      parsed.seq.auditLog ??= 0;
      return parsed;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") console.warn(`[harbor-emulator] ignoring unreadable state file ${file}: ${(error as Error).message}`);
  }
  return freshState(nowMs);
}

export function saveState(file: string, state: EmulatorState) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state));
  fs.renameSync(tmp, file);
}
