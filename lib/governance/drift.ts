import { harborRobotName } from "../core/names";
import { roleLabel } from "../core/roles";

// Where Harbor differs from what was approved: Harbor's live members and robots against Berth's grants.
// Pure: the project page compares live, the scheduler's drift check compares in the background (docs/provisioning.md).

export interface LiveMember {
  entityName: string;
  /** "g" for a group, "u" for a user. */
  entityType: string;
  roleId: number;
  roleName: string;
}

export interface LiveRobot {
  id: number;
  name: string;
}

export interface DriftGrant {
  id: string;
  subjectType: "GROUP" | "ROBOT";
  subjectName: string;
  state: string;
  roleId: number | null;
  roleLabel: string;
  harborRobotId: number | null;
  /** The robot's full Harbor name, `robot$<project>+<name>`. */
  robotName: string | null;
  request: { id: string; number: number };
}

export type DriftFinding =
  | { kind: "unexplained-member"; name: string; entityType: string; roleName: string }
  | { kind: "missing-member"; grantId: string; name: string; roleLabel: string; request: DriftGrant["request"] }
  | { kind: "role-differs"; grantId: string; name: string; approved: string; inHarbor: string; request: DriftGrant["request"] }
  | { kind: "unexplained-robot"; name: string }
  | { kind: "missing-robot"; grantId: string; name: string; request: DriftGrant["request"] }
  | { kind: "missing-project"; name: string };

export interface Explained {
  name: string;
  why: string;
}

export interface DriftReport {
  findings: DriftFinding[];
  /** Things Harbor has that are expected although no active grant names them. */
  explained: Explained[];
}

/**
 * Compares Harbor's members (and robots, when known) with the grants. `harborOwner` is the account that created the
 * project: Harbor makes it a Project Admin member itself.
 */
export function findDrift(input: { members: readonly LiveMember[]; robots?: readonly LiveRobot[] | null; grants: readonly DriftGrant[]; harborOwner?: string | null }): DriftReport {
  const findings: DriftFinding[] = [];
  const explained: Explained[] = [];
  const activeGroups = new Map(input.grants.filter((g) => g.subjectType === "GROUP" && g.state === "ACTIVE").map((g) => [g.subjectName, g]));
  const pendingGroups = new Map(input.grants.filter((g) => g.subjectType === "GROUP" && g.state === "PENDING").map((g) => [g.subjectName, g]));

  const seenGroups = new Set<string>();
  for (const m of input.members) {
    if (m.entityType !== "g") {
      if (input.harborOwner && m.entityName === input.harborOwner) explained.push({ name: m.entityName, why: "the account that created the project in Harbor; Harbor adds it as a member itself" });
      else findings.push({ kind: "unexplained-member", name: m.entityName, entityType: "user", roleName: m.roleName });
      continue;
    }
    seenGroups.add(m.entityName);
    const grant = activeGroups.get(m.entityName);
    if (grant) {
      if (grant.roleId !== null && grant.roleId !== m.roleId) findings.push({ kind: "role-differs", grantId: grant.id, name: m.entityName, approved: grant.roleLabel, inHarbor: m.roleName, request: grant.request });
      continue;
    }
    const pending = pendingGroups.get(m.entityName);
    if (pending) explained.push({ name: m.entityName, why: `being provisioned for request #${pending.request.number}` });
    else findings.push({ kind: "unexplained-member", name: m.entityName, entityType: "group", roleName: m.roleName });
  }
  for (const [name, grant] of activeGroups) {
    if (!seenGroups.has(name)) findings.push({ kind: "missing-member", grantId: grant.id, name, roleLabel: grant.roleLabel, request: grant.request });
  }

  if (input.robots) {
    const activeRobots = input.grants.filter((g) => g.subjectType === "ROBOT" && g.state === "ACTIVE");
    const pendingRobots = input.grants.filter((g) => g.subjectType === "ROBOT" && g.state === "PENDING");
    const matches = (g: DriftGrant, r: LiveRobot) => (g.harborRobotId !== null ? g.harborRobotId === r.id : g.robotName === r.name);
    for (const robot of input.robots) {
      if (activeRobots.some((g) => matches(g, robot))) continue;
      const pending = pendingRobots.find((g) => matches(g, robot));
      if (pending) explained.push({ name: robot.name, why: `being provisioned for request #${pending.request.number}` });
      else findings.push({ kind: "unexplained-robot", name: robot.name });
    }
    for (const grant of activeRobots) {
      if (!input.robots.some((r) => matches(grant, r))) findings.push({ kind: "missing-robot", grantId: grant.id, name: grant.robotName ?? grant.subjectName, request: grant.request });
    }
  }
  return { findings, explained };
}

/** One sentence per finding, for the page and for screen readers alike. */
export function describeFinding(f: DriftFinding): string {
  switch (f.kind) {
    case "unexplained-member":
      return `Harbor lists the ${f.entityType} ${f.name} as ${f.roleName}, but no active grant in Berth explains it.`;
    case "missing-member":
      return `The group ${f.name} was approved as ${f.roleLabel} (request #${f.request.number}) but is not a member in Harbor.`;
    case "role-differs":
      return `The group ${f.name} is ${f.inHarbor} in Harbor, but ${f.approved} was approved (request #${f.request.number}).`;
    case "unexplained-robot":
      return `Harbor has the robot ${f.name}, but no active grant in Berth explains it.`;
    case "missing-robot":
      return `The robot ${f.name} was approved (request #${f.request.number}) but does not exist in Harbor.`;
    case "missing-project":
      return `The project ${f.name} does not exist in Harbor, although Berth manages it.`;
  }
}

/** Harbor's members, with Berth's name for each role Harbor knows by number. */
export function liveMembersOf(members: readonly LiveMember[]): LiveMember[] {
  return members.map((m) => ({ entityName: m.entityName, entityType: m.entityType, roleId: m.roleId, roleName: roleLabel(m.roleId) === "—" ? m.roleName : roleLabel(m.roleId) }));
}

/** A grant as Berth stores it, with the request behind it. */
export interface GrantRecord {
  id: string;
  projectName: string;
  subjectType: "GROUP" | "ROBOT";
  subjectName: string;
  state: string;
  roleId: number | null;
  harborRobotId: number | null;
  harborRobotName: string | null;
  request: { id: string; number: number };
}

export function driftGrantOf(g: GrantRecord): DriftGrant {
  return {
    id: g.id,
    subjectType: g.subjectType,
    subjectName: g.subjectName,
    state: g.state,
    roleId: g.roleId,
    roleLabel: roleLabel(g.roleId),
    harborRobotId: g.harborRobotId,
    robotName: g.subjectType === "ROBOT" ? (g.harborRobotName ?? harborRobotName(g.projectName, g.subjectName)) : null,
    request: g.request,
  };
}

/** The same findings in any order give the same key: what the drift check compares to see a change. */
export function findingsKey(findings: readonly DriftFinding[]): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sorted) : v !== null && typeof v === "object" ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, sorted(x)])) : v;
  return JSON.stringify(findings.map((f) => JSON.stringify(sorted(f))).sort());
}
