import { z } from "zod";
import { ROLE_IDS, type RoleId } from "./roles";
import { groupName, harborName } from "./names";
import { PROJECT_TEMPLATES } from "./templates";
import { endOfDayIn, isTimeZone } from "./time";
import { plainText, wholeNumber } from "./validation";

export const REQUEST_KINDS = ["NEW_PROJECT", "GROUP_ACCESS", "ROBOT_ACCOUNT", "ROBOT_ROTATION", "GRANT_EXTENSION", "QUOTA_CHANGE"] as const;
export type RequestKindName = (typeof REQUEST_KINDS)[number];

export const KIND_LABELS: Record<RequestKindName, string> = {
  NEW_PROJECT: "New project",
  GROUP_ACCESS: "Group access",
  ROBOT_ACCOUNT: "Robot account",
  ROBOT_ROTATION: "Robot secret rotation",
  GRANT_EXTENSION: "Extension",
  QUOTA_CHANGE: "Quota change",
};

export const ROBOT_PRESETS = {
  pull: { label: "Pull only", description: "For clusters and deployments: can pull images, nothing else.", permissions: [{ resource: "repository", action: "pull" }] },
  "push-pull": {
    label: "Push and pull",
    description: "For CI pipelines: can push and pull images.",
    permissions: [
      { resource: "repository", action: "pull" },
      { resource: "repository", action: "push" },
    ],
  },
  custom: { label: "Explicit permissions", description: "Pick from Harbor's permission list; policy checks each one.", permissions: [] },
} as const;
export type RobotPreset = keyof typeof ROBOT_PRESETS;

export const permission = z.object({ resource: z.string().min(1).max(64), action: z.string().min(1).max(64) });
export type RobotPermission = z.infer<typeof permission>;

const justification = plainText("Justification", { max: 2000, multiline: true, missing: "Say why this is needed." }).pipe(
  z.string().min(10, "Say why this is needed, in at least 10 characters."),
);

/** One of Harbor's role ids, given as a number or a string of digits: never true, [1] or "1.0". */
export function roleIdField(message = "Choose a role.") {
  return z
    .union([z.number(), z.string().trim().regex(/^\d{1,2}$/).transform(Number)], { error: message })
    .refine((v): v is RoleId => (ROLE_IDS as number[]).includes(v), message)
    .transform((v) => v as RoleId);
}
const roleId = roleIdField();

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A date as a form sends it: a day (`YYYY-MM-DD`) or a full ISO date-time. */
export const endDateText = z
  .string({ error: "Enter a valid date." })
  .trim()
  .max(40, "Enter a valid date.")
  .refine((v) => (DAY.test(v) ? !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v) : /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v))), "Enter a valid date.")
  .refine((v) => {
    const year = Number(v.slice(0, 4));
    return year >= 1970 && year <= 9999;
  }, "Enter a date between 1970 and 9999.");
const optionalEndDateText = z.preprocess((v) => (v === "" || v === null ? undefined : v), endDateText.optional());

/** The picker's IANA time zone (the browser sends it with a date); unset means UTC. */
export const timeZone = z.preprocess(
  (v) => (v === "" || v === null ? undefined : v),
  z.string().trim().max(64, "Unknown time zone.").refine(isTimeZone, "Unknown time zone.").optional(),
);

/** When an end date ends: a day means the end of that day in `zone` (UTC when none is given); a date-time is taken as given. */
export function endInstant(text: string, zone?: string): Date {
  return DAY.test(text) ? endOfDayIn(text, zone ?? "UTC") : new Date(text);
}

const uuid = z.string().uuid("Unknown grant.");

// What a person submits, per kind (form fields or JSON). The server is the authority on all of it.
export const newProjectInput = z.strictObject({
  kind: z.literal("NEW_PROJECT"),
  projectName: harborName("Project name"),
  ownerGroup: groupName,
  template: z.enum(PROJECT_TEMPLATES.map((t) => t.key) as ["standard", "strict"], { error: "Choose a template." }),
  quotaGiB: wholeNumber("Quota", 1, 1024 * 1024),
  justification,
});

export const groupAccessInput = z
  .strictObject({
    kind: z.literal("GROUP_ACCESS"),
    projectName: harborName("Project"),
    groupName,
    roleId,
    endsAt: optionalEndDateText,
    timeZone,
    justification,
  })
  .transform(({ timeZone: zone, ...v }) => ({ ...v, endsAt: v.endsAt === undefined ? undefined : endInstant(v.endsAt, zone) }));

export const robotAccountInput = z
  .strictObject({
    kind: z.literal("ROBOT_ACCOUNT"),
    projectName: harborName("Project"),
    robotName: harborName("Robot name"),
    description: plainText("Description", { max: 500 }).default(""),
    preset: z.enum(["pull", "push-pull", "custom"], { error: "Choose what the robot may do." }),
    permissions: z
      .array(z.string().regex(/^[a-z-]+:[a-z-]+$/, "Unknown permission."))
      .default([])
      .transform((list) => [...new Set(list)].map((p) => ({ resource: p.split(":")[0]!, action: p.split(":")[1]! }))),
    lifetimeDays: z.preprocess((v) => (v === "never" || v === "-1" || v === -1 ? 0 : v), wholeNumber("Lifetime", 1, 3650)),
    justification,
  })
  .superRefine((v, ctx) => {
    if (v.preset === "custom" && v.permissions.length === 0) ctx.addIssue({ code: "custom", path: ["permissions"], message: "Pick at least one permission." });
  });

export const rotationInput = z.strictObject({ kind: z.literal("ROBOT_ROTATION"), grantId: uuid, justification });
export const extensionInput = z
  .strictObject({ kind: z.literal("GRANT_EXTENSION"), grantId: uuid, endsAt: endDateText, timeZone, justification })
  .transform(({ timeZone: zone, ...v }) => ({ ...v, endsAt: endInstant(v.endsAt, zone) }));
export const quotaChangeInput = z.strictObject({ kind: z.literal("QUOTA_CHANGE"), projectName: harborName("Project"), quotaGiB: wholeNumber("Quota", 1, 1024 * 1024), justification });

export const requestInput = z.discriminatedUnion("kind", [newProjectInput, groupAccessInput, robotAccountInput, rotationInput, extensionInput, quotaChangeInput]);
export type RequestInput = z.infer<typeof requestInput>;

// What is stored in Request.payload, per kind (justification and end date have their own columns).
export const newProjectPayload = z.object({ projectName: z.string(), ownerGroup: z.string(), template: z.enum(["standard", "strict"]), quotaGiB: z.number().int() });
export const groupAccessPayload = z.object({
  projectName: z.string(),
  groupName: z.string(),
  roleId: z.number().int(),
  /** Set when this request changes the role of an existing grant. */
  replacesGrantId: z.string().nullable().default(null),
  previousRoleId: z.number().int().nullable().default(null),
});
export const robotAccountPayload = z.object({
  projectName: z.string(),
  robotName: z.string(),
  description: z.string(),
  preset: z.enum(["pull", "push-pull", "custom"]),
  permissions: z.array(permission),
  lifetimeDays: z.number().int(),
});
export const rotationPayload = z.object({ projectName: z.string(), grantId: z.string(), robotName: z.string(), harborRobotId: z.number().int().nullable() });
export const extensionPayload = z.object({
  projectName: z.string(),
  grantId: z.string(),
  subjectType: z.enum(["GROUP", "ROBOT"]),
  subjectName: z.string(),
  previousEndsAt: z.string().nullable(),
  newEndsAt: z.string(),
});
export const quotaChangePayload = z.object({ projectName: z.string(), quotaGiB: z.number().int(), previousQuotaGiB: z.number().int() });

export const PAYLOADS = {
  NEW_PROJECT: newProjectPayload,
  GROUP_ACCESS: groupAccessPayload,
  ROBOT_ACCOUNT: robotAccountPayload,
  ROBOT_ROTATION: rotationPayload,
  GRANT_EXTENSION: extensionPayload,
  QUOTA_CHANGE: quotaChangePayload,
} as const;

export type PayloadOf<K extends RequestKindName> = z.infer<(typeof PAYLOADS)[K]>;
export type AnyPayload = { [K in RequestKindName]: { kind: K; payload: PayloadOf<K> } }[RequestKindName];

/** Reads a stored payload back with its type; a malformed one is a bug, so it throws. */
export function parsePayload<K extends RequestKindName>(kind: K, json: unknown): PayloadOf<K> {
  return PAYLOADS[kind].parse(json) as PayloadOf<K>;
}

export function typedRequest(kind: RequestKindName, json: unknown): AnyPayload {
  return { kind, payload: parsePayload(kind, json) } as AnyPayload;
}

export const GIB = 1024 ** 3;
