import "server-only";
import type { Env } from "../env";
import { exceeds, roleById, roleByKey, roleLabel, type RoleId } from "../core/roles";
import { harborRobotName, matchesGlob } from "../core/names";
import type { AnyPayload, RobotPermission } from "../core/payloads";

export interface PolicyConfig {
  selfServiceQuotaGiB: number;
  maxQuotaGiB: number;
  externalGroupPattern: string;
  externalMaxRoleId: RoleId;
  externalMaxDays: number;
  robotMaxDays: number;
}

/** Policy comes from configuration (BERTH_POLICY_*), never from code edits. */
export function policyFromEnv(env: Env): PolicyConfig {
  return {
    selfServiceQuotaGiB: env.BERTH_POLICY_SELF_SERVICE_QUOTA_GIB,
    maxQuotaGiB: env.BERTH_POLICY_MAX_QUOTA_GIB,
    externalGroupPattern: env.BERTH_POLICY_EXTERNAL_GROUP_PATTERN,
    externalMaxRoleId: roleByKey(env.BERTH_POLICY_EXTERNAL_MAX_ROLE)!.id,
    externalMaxDays: env.BERTH_POLICY_EXTERNAL_MAX_DAYS,
    robotMaxDays: env.BERTH_POLICY_ROBOT_MAX_DAYS,
  };
}

export interface PolicyCheck {
  id: string;
  label: string;
  pass: boolean;
  reason: string;
  /** A failing blocking check refuses the request (at submission and again at approval). */
  blocking: boolean;
}

export interface PolicyOutcome {
  checks: PolicyCheck[];
  requiredApprovals: 1 | 2;
  violations: PolicyCheck[];
}

/** What the caller looked up (database, Harbor) for the policy to judge. */
export interface PolicyFacts {
  now: Date;
  requesterGroups: readonly string[];
  requesterIsApprover: boolean;
  /** The managed project the request is about (not for NEW_PROJECT). */
  project?: { name: string; ownerGroup: string; state: string; quotaGiB: number } | null;
  /** NEW_PROJECT: where the name is already used, if anywhere. */
  nameTakenIn?: "berth" | "harbor" | "pending" | null;
  /** GROUP_ACCESS: the group's current grant in the project; ROTATION / EXTENSION: the grant concerned. */
  grant?: { id: string; state: string; subjectType: "GROUP" | "ROBOT"; subjectName: string; roleId: number | null; endsAt: Date | null; permissions: RobotPermission[] | null } | null;
  /** Another pending request about the same subject in the same project. */
  pendingDuplicate?: boolean;
  /** Harbor's project-robot permission pairs, "resource:action". */
  allowedRobotPermissions: ReadonlySet<string>;
}

const DAY = 24 * 3600 * 1000;

/** The last instant of the UTC day `days` after `now`: the latest end date a "at most N days" rule allows. */
export function latestEndDate(now: Date, days: number): Date {
  const d = new Date(now.getTime() + days * DAY);
  d.setUTCHours(23, 59, 59, 999);
  return d;
}

const fmt = (d: Date) => d.toISOString().slice(0, 10);
const mayDelete = (perms: readonly RobotPermission[]) => perms.some((p) => p.action === "delete");

export function isExternalGroup(name: string, config: PolicyConfig): boolean {
  return matchesGlob(name, config.externalGroupPattern);
}

// Judges a request against policy. Pure: every fact it needs is passed in.
export function evaluatePolicy(request: AnyPayload & { endsAt: Date | null }, facts: PolicyFacts, config: PolicyConfig): PolicyOutcome {
  const checks: PolicyCheck[] = [];
  const reasonsForTwo: string[] = [];
  const check = (id: string, label: string, pass: boolean, reason: string, blocking = true) => checks.push({ id, label, pass, reason, blocking });

  const projectChecks = () => {
    const p = facts.project;
    check("project-managed", "Project is managed by Berth", !!p && p.state === "ACTIVE", p ? (p.state === "ACTIVE" ? `${p.name} is active.` : `${p.name} is not active yet (${p.state.toLowerCase()}).`) : "No such project in Berth.");
    if (p) {
      const owner = facts.requesterGroups.includes(p.ownerGroup);
      check(
        "project-owner",
        "Requester speaks for the project",
        owner || facts.requesterIsApprover,
        owner ? `Requester is in the owner group ${p.ownerGroup}.` : facts.requesterIsApprover ? "Requester is a registry admin." : `Only members of the owner group ${p.ownerGroup} can ask for access to ${p.name}.`,
      );
    }
  };
  const endDateChecks = (subject: string, endsAt: Date | null, external: boolean) => {
    if (endsAt) check("end-date-future", "End date is in the future", endsAt > facts.now, endsAt > facts.now ? `Ends ${fmt(endsAt)}.` : `${fmt(endsAt)} has passed.`);
    if (external) {
      const latest = latestEndDate(facts.now, config.externalMaxDays);
      check(
        "external-end-date",
        `External access ends within ${config.externalMaxDays} days`,
        !!endsAt && endsAt <= latest,
        !endsAt ? `${subject} is external (${config.externalGroupPattern}): an end date is required.` : endsAt <= latest ? `Ends ${fmt(endsAt)}, within ${config.externalMaxDays} days.` : `Ends ${fmt(endsAt)}; external access may last until ${fmt(latest)} at most.`,
      );
    }
  };

  switch (request.kind) {
    case "NEW_PROJECT": {
      const p = request.payload;
      const taken = facts.nameTakenIn;
      check("name-free", "Project name is free", !taken, !taken ? `${p.projectName} is not used in Berth or Harbor.` : taken === "harbor" ? `${p.projectName} already exists in Harbor (outside Berth).` : taken === "pending" ? `Another request for ${p.projectName} is pending.` : `${p.projectName} already exists.`);
      const mine = facts.requesterGroups.includes(p.ownerGroup);
      check("owner-group", "Owner group is the requester's", mine, mine ? `${p.ownerGroup} is one of the requester's groups.` : `${p.ownerGroup} is not one of the requester's groups.`);
      const external = isExternalGroup(p.ownerGroup, config);
      check("owner-not-external", "Owner group is internal", !external, external ? `External groups (${config.externalGroupPattern}) cannot own projects: owners are Maintainers.` : `${p.ownerGroup} becomes Maintainer.`);
      check("quota-max", `Quota at most ${config.maxQuotaGiB} GiB`, p.quotaGiB <= config.maxQuotaGiB, `${p.quotaGiB} GiB requested.`);
      if (p.quotaGiB > config.selfServiceQuotaGiB) reasonsForTwo.push(`quota above the self-service limit of ${config.selfServiceQuotaGiB} GiB`);
      break;
    }
    case "GROUP_ACCESS": {
      const p = request.payload;
      projectChecks();
      const external = isExternalGroup(p.groupName, config);
      if (external) {
        const max = roleById(config.externalMaxRoleId)!;
        const ok = !exceeds(p.roleId as RoleId, max.id);
        check("external-role", `External groups at most ${max.label}`, ok, ok ? `${roleLabel(p.roleId)} is allowed for ${p.groupName}.` : `${p.groupName} is external (${config.externalGroupPattern}): ${roleLabel(p.roleId)} is more than ${max.label}.`);
      }
      endDateChecks(p.groupName, request.endsAt, external);
      const g = facts.grant;
      if (g && g.state === "ACTIVE") {
        check("role-changes", "Role changes", g.roleId !== p.roleId, g.roleId === p.roleId ? `${p.groupName} already is ${roleLabel(p.roleId)} in ${p.projectName}.` : `Changes ${p.groupName} from ${roleLabel(g.roleId)} to ${roleLabel(p.roleId)}.`);
      }
      check("no-duplicate", "No other pending request for this group", !facts.pendingDuplicate, facts.pendingDuplicate ? `A request for ${p.groupName} in ${p.projectName} is already pending.` : "None pending.");
      if (p.roleId === 1) reasonsForTwo.push("Project Admin role");
      break;
    }
    case "ROBOT_ACCOUNT": {
      const p = request.payload;
      projectChecks();
      const okDays = p.lifetimeDays >= 1 && p.lifetimeDays <= config.robotMaxDays;
      check("robot-expiry", `Robot expires within ${config.robotMaxDays} days`, okDays, okDays ? `Expires after ${p.lifetimeDays} days.` : `Robots must expire within ${config.robotMaxDays} days; "never" is refused.`);
      const unknown = p.permissions.filter((x) => !facts.allowedRobotPermissions.has(`${x.resource}:${x.action}`));
      check("robot-permissions", "Permissions are Harbor project permissions", p.permissions.length > 0 && unknown.length === 0, unknown.length ? `Not a Harbor project permission: ${unknown.map((x) => `${x.resource}:${x.action}`).join(", ")}.` : p.permissions.map((x) => `${x.resource}:${x.action}`).join(", "));
      const existing = facts.grant && ["ACTIVE", "PENDING"].includes(facts.grant.state);
      check("robot-name-free", "Robot name is free in the project", !existing, existing ? `A robot named ${p.robotName} already exists in ${p.projectName}.` : harborRobotName(p.projectName, p.robotName));
      check("no-duplicate", "No other pending request for this robot", !facts.pendingDuplicate, facts.pendingDuplicate ? `A request for robot ${p.robotName} is already pending.` : "None pending.");
      if (mayDelete(p.permissions)) reasonsForTwo.push("robot may delete");
      break;
    }
    case "ROBOT_ROTATION": {
      projectChecks();
      const g = facts.grant;
      const ok = !!g && g.subjectType === "ROBOT" && g.state === "ACTIVE";
      check("grant-active", "Robot is active", ok, ok ? `Rotates the secret of ${request.payload.robotName}.` : "Only an active robot can be rotated.");
      check("no-duplicate", "No other pending request for this robot", !facts.pendingDuplicate, facts.pendingDuplicate ? "A request for this robot is already pending." : "None pending.");
      break;
    }
    case "GRANT_EXTENSION": {
      projectChecks();
      const g = facts.grant;
      const active = !!g && g.state === "ACTIVE";
      check("grant-active", "Grant is active", active, active ? `${g.subjectName} in ${request.payload.projectName}.` : "Only an active grant can be extended.");
      const newEnd = request.endsAt;
      if (g && newEnd) {
        const later = !g.endsAt || newEnd > g.endsAt;
        check("extends", "New end date is later", later, later ? `From ${g.endsAt ? fmt(g.endsAt) : "no end"} to ${fmt(newEnd)}.` : `${fmt(newEnd)} is not after the current end ${fmt(g.endsAt!)}.`);
        if (g.subjectType === "ROBOT") {
          const latest = latestEndDate(facts.now, config.robotMaxDays);
          check("robot-expiry", `Robot expires within ${config.robotMaxDays} days`, newEnd <= latest, newEnd <= latest ? `Ends ${fmt(newEnd)}.` : `Robots may be extended to ${fmt(latest)} at most.`);
          if (mayDelete(g.permissions ?? [])) reasonsForTwo.push("robot may delete");
        } else {
          endDateChecks(g.subjectName, newEnd, isExternalGroup(g.subjectName, config));
          if (g.roleId === 1) reasonsForTwo.push("Project Admin role");
        }
      }
      check("no-duplicate", "No other pending request for this grant", !facts.pendingDuplicate, facts.pendingDuplicate ? "A request for this grant is already pending." : "None pending.");
      break;
    }
    case "QUOTA_CHANGE": {
      const p = request.payload;
      projectChecks();
      check("quota-max", `Quota at most ${config.maxQuotaGiB} GiB`, p.quotaGiB <= config.maxQuotaGiB, `${p.quotaGiB} GiB requested.`);
      check("quota-changes", "Quota changes", !facts.project || facts.project.quotaGiB !== p.quotaGiB, facts.project?.quotaGiB === p.quotaGiB ? `${p.projectName} already has ${p.quotaGiB} GiB.` : `From ${facts.project?.quotaGiB ?? "?"} GiB to ${p.quotaGiB} GiB.`);
      check("no-duplicate", "No other pending quota request", !facts.pendingDuplicate, facts.pendingDuplicate ? `A quota request for ${p.projectName} is already pending.` : "None pending.");
      if (p.quotaGiB > config.selfServiceQuotaGiB) reasonsForTwo.push(`quota above the self-service limit of ${config.selfServiceQuotaGiB} GiB`);
      break;
    }
  }

  const requiredApprovals: 1 | 2 = reasonsForTwo.length > 0 ? 2 : 1;
  check("four-eyes", "Approved by others", true, "The requester can never approve their own request.", false);
  check(
    "approvals",
    requiredApprovals === 2 ? "Two approvals" : "One approval",
    true,
    requiredApprovals === 2 ? `Two different approvers: ${reasonsForTwo.join("; ")}.` : "One approver other than the requester.",
    false,
  );
  return { checks, requiredApprovals, violations: checks.filter((c) => c.blocking && !c.pass) };
}
