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
 * Cached per request, so the quota and drift sections share one round of calls; and shared across requests of this
 * process for BERTH_HARBOR_LIVE_SECONDS while `version` (what Berth knows of the project, see liveVersion) stays the
 * same — so a read never outlives a change Berth made, and many people on one project cost Harbor one round of calls.
 */
export const readHarbor = cache(async (name: string, harborId: number | null, version: string): Promise<HarborLive | null> => {
  if (harborId === null) return null;
  return sharedRead(`${harborId}/${name}`, version, () => readNow(name, harborId), env().BERTH_HARBOR_LIVE_SECONDS * 1000);
});

async function readNow(name: string, id: number): Promise<HarborLive> {
  const timeout = Math.min(env().HARBOR_TIMEOUT_MS, LIVE_TIMEOUT_MS);
  const [quota, members, robots, owner] = await Promise.all([
    settle("quota", () => harbor().getQuota(id), timeout),
    settle("members", async () => (await harbor().listMembers(name)).members, timeout),
    settle("robots", async () => (await harbor().listProjectRobots(id)).robots, timeout),
    settle("project", async () => (await harbor().getProject(id))?.ownerName ?? null, timeout),
  ]);
  return { quota, members, robots, owner };
}

/**
 * What Berth knows of a project that the live view is compared with: its row and its grants' rows (each row's
 * updatedAt moves with every change Berth makes). A shared read is reused only under the same version.
 */
export function liveVersion(project: { updatedAt: Date }, grants: readonly { id: string; updatedAt: Date }[]): string {
  let latest = project.updatedAt.getTime();
  for (const g of grants) latest = Math.max(latest, g.updatedAt.getTime());
  return `${grants.length}:${latest}`;
}

interface SharedRead {
  version: string;
  until: number;
  value: Promise<HarborLive>;
}

// per project: the latest read, pending or done
const shared = new Map<string, SharedRead>();
const SHARED_MAX = 1_000;

/**
 * One round of Harbor calls serves every request for the same project (`slot`) and version within `ttlMs` of its
 * start, including those that arrive while it is in flight; a project keeps only its latest read. A read with any part
 * failed is not kept: the next request asks Harbor again.
 */
export function sharedRead(slot: string, version: string, read: () => Promise<HarborLive>, ttlMs: number, now = Date.now()): Promise<HarborLive> {
  if (ttlMs <= 0) return read();
  const hit = shared.get(slot);
  if (hit && hit.version === version && hit.until > now) return hit.value;
  const entry: SharedRead = { version, until: now + ttlMs, value: read() };
  shared.delete(slot);
  if (shared.size >= SHARED_MAX) shared.delete(shared.keys().next().value!);
  shared.set(slot, entry);
  entry.value.then(
    (live) => {
      if (![live.quota, live.members, live.robots, live.owner].every((part) => part.ok) && shared.get(slot) === entry) shared.delete(slot);
    },
    () => shared.get(slot) === entry && shared.delete(slot),
  );
  return entry.value;
}

/** The project page's drift section: the comparison of what Harbor showed just now, or why there is none. */
export function liveDrift(live: HarborLive | null, grants: readonly GrantRecord[]): { report: DriftReport | null; unavailable: string | null; checkedAt: Date | null } {
  if (!live) return { report: null, unavailable: "the project is not in Harbor yet.", checkedAt: null };
  if (!live.members.ok) return { report: null, unavailable: `Harbor's live figures are unavailable (${live.members.why}).`, checkedAt: null };
  const report = compareWithHarbor({ members: live.members.value, robots: live.robots.ok ? live.robots.value : null, ownerName: live.owner.ok ? live.owner.value : null }, grants);
  return { report, unavailable: null, checkedAt: live.members.at };
}
