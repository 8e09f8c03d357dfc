import "server-only";
import type { Env } from "../env";
import { roleByKey, type RoleId } from "../core/roles";
import { matchesGlob } from "../core/names";
import type { RobotPermission } from "../core/payloads";

export interface PolicyConfig {
  selfServiceQuotaGiB: number;
  maxQuotaGiB: number;
  externalGroupPattern: string;
  externalMaxRoleId: RoleId;
  externalMaxDays: number;
  /** internal groups' end dates, when they have one, lie within this many days */
  internalMaxDays: number;
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
    internalMaxDays: env.BERTH_POLICY_INTERNAL_MAX_DAYS,
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
  /** ROBOT_ACCOUNT: Harbor already has a robot of that name that no grant of Berth's explains. */
  robotInHarbor?: boolean;
  /** Another pending request about the same subject in the same project. */
  pendingDuplicate?: boolean;
  /** Harbor's project-robot permission pairs, "resource:action". */
  allowedRobotPermissions: ReadonlySet<string>;
}

const DAY = 24 * 3600 * 1000;

/**
 * The last instant of the UTC day `days` after `now`: the latest end date an "at most N days" rule allows. The forms
 * offer only days whose end on the picker's clock falls before it (components/requests/simple-forms.tsx).
 */
export function latestEndDate(now: Date, days: number): Date {
  const d = new Date(now.getTime() + days * DAY);
  d.setUTCHours(23, 59, 59, 999);
  return d;
}

/** A day as policy reasons write it (UTC). */
export const fmt = (d: Date) => d.toISOString().slice(0, 10);
/** An instant as policy reasons write it: to the minute, in UTC, so approvers anywhere read the same thing. */
export const at = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export function isExternalGroup(name: string, config: PolicyConfig): boolean {
  return matchesGlob(name, config.externalGroupPattern);
}

/** What a kind's policy (lib/governance/kinds/) works with: the facts, the configuration and the shared checks. */
export interface PolicyKit {
  facts: PolicyFacts;
  config: PolicyConfig;
  check(id: string, label: string, pass: boolean, reason: string, blocking?: boolean): void;
  /** This request needs two approvers, for this reason. */
  requireTwo(reason: string): void;
  /** The project the request is about is managed, active, and the requester speaks for it. */
  projectChecks(): void;
  /** An end date is in the future and, for an external group, within the external limit. */
  endDateChecks(subject: string, endsAt: Date | null, external: boolean): void;
  isExternal(groupName: string): boolean;
}

/** A kit collecting checks and the reasons for a second approver. */
export function policyKit(facts: PolicyFacts, config: PolicyConfig): PolicyKit & { checks: PolicyCheck[]; reasonsForTwo: string[] } {
  const checks: PolicyCheck[] = [];
  const reasonsForTwo: string[] = [];
  const check = (id: string, label: string, pass: boolean, reason: string, blocking = true) => void checks.push({ id, label, pass, reason, blocking });
  return {
    facts,
    config,
    checks,
    reasonsForTwo,
    check,
    requireTwo: (reason) => void reasonsForTwo.push(reason),
    isExternal: (name) => isExternalGroup(name, config),
    projectChecks() {
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
    },
    endDateChecks(subject, endsAt, external) {
      if (endsAt) check("end-date-future", "End date is in the future", endsAt > facts.now, endsAt > facts.now ? `Ends ${at(endsAt)}.` : `${at(endsAt)} has passed.`);
      if (external) {
        const latest = latestEndDate(facts.now, config.externalMaxDays);
        check(
          "external-end-date",
          `External access ends within ${config.externalMaxDays} days`,
          !!endsAt && endsAt <= latest,
          !endsAt ? `${subject} is external (${config.externalGroupPattern}): an end date is required.` : endsAt <= latest ? `Ends ${at(endsAt)}, within ${config.externalMaxDays} days.` : `Ends ${at(endsAt)}; external access may last until ${at(latest)} at most.`,
        );
      } else if (endsAt) {
        const latest = latestEndDate(facts.now, config.internalMaxDays);
        check("internal-end-date", `End date within ${config.internalMaxDays} days`, endsAt <= latest, endsAt <= latest ? `Within ${config.internalMaxDays} days.` : `Ends ${at(endsAt)}; an end date may lie ${config.internalMaxDays} days ahead at most (${at(latest)}). Leave it empty for access without an end.`);
      }
    },
  };
}
