import "server-only";
import { z } from "zod";
import type { JsonValue } from "./chain";

export type { JsonValue } from "./chain";

export type Actor =
  | { type: "user"; id: string; name: string; groups: string[] }
  | { type: "system"; id: "worker" | "expiry" | "scheduler" | "seed" };

export interface AuditContext {
  actor: Actor;
  /** the client's address as Berth resolved it (the socket peer, or X-Forwarded-For from a trusted proxy) */
  sourceIp?: string | null;
  userAgent?: string | null;
  /** Berth's own id of the request (made by the proxy, never the client's) */
  portalRequestId?: string | null;
  /** the X-Request-Id the client sent: its claim, kept apart */
  clientRequestId?: string | null;
}

export const AUDIT_OBJECT_TYPES = ["request", "approval", "grant", "project", "robot", "job", "secret", "chain", "review"] as const;
export type AuditObjectType = (typeof AUDIT_OBJECT_TYPES)[number];

export interface AuditEventInput {
  /** Dotted verb, e.g. "grant.activated" (docs/audit.md lists the vocabulary). */
  action: string;
  objectType: AuditObjectType;
  objectId: string;
  projectName?: string | null;
  /** "group:<name>" or "robot:<short name>" */
  subject?: string | null;
  /** The Berth request (uuid) this event belongs to. */
  requestId?: string | null;
  before?: JsonValue | null;
  after?: JsonValue | null;
  harborRequestId?: string | null;
  /** Defaults to the database clock when the chain head is locked (ms precision). */
  at?: Date;
}

/** Actions that end a grant: it is in force from its `grant.activated` (inclusive) to the first of these (exclusive). */
export const GRANT_END_ACTIONS = ["grant.superseded", "grant.expired", "grant.revoked"] as const;

export const GRANT_ACTIONS = ["grant.activated", "grant.extended", ...GRANT_END_ACTIONS] as const;

export const SYSTEM_ACTOR_IDS = ["worker", "expiry", "scheduler", "seed"] as const;

/** The context of Berth's own background work, one per system actor. */
export const SYSTEM_CONTEXT: Record<(typeof SYSTEM_ACTOR_IDS)[number], AuditContext> = {
  worker: { actor: { type: "system", id: "worker" } },
  expiry: { actor: { type: "system", id: "expiry" } },
  scheduler: { actor: { type: "system", id: "scheduler" } },
  seed: { actor: { type: "system", id: "seed" } },
};

export const actorSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("user"),
    id: z.string().min(1).max(200),
    name: z.string().min(1).max(200),
    groups: z.array(z.string().max(200)).max(1000),
  }),
  z.object({ type: z.literal("system"), id: z.enum(SYSTEM_ACTOR_IDS) }),
]);

const optionalText = (max: number) => z.string().max(max).nullish().transform((v) => v ?? null);

export const auditContextSchema = z.object({
  actor: actorSchema,
  sourceIp: optionalText(100),
  userAgent: optionalText(1000),
  portalRequestId: optionalText(200),
  clientRequestId: optionalText(200),
});

export const auditEventInputSchema = z.object({
  action: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, "must be a dotted lower-case verb such as grant.activated"),
  objectType: z.enum(AUDIT_OBJECT_TYPES),
  objectId: z.string().min(1).max(200),
  projectName: optionalText(255),
  subject: z
    .string()
    .regex(/^(group|robot):.+$/, 'must be "group:<name>" or "robot:<name>"')
    .max(300)
    .nullish()
    .transform((v) => v ?? null),
  // uuid columns come back lower-case, so store them lower-case or the hash would not survive a round trip
  requestId: z
    .uuid()
    .nullish()
    .transform((v) => (v ? v.toLowerCase() : null)),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  harborRequestId: optionalText(200),
  at: z
    .date()
    .refine((d) => !Number.isNaN(d.getTime()), "must be a valid date")
    .optional(),
});
