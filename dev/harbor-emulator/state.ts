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

export interface EmulatorState {
  version: 1;
  seq: { project: number; member: number; group: number; robot: number; quota: number; rule: number; repository: number };
  users: UserRec[];
  projects: ProjectRec[];
  groups: GroupRec[];
  members: MemberRec[];
  robots: RobotRec[];
  quotas: QuotaRec[];
  rules: RuleRec[];
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
    seq: { project: 1, member: 1, group: 0, robot: 0, quota: 1, rule: 0, repository: 0 },
    users: [{ id: 1, username: "admin", sysadmin: true }],
    projects: [{ id: 1, name: "library", ownerId: 1, creationTime: t, updateTime: t, metadata: { public: "true" }, repositories: [] }],
    groups: [],
    members: [{ id: 1, projectId: 1, entityType: "u", entityId: 1, role: 1 }],
    robots: [],
    quotas: [{ id: 1, projectId: 1, hard: { storage: -1 }, used: { storage: 0 }, creationTime: t, updateTime: t }],
    rules: [],
  };
}

export function loadState(file: string, nowMs: number): EmulatorState {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as EmulatorState;
    if (parsed.version === 1 && Array.isArray(parsed.projects)) return parsed;
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
