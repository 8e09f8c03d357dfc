import { z } from "zod";
import { emptyAsUnset, int, optionalStr, str, toConfigError } from "../lib/core/settings";

// Settings of the local stack (launcher, demo IdP, Harbor emulator, test harness, tools), read here and never by
// the app, whose configuration lib/env.ts alone reads and validates (ADR 001).
export const toolSchema = z.object({
  DATABASE_URL: optionalStr(),
  DATABASE_MIGRATION_URL: optionalStr(),
  OIDC_ISSUER: optionalStr(),
  OIDC_CLIENT_ID: optionalStr(),
  OIDC_CLIENT_SECRET: optionalStr(),
  NEXTAUTH_URL: optionalStr(),
  NEXTAUTH_SECRET: optionalStr(),
  HARBOR_URL: optionalStr(),
  HARBOR_USERNAME: optionalStr(),
  HARBOR_PASSWORD: optionalStr(),
  BERTH_SECRETS_KEY: optionalStr(),
  // npm run audit:verify signs the checkpoint of a passing walk, and trusts retired keys' signatures
  BERTH_AUDIT_SIGNING_KEY: optionalStr(),
  BERTH_AUDIT_PUBLIC_KEYS: optionalStr(),
  BERTH_ADMIN_GROUPS: optionalStr(),
  BERTH_AUDITOR_GROUPS: optionalStr(),
  BERTH_REQUESTER_GROUPS: optionalStr(),
  PORT: z.preprocess(emptyAsUnset, z.coerce.number().int().min(0).max(65535).optional()),
  BERTH_DATA_DIR: str().default(".data"),
  DEMO_IDP_PORT: int(4010, 0, 65535),
  DEMO_IDP_ACCESS_TOKEN_TTL: int(300, 1, 86400),
  DEMO_IDP_ADMIN_TOKEN: optionalStr(),
  HARBOR_EMULATOR_PORT: int(8085, 0, 65535),
  BERTH_SMTP_HOST: optionalStr(),
  BERTH_NOTIFY_CONFIG: optionalStr(),
  DEMO_MAIL_PORT: int(1080, 0, 65535),
  DEMO_SMTP_PORT: int(1025, 0, 65535),
  CI: optionalStr(),
  CHROMIUM_PATH: optionalStr(),
  E2E_PORT: int(3100, 1, 65535),
});
export type ToolEnv = z.infer<typeof toolSchema>;

/** Settings of the local stack; `overrides` win over the process environment. */
export function toolEnv(overrides: Record<string, string | undefined> = {}): ToolEnv {
  const source = { ...process.env, ...overrides };
  const result = toolSchema.safeParse(source);
  if (!result.success) throw toConfigError(result.error, source);
  return result.data;
}

/** The process environment, for handing on to a child process of the local stack. */
export function inheritedEnvironment(): NodeJS.ProcessEnv {
  return { ...process.env };
}
