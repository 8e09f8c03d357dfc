import "server-only";
// What a reviewer is shown about a grant's use, from the background usage check's stored read of Harbor's audit log
// (ADR 014, ADR 016), and the suggestion that follows. Pure: the same evidence is shown, stored with a decision and
// exported. "Harbor could not tell" is never "unused".
import { describeFinding, type DriftFinding } from "../core/drift";
import type { AuditLogging } from "../harbor/usage";
import { DAY_MS } from "./timing";

export interface Figures {
  pulls: number | null;
  pushes: number;
  lastPull: string | null;
  lastPush: string | null;
}

/** A UsageCheck row as the pages read it. */
export interface UsageRead {
  status: string | null;
  reason: string | null;
  attemptedAt: Date | null;
  checkedAt: Date | null;
  windowFrom: Date | null;
  windowTo: Date | null;
  pullsLogged: boolean;
  /** Figures of the one robot asked about (robots) or of every user together (groups), from the last good read. */
  figures: (Figures & { people?: number }) | null;
}

export interface ReviewSubject {
  subjectType: "GROUP" | "ROBOT";
  subjectName: string;
  grantStartsAt: Date | null;
}

export type UsageVerdict = "used" | "unused" | "unattributable" | "unknown";

export interface UsageEvidence {
  verdict: UsageVerdict;
  /** Robots are logged under their own name; for a group Harbor only shows what the project's users did. */
  attribution: "robot" | "project-users";
  /** When Harbor was read (the last read that answered), and the window it covered. */
  readAt: string | null;
  from: string | null;
  to: string | null;
  pulls: number | null;
  pushes: number | null;
  /** The robot's last pull or push; for a group, the last by any user of the project. */
  lastUsed: string | null;
  /** For a group: how many different people pulled or pushed in the window. */
  people: number | null;
  /** One sentence that says what Harbor shows, or why it cannot tell. */
  note: string;
}

export interface EvidenceOptions {
  now: Date;
  logging: AuditLogging;
  unusedDays: number;
}

const day = (iso: string | Date) => (typeof iso === "string" ? iso : iso.toISOString()).slice(0, 10);
const later = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : Date.parse(a) >= Date.parse(b) ? a : b);

function unknown(subject: ReviewSubject, note: string, read?: UsageRead): UsageEvidence {
  return {
    verdict: "unknown",
    attribution: subject.subjectType === "ROBOT" ? "robot" : "project-users",
    readAt: read?.checkedAt?.toISOString() ?? null,
    from: read?.windowFrom?.toISOString() ?? null,
    to: read?.windowTo?.toISOString() ?? null,
    pulls: null,
    pushes: null,
    lastUsed: null,
    people: null,
    note,
  };
}

/** The usage evidence of one grant from its project's latest read. */
export function usageEvidence(read: UsageRead | null, subject: ReviewSubject, o: EvidenceOptions): UsageEvidence {
  if (o.logging === "off") return unknown(subject, "Usage unknown: this Harbor does not write pulls and pushes to its audit log database.");
  if (!read || read.status === null) return unknown(subject, "Usage not read yet: Berth has not read this project's audit log in Harbor.");
  if (read.status === "logging-off") return unknown(subject, "Usage unknown: this Harbor does not write pulls and pushes to its audit log database.");
  if (read.status !== "ok" || !read.checkedAt || !read.windowFrom || !read.windowTo) {
    const when = read.attemptedAt ? ` on ${day(read.attemptedAt)}` : "";
    return unknown(subject, `Usage unknown: Harbor's audit log could not be read${when} (${read.reason ?? read.status}).`, read);
  }
  const f = read.figures ?? { pulls: read.pullsLogged ? 0 : null, pushes: 0, lastPull: null, lastPush: null, people: 0 };
  const pullsLogged = read.pullsLogged && o.logging === "on";
  const lastUsed = later(pullsLogged ? f.lastPull : null, f.lastPush);
  const base = {
    readAt: read.checkedAt.toISOString(),
    from: read.windowFrom.toISOString(),
    to: read.windowTo.toISOString(),
    pulls: pullsLogged ? (f.pulls ?? 0) : null,
    pushes: f.pushes,
    lastUsed,
    people: subject.subjectType === "GROUP" ? (f.people ?? 0) : null,
  };
  const grantedAfterFrom = subject.grantStartsAt !== null && subject.grantStartsAt > read.windowFrom;
  const since = grantedAfterFrom ? `since it was granted on ${day(subject.grantStartsAt!)}` : `since ${day(read.windowFrom)}`;
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : word.endsWith("sh") ? "es" : "s"}`;
  const pullWords = pullsLogged ? `${count(base.pulls ?? 0, "pull")} and ${count(base.pushes, "push")}` : `${count(base.pushes, "push")} (this Harbor does not log pulls)`;
  if (subject.subjectType === "ROBOT") {
    if (lastUsed) return { ...base, verdict: "used", attribution: "robot", note: `${pullWords} by this robot ${since}; last on ${day(lastUsed)}.` };
    if (!pullsLogged) return { ...base, verdict: "unknown", attribution: "robot", note: `No push by this robot ${since}, and this Harbor does not log pulls: usage unknown.` };
    return { ...base, verdict: "unused", attribution: "robot", note: `No pull or push recorded by Harbor for this robot ${since}.` };
  }
  if (lastUsed) {
    return {
      ...base,
      verdict: "unattributable",
      attribution: "project-users",
      note: `${pullWords} by ${base.people} ${base.people === 1 ? "person" : "people"} in the project ${since}, last on ${day(lastUsed)}. Harbor logs people, not groups: it cannot tell whether they acted through ${subject.subjectName}.`,
    };
  }
  if (!pullsLogged) return { ...base, verdict: "unknown", attribution: "project-users", note: `No push by anyone in the project ${since}, and this Harbor does not log pulls: usage unknown.` };
  return { ...base, verdict: "unused", attribution: "project-users", note: `Nobody pulled or pushed in the project ${since}, so ${subject.subjectName} did not use its access.` };
}

/**
 * Whether the grant counts as unused for `unusedDays`: Harbor was read and logs pulls, the grant is at least that
 * old, and its last pull or push (for a group: anyone's in the project) is older than that, or not in the window.
 */
export function unusedFor(evidence: UsageEvidence, subject: ReviewSubject, o: Pick<EvidenceOptions, "now" | "unusedDays">): boolean {
  if (evidence.verdict === "unknown" || !evidence.from || !subject.grantStartsAt || evidence.pulls === null) return false;
  const threshold = o.now.getTime() - o.unusedDays * DAY_MS;
  if (subject.grantStartsAt.getTime() > threshold || Date.parse(evidence.from) > threshold + DAY_MS) return false;
  return evidence.lastUsed === null || Date.parse(evidence.lastUsed) < threshold;
}

/** The findings of a project's drift check that are about this subject. */
export function findingsFor(findings: readonly DriftFinding[], subject: { subjectType: "GROUP" | "ROBOT"; subjectName: string; harborRobotName: string | null; grantId: string }): DriftFinding[] {
  return findings.filter((f) => {
    switch (f.kind) {
      case "missing-member":
      case "role-differs":
      case "missing-robot":
        return f.grantId === subject.grantId;
      case "unexplained-member":
        return subject.subjectType === "GROUP" && f.name === subject.subjectName;
      case "unexplained-robot":
        return subject.subjectType === "ROBOT" && f.name === subject.harborRobotName;
      case "missing-project":
        return true;
    }
  });
}

export interface Suggestion {
  action: "remove" | "keep" | "check";
  text: string;
}

/** What the evidence suggests; null when it suggests nothing (the reviewer decides on what they know). */
export function suggest(evidence: UsageEvidence, drift: readonly DriftFinding[], subject: ReviewSubject, o: Pick<EvidenceOptions, "now" | "unusedDays">): Suggestion | null {
  const gone = drift.find((f) => f.kind === "missing-member" || f.kind === "missing-robot" || f.kind === "missing-project");
  if (gone) return { action: "remove", text: `Harbor no longer has it — remove. ${describeFinding(gone)}` };
  if (unusedFor(evidence, subject, o)) return { action: "remove", text: `Unused ${o.unusedDays} days — remove` };
  const differs = drift.find((f) => f.kind === "role-differs");
  if (differs) return { action: "check", text: `Harbor differs from what was approved — check. ${describeFinding(differs)}` };
  if (evidence.verdict === "used" && evidence.lastUsed) return { action: "keep", text: `Used on ${day(evidence.lastUsed)} — keep if still needed` };
  return null;
}
