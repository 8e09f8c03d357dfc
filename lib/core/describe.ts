import { ROBOT_PRESETS, type AnyPayload } from "./payloads";
import { roleLabel } from "./roles";

/** One line saying what a request asks for (queues, pages, notifications). */
export function describeRequest(request: AnyPayload): string {
  switch (request.kind) {
    case "NEW_PROJECT":
      return `New project ${request.payload.projectName} for ${request.payload.ownerGroup} (${request.payload.template}, ${request.payload.quotaGiB} GiB)`;
    case "GROUP_ACCESS":
      return request.payload.replacesGrantId
        ? `${request.payload.groupName}: ${roleLabel(request.payload.previousRoleId)} → ${roleLabel(request.payload.roleId)} in ${request.payload.projectName}`
        : `${request.payload.groupName} as ${roleLabel(request.payload.roleId)} in ${request.payload.projectName}`;
    case "ROBOT_ACCOUNT":
      return `Robot ${request.payload.robotName} in ${request.payload.projectName} (${ROBOT_PRESETS[request.payload.preset].label.toLowerCase()}, ${request.payload.lifetimeDays} days)`;
    case "ROBOT_ROTATION":
      return `Rotate the secret of robot ${request.payload.robotName} in ${request.payload.projectName}`;
    case "GRANT_EXTENSION":
      return `Extend ${request.payload.subjectName} in ${request.payload.projectName} to ${request.payload.newEndsAt.slice(0, 10)}`;
    case "QUOTA_CHANGE":
      return `Quota of ${request.payload.projectName}: ${request.payload.previousQuotaGiB} → ${request.payload.quotaGiB} GiB`;
  }
}
