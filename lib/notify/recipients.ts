import "server-only";
import { mapGroupsToRoles } from "../authz/roles";
import type { Queryable } from "../sql";
import { anyGlob, type ChannelRole, type ChatChannel, type NotifyConfig, type WebhookSubscription } from "./config";
import { messageKind, type Audience, type MessageData } from "./kinds";

// Who gets a message, through which sink: people by email (from the address their IdP gave at sign-in, with their
// choices), role and project channels in chat, and machine webhooks. Pure over the directory it is given.

export interface Person {
  id: string;
  name: string;
  email: string | null;
  groups: string[];
  lastSeenAt: Date;
  muted: string[];
  digest: boolean;
}

export interface PersonRecipient {
  person: Person;
  /** Held for the person's daily digest rather than sent now. */
  held: boolean;
  /** They may switch this message off (false: mandatory for them). */
  optional: boolean;
}

export interface Recipients {
  people: PersonRecipient[];
  channels: ChatChannel[];
  webhooks: WebhookSubscription[];
}

const CHANNEL_ROLE_OF: Record<Audience, ChannelRole | null> = { approvers: "approver", auditors: "auditor", requester: "requester", owners: "owner", people: null };

/** The people Berth has seen, with their choices: everyone seen within `activeDays`, and the ids asked for by name. */
export async function loadDirectory(db: Queryable, activeDays: number, ids: string[]): Promise<Person[]> {
  const { rows } = await db.query<Person>(
    `SELECT p.id, p.name, p.email, p.groups, p."lastSeenAt", coalesce(n.muted, '{}') AS muted, coalesce(n.digest, false) AS digest
     FROM "Person" p LEFT JOIN "NotifyPreference" n ON n."personId" = p.id
     WHERE p."lastSeenAt" > now() - make_interval(days => $1::int) OR p.id = ANY($2::text[])`,
    [activeDays, ids],
  );
  return rows;
}

/** The approver groups a routing entry names for this message, or null when no route matches (every approver). */
export function routeFor(config: Pick<NotifyConfig, "routes">, data: Pick<MessageData, "projectName" | "requestKind">): readonly string[] | null {
  const route = config.routes.find((r) => anyGlob(r.projects, data.projectName) && (r.kinds === null || (data.requestKind !== null && r.kinds.includes(data.requestKind))));
  return route ? route.approverGroups : null;
}

export function resolveRecipients(kind: string, data: MessageData, directory: readonly Person[], config: Pick<NotifyConfig, "routes" | "chat" | "webhooks" | "roleGroups" | "activeDays">, now: Date): Recipients {
  const def = messageKind(kind);
  const activeSince = now.getTime() - config.activeDays * 86_400_000;
  const rolesOf = (p: Person) => mapGroupsToRoles(p.groups, config.roleGroups).roles;
  const excluded = new Set(data.excludePersonIds ?? []);
  const route = def.routed ? routeFor(config, data) : null;
  const chosen = new Map<string, { person: Person; mandatory: boolean; immediate: boolean }>();

  const audiences = def.audiences.filter((a) => !data.onlyAudiences || data.onlyAudiences.includes(a.who));
  for (const audience of audiences) {
    const mandatory = "mandatory" in audience && audience.mandatory === true;
    let members: Person[] = [];
    switch (audience.who) {
      case "approvers":
        members = directory.filter((p) => p.lastSeenAt.getTime() >= activeSince && rolesOf(p).includes("approver") && (route === null || p.groups.some((g) => route.includes(g))));
        break;
      case "auditors":
        members = directory.filter((p) => p.lastSeenAt.getTime() >= activeSince && rolesOf(p).includes("auditor"));
        break;
      case "requester":
        members = directory.filter((p) => p.id === data.requesterId);
        break;
      case "owners":
        members = data.ownerGroup ? directory.filter((p) => p.groups.includes(data.ownerGroup!) && rolesOf(p).includes("requester")) : [];
        break;
      case "people":
        members = directory.filter((p) => (data.personIds ?? []).includes(p.id));
        break;
    }
    // only approvers' copies wait for a digest: what concerns someone as requester or owner goes at once
    const digestible = def.digest === true && audience.who === "approvers";
    for (const person of members) {
      if (excluded.has(person.id)) continue;
      const seen = chosen.get(person.id);
      const immediate = !(digestible && person.digest);
      chosen.set(person.id, { person, mandatory: (seen?.mandatory ?? false) || mandatory, immediate: (seen?.immediate ?? false) || immediate });
    }
  }

  const people = [...chosen.values()]
    .filter((c) => c.person.email && (c.mandatory || !c.person.muted.includes(kind)))
    .map((c) => ({ person: c.person, held: !c.immediate, optional: !c.mandatory }));
  const roles = new Set(audiences.map((a) => CHANNEL_ROLE_OF[a.who]).filter((r): r is ChannelRole => r !== null));
  const channels = roles.size === 0 ? [] : config.chat.filter((c) => c.roles.some((r) => roles.has(r)) && (c.projects === null || anyGlob(c.projects, data.projectName)) && anyGlob(c.kinds, kind));
  const webhooks = kind === "digest" ? [] : config.webhooks.filter((w) => anyGlob(w.events, kind));
  return { people, channels, webhooks };
}
