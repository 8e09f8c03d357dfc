import "server-only";
import type { DriftFinding, DriftReport, Explained, FindingRequest } from "../core/drift";
import { harborRobotName } from "../core/names";
import { roleLabel } from "../core/roles";

// Where Harbor differs from what was approved: Harbor's live members and robots against Berth's grants. Pure: the
// project page compares what it read live, the background drift check what it read for itself (docs/provisioning.md).

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
  /** "resource:action" pairs it holds in the project; unknown when the list did not say */
  permissions?: readonly string[];
  /** Unix seconds, -1 for never; unknown when the list did not say */
  expiresAt?: number;
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
  /** A robot's approved "resource:action" pairs. */
  permissions: readonly string[] | null;
  endsAt: Date | null;
  request: FindingRequest;
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
      const grant = activeRobots.find((g) => matches(g, robot));
      if (grant) {
        findings.push(...robotDiffers(grant, robot));
        continue;
      }
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

const DAY_MS = 86_400_000;

/**
 * What differs in a robot Berth granted: its permissions, or an expiry more than a day from the approved end (Harbor
 * counts whole days from the robot's creation, so up to a day later is how Berth's own extensions land) or never.
 */
function robotDiffers(grant: DriftGrant, robot: LiveRobot): DriftFinding[] {
  const out: DriftFinding[] = [];
  const name = grant.robotName ?? robot.name;
  if (robot.permissions && grant.permissions) {
    const approved = [...grant.permissions].sort();
    const inHarbor = [...robot.permissions].sort();
    if (approved.join(",") !== inHarbor.join(",")) out.push({ kind: "robot-permissions-differ", grantId: grant.id, name, approved, inHarbor, request: grant.request });
  }
  if (robot.expiresAt !== undefined && grant.endsAt) {
    const never = robot.expiresAt === -1;
    const off = never ? Infinity : robot.expiresAt * 1000 - grant.endsAt.getTime();
    if (never || off > DAY_MS || off < -DAY_MS) {
      out.push({ kind: "robot-expiry-differs", grantId: grant.id, name, approved: grant.endsAt.toISOString(), inHarbor: never ? "never" : new Date(robot.expiresAt * 1000).toISOString(), request: grant.request });
    }
  }
  return out;
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
  permissions: unknown;
  endsAt: Date | null;
  request: FindingRequest;
}

const pairs = (permissions: unknown): string[] | null =>
  Array.isArray(permissions) ? permissions.filter((p): p is { resource: string; action: string } => !!p && typeof p === "object").map((p) => `${p.resource}:${p.action}`) : null;

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
    permissions: g.subjectType === "ROBOT" ? pairs(g.permissions) : null,
    endsAt: g.endsAt,
    request: g.request,
  };
}


/** What Harbor showed of one project: its members, its robots (null when they could not be read) and its creator. */
export interface HarborSide {
  members: readonly { entityName: string; entityType: string; roleId: number; roleName: string }[];
  robots: readonly { id: number; name: string; expiresAt: number; permissions: readonly { kind: string; namespace: string; access: readonly { resource: string; action: string }[] }[] }[] | null;
  ownerName: string | null;
}

/** The one comparison of a project in Harbor with its grants: the project page's live view and the background check. */
export function compareWithHarbor(harbor: HarborSide, grants: readonly GrantRecord[]): DriftReport {
  return findDrift({
    members: liveMembersOf(harbor.members),
    robots: harbor.robots
      ? harbor.robots.map((r) => ({ id: r.id, name: r.name, expiresAt: r.expiresAt, permissions: r.permissions.filter((p) => p.kind === "project").flatMap((p) => p.access.map((a) => `${a.resource}:${a.action}`)) }))
      : null,
    grants: grants.map(driftGrantOf),
    harborOwner: harbor.ownerName,
  });
}
