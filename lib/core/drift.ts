// Where Harbor differs from what was approved: the findings as the drift comparison (lib/provisioning/drift.ts) makes
// them, the background check stores them and the pages describe them.

/** The request behind a grant, as a finding names it. */
export interface FindingRequest {
  id: string;
  number: number;
}

export type DriftFinding =
  | { kind: "unexplained-member"; name: string; entityType: string; roleName: string }
  | { kind: "missing-member"; grantId: string; name: string; roleLabel: string; request: FindingRequest }
  | { kind: "role-differs"; grantId: string; name: string; approved: string; inHarbor: string; request: FindingRequest }
  | { kind: "unexplained-robot"; name: string }
  | { kind: "missing-robot"; grantId: string; name: string; request: FindingRequest }
  | { kind: "robot-permissions-differ"; grantId: string; name: string; approved: string[]; inHarbor: string[]; request: FindingRequest }
  | { kind: "robot-expiry-differs"; grantId: string; name: string; approved: string | null; inHarbor: string | "never"; request: FindingRequest }
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
    case "robot-permissions-differ":
      return `The robot ${f.name} may do ${f.inHarbor.join(", ") || "nothing"} in Harbor, but ${f.approved.join(", ")} was approved (request #${f.request.number}).`;
    case "robot-expiry-differs":
      return `The robot ${f.name} expires ${f.inHarbor === "never" ? "never" : `on ${f.inHarbor.slice(0, 10)}`} in Harbor, but ${f.approved ? `${f.approved.slice(0, 10)} was approved` : "an end date was approved"} (request #${f.request.number}).`;
    case "missing-project":
      return `The project ${f.name} does not exist in Harbor, although Berth manages it.`;
  }
}

/** The same findings in any order give the same key: what the drift check compares to see a change. */
export function findingsKey(findings: readonly DriftFinding[]): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sorted) : v !== null && typeof v === "object" ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, sorted(x)])) : v;
  return JSON.stringify(findings.map((f) => JSON.stringify(sorted(f))).sort());
}
