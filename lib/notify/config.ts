import "server-only";
import fs from "node:fs";
import { z } from "zod";
import { ConfigError, notifySecretVariable, type Env } from "../env";
import { unsubscribeKey } from "./unsubscribe-token";

// What notifications go where: SMTP from the environment, the routing tables, chat channels, machine webhooks and
// SIEM streams from the file BERTH_NOTIFY_CONFIG (JSON). Secrets in the file are given as {"env": "BERTH_NOTIFY_SECRET_…"}
// so the file itself can live in a ConfigMap; they are resolved here, once, and never written anywhere.

const secret = z.union([z.string().min(1), z.object({ env: z.string() }).strict()]);
const glob = z.string().min(1).max(200);
const name = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "a name: lower-case letters, digits and dashes");

/** The roles a channel speaks for: approvers, auditors, requesters (of the request) and owners (the owner group's team leads). */
export const CHANNEL_ROLES = ["approver", "auditor", "requester", "owner"] as const;
export type ChannelRole = (typeof CHANNEL_ROLES)[number];

const fileSchema = z
  .object({
    routes: z
      .array(
        z.object({ projects: z.array(glob).optional(), kinds: z.array(z.string()).optional(), approverGroups: z.array(z.string().min(1)).min(1) }).strict(),
      )
      .default([]),
    chat: z
      .array(
        z
          .object({
            name,
            format: z.enum(["slack", "teams", "mattermost"]),
            url: secret,
            roles: z.array(z.enum(CHANNEL_ROLES)).min(1).optional(),
            projects: z.array(glob).optional(),
            kinds: z.array(glob).optional(),
          })
          .strict(),
      )
      .default([]),
    webhooks: z.array(z.object({ name, url: secret, secret, events: z.array(glob).optional() }).strict()).default([]),
    siem: z
      .array(
        z.discriminatedUnion("type", [
          z
            .object({
              name,
              type: z.literal("syslog"),
              host: z.string().min(1),
              port: z.number().int().min(1).max(65535),
              protocol: z.enum(["relp", "tcp"]).default("relp"),
              tls: z.union([z.boolean(), z.object({ ca: z.string().optional(), rejectUnauthorized: z.boolean().optional(), servername: z.string().optional() }).strict()]).default(false),
              hostname: z.string().max(255).optional(),
              enterpriseId: z.number().int().positive().default(32473),
              from: z.enum(["genesis", "now"]).default("genesis"),
            })
            .strict(),
          z.object({ name, type: z.literal("webhook"), url: secret, secret: secret.optional(), from: z.enum(["genesis", "now"]).default("genesis"), batch: z.number().int().min(1).max(5000).default(200) }).strict(),
        ]),
      )
      .default([]),
  })
  .strict();

type FileConfig = z.infer<typeof fileSchema>;

export interface ChatChannel {
  name: string;
  format: "slack" | "teams" | "mattermost";
  url: string;
  roles: readonly ChannelRole[];
  projects: readonly string[] | null;
  kinds: readonly string[] | null;
}

export interface WebhookSubscription {
  name: string;
  url: string;
  signingKey: string;
  events: readonly string[] | null;
}

export type SiemSink =
  | { name: string; type: "syslog"; host: string; port: number; protocol: "relp" | "tcp"; tls: false | { ca?: string; rejectUnauthorized?: boolean; servername?: string }; hostname: string | null; enterpriseId: number; from: "genesis" | "now" }
  | { name: string; type: "webhook"; url: string; signingKey: string | null; from: "genesis" | "now"; batch: number };

export interface Route {
  projects: readonly string[] | null;
  kinds: readonly string[] | null;
  approverGroups: readonly string[];
}

export interface SmtpConfig {
  host: string;
  port: number;
  security: "starttls" | "tls" | "none";
  user: string | null;
  password: string | null;
  from: string;
}

export interface NotifyConfig {
  /** The portal's public URL, for deep links. */
  baseUrl: string;
  /** Signs the one-click unsubscribe links of optional emails (unsubscribe.ts; derived from NEXTAUTH_SECRET). */
  unsubscribeKey: string;
  smtp: SmtpConfig | null;
  routes: Route[];
  chat: ChatChannel[];
  webhooks: WebhookSubscription[];
  siem: SiemSink[];
  /** IdP groups of each role, to tell who is an approver, auditor or requester from their last-seen groups. */
  roleGroups: { approver: readonly string[]; auditor: readonly string[]; requester: readonly string[] };
  digestHourUtc: number;
  activeDays: number;
  giveUpHours: number;
  concurrency: number;
  pollMs: number;
  timeoutMs: number;
  leaseSeconds: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
}

function resolveSecret(value: z.infer<typeof secret>, where: string): string {
  if (typeof value === "string") return value;
  const v = notifySecretVariable(value.env);
  if (!v) throw new ConfigError([{ variable: value.env, message: `is required (named by ${where} in BERTH_NOTIFY_CONFIG)` }]);
  return v;
}

/** Parses the notification file's text; throws ConfigError naming the file and the bad entries (never a value). */
export function parseNotifyFile(text: string, path = "BERTH_NOTIFY_CONFIG"): FileConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError([{ variable: "BERTH_NOTIFY_CONFIG", message: `${path} is not valid JSON` }]);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => ({ variable: "BERTH_NOTIFY_CONFIG", message: `${path}: ${i.path.join(".") || "(root)"}: ${i.message}` })));
  }
  const names = [...parsed.data.chat, ...parsed.data.webhooks, ...parsed.data.siem].map((c) => c.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new ConfigError([{ variable: "BERTH_NOTIFY_CONFIG", message: `${path}: the name ${twice} is used twice` }]);
  return parsed.data;
}

export const DEFAULT_DELIVERY = { leaseSeconds: 60, backoffBaseMs: 2_000, backoffMaxMs: 10 * 60_000 };

/** The notification settings from the validated environment and the file it names. */
export function notifyConfigFromEnv(env: Env, overrides: Partial<NotifyConfig> = {}): NotifyConfig {
  const file: FileConfig = env.BERTH_NOTIFY_CONFIG ? parseNotifyFile(readFile(env.BERTH_NOTIFY_CONFIG), env.BERTH_NOTIFY_CONFIG) : parseNotifyFile("{}");
  return {
    baseUrl: env.NEXTAUTH_URL,
    unsubscribeKey: unsubscribeKey(env.NEXTAUTH_SECRET),
    smtp: env.BERTH_SMTP_HOST
      ? { host: env.BERTH_SMTP_HOST, port: env.BERTH_SMTP_PORT, security: env.BERTH_SMTP_SECURITY, user: env.BERTH_SMTP_USER ?? null, password: env.BERTH_SMTP_PASSWORD ?? null, from: env.BERTH_SMTP_FROM }
      : null,
    ...fromFile(file),
    roleGroups: { approver: env.BERTH_ADMIN_GROUPS, auditor: env.BERTH_AUDITOR_GROUPS, requester: env.BERTH_REQUESTER_GROUPS },
    digestHourUtc: env.BERTH_NOTIFY_DIGEST_HOUR,
    activeDays: env.BERTH_NOTIFY_ACTIVE_DAYS,
    giveUpHours: env.BERTH_NOTIFY_GIVE_UP_HOURS,
    concurrency: env.BERTH_NOTIFY_CONCURRENCY,
    pollMs: env.BERTH_NOTIFY_POLL_MS,
    timeoutMs: env.BERTH_NOTIFY_TIMEOUT_MS,
    ...DEFAULT_DELIVERY,
    ...overrides,
  };
}

function readFile(path: string): string {
  try {
    return fs.readFileSync(path, "utf8");
  } catch {
    throw new ConfigError([{ variable: "BERTH_NOTIFY_CONFIG", message: `${path} cannot be read` }]);
  }
}

/** The file's entries with their secrets resolved. */
export function fromFile(file: FileConfig): Pick<NotifyConfig, "routes" | "chat" | "webhooks" | "siem"> {
  return {
    routes: file.routes.map((r) => ({ projects: r.projects ?? null, kinds: r.kinds ?? null, approverGroups: r.approverGroups })),
    chat: file.chat.map((c) => ({ name: c.name, format: c.format, url: resolveSecret(c.url, `chat ${c.name}`), roles: c.roles ?? CHANNEL_ROLES, projects: c.projects ?? null, kinds: c.kinds ?? null })),
    webhooks: file.webhooks.map((w) => ({ name: w.name, url: resolveSecret(w.url, `webhook ${w.name}`), signingKey: resolveSecret(w.secret, `webhook ${w.name}`), events: w.events ?? null })),
    siem: file.siem.map((s) =>
      s.type === "syslog"
        ? { ...s, hostname: s.hostname ?? null, tls: s.tls === true ? {} : s.tls }
        : { name: s.name, type: "webhook" as const, url: resolveSecret(s.url, `siem ${s.name}`), signingKey: s.secret ? resolveSecret(s.secret, `siem ${s.name}`) : null, from: s.from, batch: s.batch },
    ),
  };
}

/** Shell-style glob (`*` any run, `?` one character) as a whole-string match. */
export function globMatch(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
  return re.test(value);
}

export const anyGlob = (patterns: readonly string[] | null, value: string | null | undefined) => patterns === null || (value != null && patterns.some((p) => globMatch(p, value)));
