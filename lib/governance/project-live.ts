import "server-only";
import { logger } from "../log";
import { cache } from "react";
import type { DriftReport } from "../core/drift";
import { env } from "../env";
import { isHarborError, type HarborMember, type HarborRobot } from "../harbor";
import { harbor } from "../harbor-instance";
import { compareWithHarbor, type GrantRecord } from "../provisioning/drift";

/** A figure read from Harbor just now, or why it could not be read. */
export type Live<T> = { ok: true; value: T; at: Date } | { ok: false; why: string };

// The project page waits at most this long for Harbor; past it the page renders from Berth's data alone.
const LIVE_TIMEOUT_MS = 3_000;

function settle<T>(label: string, run: () => Promise<T>, timeoutMs: number): Promise<Live<T>> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ ok: false, why: `Harbor did not answer within ${Math.round(timeoutMs / 100) / 10} s` }), timeoutMs);
    let call: Promise<T>;
    try {
      call = run();
    } catch (e) {
      call = Promise.reject(e);
    }
    call.then(
      (value) => {
        clearTimeout(timer);
        resolve({ ok: true, value, at: new Date() });
      },
      (e: unknown) => {
        clearTimeout(timer);
        // Only the code is logged and shown: Harbor's message can name internals.
        const code = isHarborError(e) ? e.code : "ERROR";
        logger().warn("project page: Harbor read failed", { read: label, code });
        resolve({ ok: false, why: isHarborError(e) && e.status !== undefined ? `Harbor answered ${e.status}` : isHarborError(e, "TIMEOUT") ? "Harbor did not answer in time" : "Harbor could not be reached" });
      },
    );
  });
}

export interface HarborLive {
  quota: Live<{ hardBytes: number; usedBytes: number } | null>;
  members: Live<HarborMember[]>;
  robots: Live<HarborRobot[]>;
  owner: Live<string | null>;
}

/**
 * Harbor's live view of a project, each part on its own: one slow or failing call does not hide the others.
 * Cached per request, so the quota and drift sections share one round of calls.
 */
export const readHarbor = cache(async (name: string, harborId: number | null): Promise<HarborLive | null> => {
  if (harborId === null) return null;
  const id = harborId;
  const timeout = Math.min(env().HARBOR_TIMEOUT_MS, LIVE_TIMEOUT_MS);
  const [quota, members, robots, owner] = await Promise.all([
    settle("quota", () => harbor().getQuota(id), timeout),
    settle("members", async () => (await harbor().listMembers(name)).members, timeout),
    settle("robots", async () => (await harbor().listProjectRobots(id)).robots, timeout),
    settle("project", async () => (await harbor().getProject(id))?.ownerName ?? null, timeout),
  ]);
  return { quota, members, robots, owner };
});

/** The project page's drift section: the comparison of what Harbor showed just now, or why there is none. */
export function liveDrift(live: HarborLive | null, grants: readonly GrantRecord[]): { report: DriftReport | null; unavailable: string | null; checkedAt: Date | null } {
  if (!live) return { report: null, unavailable: "the project is not in Harbor yet.", checkedAt: null };
  if (!live.members.ok) return { report: null, unavailable: `Harbor's live figures are unavailable (${live.members.why}).`, checkedAt: null };
  const report = compareWithHarbor({ members: live.members.value, robots: live.robots.ok ? live.robots.value : null, ownerName: live.owner.ok ? live.owner.value : null }, grants);
  return { report, unavailable: null, checkedAt: live.members.at };
}
