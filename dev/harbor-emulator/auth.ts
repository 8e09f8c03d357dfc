// Harbor's security context and permission evaluation, as in src/server/middleware/security,
// src/common/security/robot/context.go and src/common/rbac/project (v2.15.2).
import { timingSafeEqual } from "node:crypto";
import { hashSecret, type EmulatorState, type RobotRec } from "./state";

export type Principal =
  | { kind: "anonymous" }
  | { kind: "admin"; userId: number; username: string }
  | { kind: "robot"; robot: RobotRec; username: string };

export interface AuthConfig {
  adminPassword: string;
  robotPrefix: string;
  nowSeconds: () => number;
}

// What anyone may do in a public project (rbac_util.go `publicProjectPolicies`); "" is the project itself.
const PUBLIC_PROJECT_POLICIES: [string, string][] = [
  ["", "read"],
  ["label", "read"],
  ["label", "list"],
  ["repository", "list"],
  ["repository", "pull"],
  ["scan", "read"],
  ["scanner", "read"],
  ["tag", "list"],
  ["artifact", "read"],
  ["artifact", "list"],
  ["artifact-addition", "read"],
  ["accessory", "list"],
];

function basicCredentials(header: string | undefined): { username: string; password: string } | undefined {
  if (!header || !/^basic /i.test(header)) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
  const i = decoded.indexOf(":");
  if (i < 0) return undefined;
  return { username: decoded.slice(0, i), password: decoded.slice(i + 1) };
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The robot behind a `robot$…` name and secret, if it may log in now. */
export function robotLogin(state: EmulatorState, cfg: AuthConfig, username: string, secret: string): RobotRec | undefined {
  if (!username.startsWith(cfg.robotPrefix)) return undefined;
  const stored = username.slice(cfg.robotPrefix.length);
  const robot = state.robots.find((r) => r.name === stored);
  if (!robot || !sameSecret(hashSecret(secret, robot.salt), robot.secretHash)) return undefined;
  if (robot.disabled) return undefined;
  if (robot.expiresAt !== -1 && robot.expiresAt <= cfg.nowSeconds()) return undefined;
  return robot;
}

// Bad credentials do not fail the request: it goes on as anonymous, and only an access check answers 401.
// In OIDC auth mode a password works for the built-in admin alone.
export function authenticate(state: EmulatorState, cfg: AuthConfig, authorization: string | undefined): Principal {
  const creds = basicCredentials(authorization);
  if (!creds) return { kind: "anonymous" };
  if (creds.username === "admin" && sameSecret(creds.password, cfg.adminPassword)) return { kind: "admin", userId: 1, username: "admin" };
  const robot = robotLogin(state, cfg, creds.username, creds.password);
  if (robot) return { kind: "robot", robot, username: cfg.robotPrefix + robot.name };
  return { kind: "anonymous" };
}

interface Policy {
  resource: string;
  action: string;
  effect: string;
}

// Harbor matches policy resources with casbin's keyMatch2: "*" stands for one or more path characters.
function resourceMatches(policy: string, wanted: string): boolean {
  if (policy === wanted) return true;
  if (!policy.includes("*")) return false;
  const re = new RegExp(`^${policy.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
  return re.test(wanted);
}

function decide(policies: Policy[], resource: string, action: string): boolean {
  let allowed = false;
  for (const p of policies) {
    if (!resourceMatches(p.resource, resource)) continue;
    if (p.action !== action && p.action !== "*") continue;
    if (p.effect === "deny") return false;
    allowed = true;
  }
  return allowed;
}

function robotPolicies(robot: RobotRec): Policy[] {
  return robot.permissions.flatMap((perm) =>
    perm.access.map((a) => ({
      // The "project" resource stands for the project itself.
      resource: perm.scope.startsWith("/project") && a.resource === "project" ? perm.scope : `${perm.scope}/${a.resource}`,
      action: a.action,
      effect: a.effect,
    })),
  );
}

/** Whether `principal` may do `action` on `resource` ("" = the project itself) of project `projectId`. */
export function canProject(state: EmulatorState, principal: Principal, projectId: number, resource: string, action: string): boolean {
  if (principal.kind === "admin") return true;
  const project = state.projects.find((p) => p.id === projectId);
  if (!project) return false;
  const namespace = `/project/${projectId}`;
  const wanted = resource ? `${namespace}/${resource}` : namespace;
  let policies: Policy[] = [];
  if (principal.kind === "robot") {
    const all = robotPolicies(principal.robot).filter((p) => p.resource.startsWith("/project"));
    if (principal.robot.projectId === 0) {
      policies = all;
    } else {
      // Project robots keep only policies inside their own project, and push brings pull with it.
      for (const p of all) {
        if (p.resource !== namespace && !p.resource.startsWith(`${namespace}/`)) continue;
        policies.push(p);
        if (p.action === "push") policies.push({ ...p, action: "pull" });
      }
    }
  }
  if (project.metadata.public === "true") {
    for (const [r, a] of PUBLIC_PROJECT_POLICIES) policies.push({ resource: r ? `${namespace}/${r}` : namespace, action: a, effect: "" });
  }
  return decide(policies, wanted, action);
}

/** Whether `principal` may do `action` on the system-level `resource`. */
export function canSystem(principal: Principal, resource: string, action: string): boolean {
  if (principal.kind === "admin") return true;
  if (principal.kind !== "robot" || principal.robot.projectId !== 0) return false;
  const policies = robotPolicies(principal.robot).filter((p) => p.resource.startsWith("/system"));
  return decide(policies, `/system/${resource}`, action);
}

/** Project ids a principal sees in GET /projects besides public ones; "all" for admins and robots covering `*`. */
export function visibleProjects(principal: Principal): "all" | number[] {
  if (principal.kind === "admin") return "all";
  if (principal.kind !== "robot") return [];
  const ids: number[] = [];
  for (const perm of principal.robot.permissions) {
    if (perm.kind !== "project") continue;
    if (perm.scope === "/project/*") return "all";
    const id = Number(perm.scope.split("/")[2]);
    if (Number.isInteger(id)) ids.push(id);
  }
  return ids;
}

// The policies each namespace lists for GET /users/current/permissions (v2.15.2 src/common/rbac/system/policies.go,
// and the union of the project roles in src/common/rbac/project/rbac_role.go; "" is the project itself). Harbor
// answers with those the caller holds; a robot's system quota or robot permissions are not among them.
const SYSTEM_NAMESPACE: Record<string, string[]> = {
  "audit-log": ["list"],
  catalog: ["read"],
  configuration: ["read", "update"],
  distribution: ["create", "read", "update", "delete", "list"],
  "garbage-collection": ["create", "read", "update", "delete", "list"],
  "jobservice-monitor": ["read", "list", "stop"],
  "ldap-user": ["create", "list"],
  project: ["create", "read", "update", "delete", "list"],
  registry: ["create", "read", "update", "delete", "list"],
  replication: ["create", "read", "update", "list", "delete"],
  "scan-all": ["create", "read", "update", "delete", "list", "stop"],
  "security-hub": ["read", "list"],
  "system-volumes": ["read"],
  user: ["create", "read", "update", "delete", "list"],
  "user-group": ["create", "read", "update", "delete", "list"],
};
const PROJECT_NAMESPACE: Record<string, string[]> = {
  "": ["read", "update", "delete"],
  accessory: ["list"],
  artifact: ["create", "delete", "list", "read"],
  "artifact-addition": ["read"],
  "artifact-label": ["create", "delete"],
  configuration: ["read", "update"],
  "export-cve": ["create", "list", "read"],
  "immutable-tag": ["create", "delete", "list", "update"],
  label: ["create", "delete", "list", "read", "update"],
  log: ["list"],
  member: ["create", "delete", "list", "read", "update"],
  metadata: ["create", "delete", "read", "update"],
  "notification-policy": ["create", "delete", "list", "read", "update"],
  "preheat-policy": ["create", "delete", "list", "read", "update"],
  quota: ["read"],
  repository: ["create", "delete", "list", "pull", "push", "read", "update"],
  robot: ["create", "delete", "list", "read", "update"],
  sbom: ["create", "read", "stop"],
  scan: ["create", "read", "stop"],
  scanner: ["create", "read"],
  tag: ["create", "delete", "list"],
  "tag-retention": ["create", "delete", "list", "operate", "read", "update"],
};

/** GET /users/current/permissions: the scope's namespace policies the principal holds, as Harbor's handler lists them. */
export function currentPermissions(state: EmulatorState, principal: Principal, scope: string, relative: boolean): { resource: string; action: string }[] {
  const out: { resource: string; action: string }[] = [];
  if (scope.startsWith("/system")) {
    for (const [resource, actions] of Object.entries(SYSTEM_NAMESPACE))
      for (const action of actions) if (canSystem(principal, resource, action)) out.push({ resource: relative ? resource : `/system/${resource}`, action });
    return out;
  }
  const id = /^\/project\/(\d+)(\/|$)/.exec(scope)?.[1];
  if (id === undefined) return out;
  for (const [resource, actions] of Object.entries(PROJECT_NAMESPACE))
    for (const action of actions)
      if (canProject(state, principal, Number(id), resource, action)) out.push({ resource: relative ? resource || "." : `/project/${id}${resource ? `/${resource}` : ""}`, action });
  return out;
}
