import { z } from "zod";
import { hiddenCharacter, hiddenCharacterMessage } from "./validation";

// Harbor's project (and robot short-name) rule: lower case, digits, single . _ - between them (docs/harbor.md, "Harbor's rules Berth relies on").
export const HARBOR_NAME = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/** Why a project or robot name breaks Harbor's rules, or null when it is fine. Shared by the form and the server. */
export function harborNameProblem(name: string, what = "Name"): string | null {
  if (name.length === 0) return `${what} is required.`;
  if (name.length > 255) return `${what} must be at most 255 characters.`;
  if (/[A-Z]/.test(name)) return `${what} must be lower case.`;
  if (/[^a-z0-9._-]/.test(name)) return `${what} may contain only lower-case letters, digits, and . _ -`;
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return `${what} must start and end with a letter or digit.`;
  if (!HARBOR_NAME.test(name)) return `${what} cannot have two of . _ - in a row.`;
  return null;
}

export const harborName = (what: string) =>
  z
    .string({ error: `${what} is required.` })
    .trim()
    .superRefine((v, ctx) => {
      const problem = harborNameProblem(v, what);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });

// OIDC group names as IdPs send them; commas are refused because Berth's settings use comma lists.
export const groupName = z
  .string({ error: "Group is required." })
  .trim()
  .min(1, "Group is required.")
  .max(255, "Group names are at most 255 characters.")
  .refine((v) => !v.includes(","), "Group names cannot contain commas (Berth's settings list groups with commas).")
  .superRefine((v, ctx) => {
    const found = hiddenCharacter(v);
    if (found) ctx.addIssue({ code: "custom", message: hiddenCharacterMessage("Group", found) });
  });

/** Whether a group name matches a glob like `ext-*`. */
export function matchesGlob(name: string, glob: string): boolean {
  const pattern = glob
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${pattern}$`).test(name);
}

/** Harbor's prefix of robot account names (its `robot_name_prefix`, `robot$` unless an admin changed it). */
export const ROBOT_PREFIX = "robot$";

/** Harbor's full name of a project robot: `robot$<project>+<name>` (Harbor stores `<project>+<name>`). */
export const harborRobotName = (projectName: string, robotName: string) => `${ROBOT_PREFIX}${projectName}+${robotName}`;

/** Whether Harbor's full robot name is the project robot `<project>+<name>`, whatever prefix Harbor is set to use. */
export function isProjectRobotNamed(fullName: string, projectName: string, robotName: string): boolean {
  const suffix = `${projectName}+${robotName}`;
  return fullName.endsWith(suffix) && !fullName.slice(0, -suffix.length).includes("+");
}

/** What Berth writes into the description of a robot it creates, so a later run knows the robot as its own. */
export const berthRobotMarker = (grantId: string) => `[berth grant ${grantId}]`;

/** A robot's Harbor description: the requester's words, then Berth's marker. */
export const berthRobotDescription = (description: string, grantId: string) => (description ? `${description} ${berthRobotMarker(grantId)}` : berthRobotMarker(grantId));

export type SubjectType = "GROUP" | "ROBOT";

/** "group:<name>" or "robot:<short name>": how the audit trail and duplicate checks name a subject. */
export function subjectKey(type: SubjectType, name: string): string {
  return `${type === "GROUP" ? "group" : "robot"}:${name}`;
}

/** The name Harbor shows for a grant's subject: the OIDC group as is, a robot by its full name. */
export function subjectLabel(subject: { subjectType: SubjectType; subjectName: string; projectName: string; harborRobotName?: string | null }): string {
  if (subject.subjectType === "GROUP") return subject.subjectName;
  return subject.harborRobotName ?? harborRobotName(subject.projectName, subject.subjectName);
}

/** Who ended a grant, in words: the person's name, or Berth itself ("system (expiry)"), else the id that was stored. */
export function endedByText(grant: { endedBy: string | null; endedByName?: string | null }): string | null {
  if (grant.endedByName) return grant.endedByName;
  if (!grant.endedBy) return null;
  return grant.endedBy.startsWith("system:") ? `system (${grant.endedBy.slice("system:".length)})` : grant.endedBy;
}
