import "server-only";
import { createPrivateKey, createPublicKey } from "node:crypto";
import { isIP } from "node:net";
import { z } from "zod";
import { ROLE_KEYS } from "./core/roles";
import { ConfigError, emptyAsUnset, int, optionalStr, str, toConfigError } from "./core/settings";

export { ConfigError };

// The one place that reads process.env. Every setting is validated here; a bad value
// stops start-up with a message that names the variable (values of secrets are never echoed).

const httpUrl = () =>
  z.preprocess(
    emptyAsUnset,
    z
      .string()
      .trim()
      .refine((v) => /^https?:\/\/[^\s/]+/.test(v) && URL.canParse(v), "must be an http(s) URL")
      .transform((v) => v.replace(/\/+$/, "")),
  );
const list = () =>
  z.preprocess(
    emptyAsUnset,
    z
      .string()
      .optional()
      .transform((v) =>
        (v ?? "")
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
      ),
  );
const postgresUrl = () =>
  z.preprocess(
    emptyAsUnset,
    z
      .string()
      .trim()
      .refine((v) => /^postgres(ql)?:\/\//.test(v) && URL.canParse(v), "must be a postgresql:// connection string"),
  );
const secretsKey = () =>
  z.preprocess(
    emptyAsUnset,
    z
      .string()
      .trim()
      .refine((v) => /^[A-Za-z0-9+/]{43}=$/.test(v) && Buffer.from(v, "base64").length === 32, "must be 32 random bytes, base64-encoded (openssl rand -base64 32)"),
  );

// Ed25519 keys of the audit checkpoints (lib/audit/signing.ts reads them; here they are only checked)
const ed25519 = (text: string, type: "pkcs8" | "spki") => {
  try {
    const der = Buffer.from(text, "base64");
    return (type === "pkcs8" ? createPrivateKey({ key: der, format: "der", type }) : createPublicKey({ key: der, format: "der", type })).asymmetricKeyType === "ed25519";
  } catch {
    return false;
  }
};
const signingKey = () =>
  z.preprocess(
    emptyAsUnset,
    z
      .string()
      .trim()
      .refine((v) => ed25519(v, "pkcs8"), "must be an Ed25519 private key, base64 of its PKCS#8 DER form (openssl genpkey -algorithm ed25519 -outform DER | base64 | tr -d '\\n')"),
  );
const publicKeys = () => list().refine((keys) => keys.every((k) => ed25519(k, "spki")), "must list Ed25519 public keys, each base64 of its SPKI DER form, separated by commas");

/** One entry of BERTH_TRUSTED_PROXIES: an address range whose X-Forwarded-For Berth believes. */
export interface AddressRange {
  address: string;
  bits: number;
  family: "ipv4" | "ipv6";
}
const addressRanges = () =>
  list().transform((entries, ctx) => {
    const ranges: AddressRange[] = [];
    for (const entry of entries) {
      const [address = "", prefix, extra] = entry.split("/");
      const version = isIP(address);
      const max = version === 4 ? 32 : 128;
      const bits = prefix === undefined ? max : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
      if (version === 0 || extra !== undefined || !(bits >= 0 && bits <= max)) {
        ctx.addIssue({ code: "custom", message: `"${entry}" is not an IP address or CIDR range (e.g. 10.0.0.0/8, fd00::/8, 192.0.2.7)` });
        return z.NEVER;
      }
      ranges.push({ address: address.toLowerCase(), bits, family: version === 4 ? "ipv4" : "ipv6" });
    }
    return ranges;
  });

const flag = () =>
  z.preprocess(
    emptyAsUnset,
    z
      .enum(["true", "false"], { error: 'must be "true" or "false"' })
      .default("false")
      .transform((v) => v === "true"),
  );

export const serverSchema = z.object({
  NODE_ENV: z.preprocess(emptyAsUnset, z.enum(["development", "production", "test"]).default("development")),

  DATABASE_URL: postgresUrl(),

  OIDC_ISSUER: httpUrl(),
  OIDC_CLIENT_ID: str().pipe(z.string().min(1, "is required")),
  OIDC_CLIENT_SECRET: str().pipe(z.string().min(1, "is required")),
  OIDC_GROUPS_CLAIM: str().default("groups"),
  OIDC_SCOPES: str().default("openid profile email groups"),
  OIDC_DISPLAY_NAME: str().default("your company sign-in"),

  NEXTAUTH_URL: httpUrl(),
  NEXTAUTH_SECRET: str().pipe(z.string().min(32, "must be at least 32 characters")),

  BERTH_ADMIN_GROUPS: list(),
  BERTH_AUDITOR_GROUPS: list(),
  BERTH_REQUESTER_GROUPS: list(),
  // reverse proxies whose X-Forwarded-For is believed (default none: the socket address is the client's)
  BERTH_TRUSTED_PROXIES: addressRanges(),
  BERTH_SESSION_MAX_AGE_SECONDS: int(8 * 3600, 300, 30 * 24 * 3600),
  BERTH_GROUPS_REFRESH_SECONDS: int(300, 1, 24 * 3600),

  HARBOR_URL: httpUrl(),
  HARBOR_USERNAME: str().pipe(z.string().min(1, "is required")),
  HARBOR_PASSWORD: str().pipe(z.string().min(1, "is required")),
  HARBOR_TIMEOUT_MS: int(10_000, 100, 300_000),
  HARBOR_MAX_RETRIES: int(4, 0, 10),

  BERTH_SECRETS_KEY: secretsKey(),
  BERTH_SECRET_REVEAL_HOURS: int(24, 1, 24 * 7),

  BERTH_WORKER: z.preprocess(emptyAsUnset, z.enum(["in-process", "off"]).default("in-process")),
  BERTH_WORKER_CONCURRENCY: int(4, 1, 64),
  // the separate worker process (npm run worker) runs at this nice value: background work yields to the web tier
  BERTH_WORKER_NICE: int(10, 0, 19),
  BERTH_JOB_LEASE_SECONDS: int(60, 2, 3600),
  BERTH_SHUTDOWN_GRACE_SECONDS: int(10, 0, 3600),
  BERTH_SCHEDULER_INTERVAL_SECONDS: int(30, 1, 3600),
  BERTH_DRIFT_CHECK_SECONDS: int(900, 0, 7 * 24 * 3600),
  // a project page's live Harbor read serves that project's pages again for this long (0: every page reads Harbor)
  BERTH_HARBOR_LIVE_SECONDS: int(5, 0, 300),
  BERTH_AUDIT_VERIFY_HOURS: int(24, 0, 24 * 90),
  BERTH_AUDIT_SIGNING_KEY: signingKey(),
  // public keys of retired signing keys, so that checkpoints they signed still count
  BERTH_AUDIT_PUBLIC_KEYS: publicKeys(),
  // Run although the database role could rewrite the audit trail (owner or superuser); every audit page then says so.
  BERTH_ALLOW_PRIVILEGED_DB_ROLE: flag(),

  BERTH_POLICY_SELF_SERVICE_QUOTA_GIB: int(100, 1, 1024 * 1024),
  BERTH_POLICY_MAX_QUOTA_GIB: int(10 * 1024, 1, 1024 * 1024),
  BERTH_POLICY_EXTERNAL_GROUP_PATTERN: str().default("ext-*"),
  BERTH_POLICY_EXTERNAL_MAX_ROLE: z.preprocess(emptyAsUnset, z.enum(ROLE_KEYS).default("developer")),
  BERTH_POLICY_EXTERNAL_MAX_DAYS: int(90, 1, 3650),
  BERTH_POLICY_INTERNAL_MAX_DAYS: int(365, 1, 3650),
  BERTH_POLICY_ROBOT_MAX_DAYS: int(180, 1, 3650),
  BERTH_POLICY_EXPIRY_WARNING_DAYS: int(14, 1, 365),

  // access reviews (docs/reviews.md): the defaults of the review form, and the background usage check
  BERTH_REVIEW_DURATION_DAYS: int(14, 1, 365),
  BERTH_REVIEW_RECURRENCE_DAYS: int(180, 1, 3650),
  BERTH_REVIEW_DEADLINE_OUTCOME: z.preprocess(emptyAsUnset, z.enum(["remove", "keep-and-escalate"]).default("remove")),
  BERTH_UNUSED_DAYS: int(90, 1, 3650),
  BERTH_USAGE_CHECK_SECONDS: int(6 * 3600, 0, 30 * 24 * 3600),
  // what the Harbor Berth talks to writes to its audit log; Berth cannot read these settings (docs/harbor.md)
  BERTH_HARBOR_AUDIT_LOGGING: z.preprocess(emptyAsUnset, z.enum(["on", "pulls-off", "off"]).default("on")),
  // end-to-end tests only: lets a test move a review's deadline; refused unless every stand-in is in use
  BERTH_E2E_CONTROLS: z.preprocess(emptyAsUnset, z.enum(["on", "off"]).default("off")),

  // Notifications (docs/notifications.md): email over SMTP, and the routing, chat, webhook and SIEM file.
  BERTH_SMTP_HOST: optionalStr(),
  BERTH_SMTP_PORT: int(587, 1, 65535),
  BERTH_SMTP_SECURITY: z.preprocess(emptyAsUnset, z.enum(["starttls", "tls", "none"]).default("starttls")),
  BERTH_SMTP_USER: optionalStr(),
  BERTH_SMTP_PASSWORD: optionalStr(),
  BERTH_SMTP_FROM: str().default("Berth <berth@localhost>"),
  BERTH_NOTIFY_CONFIG: optionalStr(),
  BERTH_NOTIFY_DIGEST_HOUR: int(7, 0, 23),
  BERTH_NOTIFY_ACTIVE_DAYS: int(90, 1, 3650),
  BERTH_NOTIFY_GIVE_UP_HOURS: int(24, 1, 24 * 14),
  BERTH_NOTIFY_CONCURRENCY: int(8, 1, 128),
  BERTH_NOTIFY_POLL_MS: int(200, 20, 60_000),
  BERTH_NOTIFY_TIMEOUT_MS: int(10_000, 100, 120_000),

  // Set by the dev launcher: which built-in stand-ins (postgres, idp, harbor, mail) are in use.
  BERTH_DEMO_STANDINS: list().pipe(z.array(z.enum(["postgres", "idp", "harbor", "mail"], { error: "lists postgres, idp, harbor or mail only" }))),
  // Bearer token for GET /api/metrics and the worker's metrics port; unset: no metrics endpoint (404).
  BERTH_METRICS_TOKEN: z.preprocess(emptyAsUnset, z.string().trim().min(16, "must be at least 16 characters (openssl rand -hex 32)").optional()),
  BERTH_WORKER_METRICS_PORT: int(9464, 1, 65535),
  BERTH_LOG_LEVEL: z.preprocess(emptyAsUnset, z.enum(["debug", "info", "warn", "error"]).default("info")),
});

export type Env = z.infer<typeof serverSchema>;


/** Validates a set of variables; throws ConfigError naming every bad one. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = serverSchema.safeParse(source);
  if (!result.success) throw toConfigError(result.error, source);
  const standIns = result.data.BERTH_DEMO_STANDINS;
  if (result.data.BERTH_E2E_CONTROLS === "on" && !(["postgres", "idp", "harbor"] as const).every((s) => standIns.includes(s))) {
    throw new ConfigError([{ variable: "BERTH_E2E_CONTROLS", message: "is for end-to-end tests on the demo stack only: it needs every built-in stand-in (postgres, idp, harbor) in use" }]);
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated server configuration, read once per process. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

const NOTIFY_SECRET_NAME = /^BERTH_NOTIFY_SECRET_[A-Z0-9_]+$/;

/**
 * A secret the notification file names instead of holding (`{"env": "BERTH_NOTIFY_SECRET_…"}`): webhook URLs with
 * tokens, signing keys. Only variables with that prefix can be named, so the file cannot read the app's own secrets.
 */
export function notifySecretVariable(name: string): string | undefined {
  if (!NOTIFY_SECRET_NAME.test(name)) throw new ConfigError([{ variable: name, message: "a secret in BERTH_NOTIFY_CONFIG must be named BERTH_NOTIFY_SECRET_…" }]);
  return emptyAsUnset(process.env[name]) as string | undefined;
}

/** For tests: change settings of this process and forget the cached configuration. */
export function setEnvForTests(values: Record<string, string | undefined>) {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  cached = undefined;
}

/** The process environment as given, for the image's entry point and the child processes it starts (migrations). */
export function processEnvironment(): NodeJS.ProcessEnv {
  return { ...process.env };
}
