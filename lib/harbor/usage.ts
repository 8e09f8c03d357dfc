// Who pulled from and pushed to one project in a time window, read from Harbor's audit log (ADR 014). A reader only:
// it calls Harbor and returns figures; what to propose or show is the caller's business. "Harbor could not tell us"
// (logging off, forbidden, unreachable) is always its own status and never reads as "unused".
import { ROBOT_PREFIX } from "../core/names";
import type { AuditLogFilter, HarborAuditLogClient } from "./audit-logs";
import type { HarborClient } from "./client";
import { isHarborError } from "./errors";

/**
 * What the Harbor being read writes to its audit log. A robot cannot read these settings through the API (see
 * docs/harbor.md), so whoever runs Berth states them:
 * - `on`: Harbor's default, pulls and pushes are logged;
 * - `pulls-off`: `pull_audit_log_disable` set, or `pull_artifact` in `disabled_audit_log_event_types`;
 * - `off`: `skip_audit_log_database` (entries only go to the syslog forward endpoint), or both artifact event types disabled.
 */
export type AuditLogging = "on" | "pulls-off" | "off";

export interface SubjectUsage {
  /** As Harbor logs it: a robot's full name (`robot$team-a+ci`), a user's Harbor name, or `anonymous`. */
  username: string;
  /** Harbor logs the person, never the group through which they had access. */
  kind: "robot" | "user" | "anonymous";
  /** Manifest downloads (a multi-arch pull counts the index and the platform manifest); null when pulls are not logged. */
  pulls: number | null;
  /** Manifest uploads (each platform manifest, index, signature or SBOM counts). */
  pushes: number;
  /** ISO time of the newest pull in the window; null for none (or not logged, or not reached in `lastUseOnly`). */
  lastPull: string | null;
  lastPush: string | null;
}

interface UsageBase {
  project: string;
  /** The window read, as sent to Harbor (UTC, to the second). */
  from: string;
  to: string;
}

export type ProjectUsage =
  | (UsageBase & {
      status: "ok";
      /** False when the caller declared `pulls-off`: `pulls` and `lastPull` are then unknown, not zero. */
      pullsLogged: boolean;
      /** The usernames the figures cover: every one in the project, or only those asked for. */
      covers: "all" | string[];
      /** False when `lastUseOnly` stopped before the last page: counts are lower bounds, last use is exact. */
      complete: boolean;
      subjects: SubjectUsage[];
      /** Entries read. */
      events: number;
      /** Harbor calls made (a retried call counts once). */
      calls: number;
      requestIds: string[];
    })
  | (UsageBase & { status: "logging-off"; reason: string; calls: 0 })
  | (UsageBase & { status: "forbidden"; reason: string; requestId: string; calls: number })
  | (UsageBase & { status: "project-not-found"; requestId: string; calls: number })
  | (UsageBase & { status: "unavailable"; reason: string; code: string; requestId: string; calls: number });

export interface ProjectUsageOptions {
  project: string;
  from: Date;
  /** Default: now. */
  to?: Date;
  /** Read only these usernames (filtered by Harbor, so fewer pages). */
  usernames?: string[];
  /** With `usernames`: stop paging once each has been seen (its last use is then known); counts become lower bounds. */
  lastUseOnly?: boolean;
  /** Default `on`. */
  auditLogging?: AuditLogging;
  /** Harbor's `robot_name_prefix`. Default `robot$`. */
  robotPrefix?: string;
  now?: () => Date;
}

/** The two client calls the reader needs. */
export type UsageSource = Pick<HarborAuditLogClient, "projectAuditLogPages"> & Pick<HarborClient, "projectExists">;

function later(a: string | null, b: string): string {
  return a === null || Date.parse(b) > Date.parse(a) ? b : a;
}

function kindOf(username: string, robotPrefix: string): SubjectUsage["kind"] {
  if (username.startsWith(robotPrefix)) return "robot";
  return username === "anonymous" ? "anonymous" : "user";
}

function readWindow(o: ProjectUsageOptions): { from: Date; to: Date; label: { from: string; to: string } } {
  if (typeof o.project !== "string" || o.project === "") throw new TypeError("project name is required");
  const to = o.to ?? (o.now ?? (() => new Date()))();
  for (const [name, d] of [["from", o.from], ["to", to]] as const) {
    if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new TypeError(`${name} must be a valid Date`);
  }
  if (o.from.getTime() > to.getTime()) throw new TypeError("from is after to");
  if (o.lastUseOnly && !o.usernames?.length) throw new TypeError("lastUseOnly needs the usernames to wait for");
  const label = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;
  return { from: o.from, to, label: { from: label(o.from), to: label(to) } };
}

/**
 * Pull and push figures per username for one project: GET /projects/{p}/auditlog-exts filtered by Harbor to
 * artifact pulls and pushes in the window (and to `usernames`, if given), 100 per page, newest first, so
 * max(1, ⌈matching entries / 100⌉) calls — fewer with `lastUseOnly`. Needs project `log:list`.
 */
export async function readProjectUsage(harbor: UsageSource, options: ProjectUsageOptions): Promise<ProjectUsage> {
  const { from, to, label } = readWindow(options);
  const base = { project: options.project, ...label };
  const logging = options.auditLogging ?? "on";
  if (logging === "off") {
    return { ...base, status: "logging-off", reason: "this Harbor does not write pulls and pushes to its audit log database", calls: 0 };
  }
  const pullsLogged = logging === "on";
  const filter: AuditLogFilter = { operations: pullsLogged ? ["pull", "create"] : ["create"], resourceTypes: ["artifact"], usernames: options.usernames, from, to };
  const pages = harbor.projectAuditLogPages(options.project, filter);
  const robotPrefix = options.robotPrefix ?? ROBOT_PREFIX;
  const waitingFor = new Set(options.lastUseOnly ? options.usernames : []);
  const subjects = new Map<string, SubjectUsage>();
  const seen = new Set<number>();
  const requestIds: string[] = [];
  let complete = true;
  let calls = 0;
  try {
    for await (const page of pages) {
      calls += 1;
      requestIds.push(page.requestId);
      for (const e of page.entries) {
        // An entry can come twice when rows shift between two pages; count it once.
        if (seen.has(e.id)) continue;
        seen.add(e.id);
        let s = subjects.get(e.username);
        if (!s) {
          s = { username: e.username, kind: kindOf(e.username, robotPrefix), pulls: pullsLogged ? 0 : null, pushes: 0, lastPull: null, lastPush: null };
          subjects.set(e.username, s);
        }
        if (e.operation === "pull" && s.pulls !== null) {
          s.pulls += 1;
          s.lastPull = later(s.lastPull, e.opTime);
        } else if (e.operation === "create") {
          s.pushes += 1;
          s.lastPush = later(s.lastPush, e.opTime);
        }
        waitingFor.delete(e.username);
      }
      if (options.lastUseOnly && waitingFor.size === 0 && !page.last) {
        complete = false;
        break;
      }
    }
  } catch (error) {
    if (!isHarborError(error)) throw error;
    calls += 1;
    if (error.status === 401 || error.status === 403) {
      // Harbor answers 403 rather than 404 to a robot for a project that does not exist (#19342).
      if (error.status === 403) {
        calls += 1;
        const exists = await harbor.projectExists(options.project).catch(() => undefined);
        if (exists && !exists.exists) return { ...base, status: "project-not-found", requestId: error.requestId, calls };
      }
      const reason = error.status === 401 ? "Harbor did not accept Berth's credentials" : "Berth's Harbor account may not read this project's audit log (it needs log:list)";
      return { ...base, status: "forbidden", reason, requestId: error.requestId, calls };
    }
    if (error.status === 404) return { ...base, status: "project-not-found", requestId: error.requestId, calls };
    if (error.status === undefined || error.status >= 500 || error.status === 429) {
      return { ...base, status: "unavailable", reason: error.harborMessage, code: error.code, requestId: error.requestId, calls };
    }
    throw error;
  }
  const events = seen.size;
  return {
    ...base,
    status: "ok",
    pullsLogged,
    covers: options.usernames ? [...options.usernames] : "all",
    complete,
    subjects: [...subjects.values()].sort((a, b) => a.username.localeCompare(b.username)),
    events,
    calls,
    requestIds,
  };
}

export type UsageVerdict = { verdict: "used"; lastUsed: string } | { verdict: "unused" } | { verdict: "unknown"; reason: string };

/**
 * Whether `username` pulled or pushed in the window. "unused" only when Harbor was read, logs pulls, and covered
 * that username; everything else Harbor could not tell is "unknown" with the reason.
 */
export function usageVerdict(usage: ProjectUsage, username: string): UsageVerdict {
  switch (usage.status) {
    case "logging-off":
    case "forbidden":
    case "unavailable":
      return { verdict: "unknown", reason: usage.reason };
    case "project-not-found":
      return { verdict: "unknown", reason: `project ${usage.project} is not in Harbor` };
    case "ok":
      break;
  }
  const s = usage.subjects.find((x) => x.username === username);
  const last = [s?.lastPull, s?.lastPush].filter((t): t is string => typeof t === "string").reduce<string | null>(later, null);
  if (last) return { verdict: "used", lastUsed: last };
  if (usage.covers !== "all" && !usage.covers.includes(username)) return { verdict: "unknown", reason: `${username} was not among the usernames read` };
  if (!usage.pullsLogged) return { verdict: "unknown", reason: `no push by ${username} since ${usage.from}, and this Harbor does not log pulls` };
  return { verdict: "unused" };
}
