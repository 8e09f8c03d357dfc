import "server-only";
import { cache } from "react";
import type { Live } from "@/components/projects/live";
import { env } from "@/lib/env";
import { isHarborError, type HarborMember, type HarborRobot } from "@/lib/harbor";
import { harbor } from "@/lib/harbor-instance";

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
        console.warn(`[berth] project page: Harbor ${label} failed: ${code}`);
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
