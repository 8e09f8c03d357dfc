import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env";

const valid = {
  DATABASE_URL: "postgresql://u:p@localhost:5432/berth",
  OIDC_ISSUER: "https://idp.example.com/realms/corp/",
  OIDC_CLIENT_ID: "berth",
  OIDC_CLIENT_SECRET: "s3cr3t-value",
  NEXTAUTH_URL: "https://berth.example.com",
  NEXTAUTH_SECRET: "x".repeat(40),
  HARBOR_URL: "https://harbor.example.com",
  HARBOR_USERNAME: "robot$berth",
  HARBOR_PASSWORD: "Harbor-Secret-1",
  BERTH_SECRETS_KEY: Buffer.alloc(32, 7).toString("base64"),
  BERTH_AUDIT_SIGNING_KEY: generateKeyPairSync("ed25519").privateKey.export({ format: "der", type: "pkcs8" }).toString("base64"),
};

function errorOf(source: Record<string, string | undefined>): ConfigError {
  try {
    parseEnv(source);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("expected a ConfigError");
}

describe("parseEnv", () => {
  it("accepts a complete configuration and applies defaults", () => {
    const env = parseEnv(valid);
    expect(env.OIDC_GROUPS_CLAIM).toBe("groups");
    expect(env.OIDC_ISSUER).toBe("https://idp.example.com/realms/corp");
    expect(env.BERTH_REQUESTER_GROUPS).toEqual([]);
    expect(env.BERTH_GROUPS_REFRESH_SECONDS).toBe(300);
    expect(env.BERTH_POLICY_EXTERNAL_MAX_DAYS).toBe(90);
    expect(env.BERTH_POLICY_ROBOT_MAX_DAYS).toBe(180);
    expect(env.BERTH_POLICY_SELF_SERVICE_QUOTA_GIB).toBe(100);
  });

  it("runs the separate worker process at nice 10 unless told otherwise, 0 to 19", () => {
    expect(parseEnv(valid).BERTH_WORKER_NICE).toBe(10);
    expect(parseEnv({ ...valid, BERTH_WORKER_NICE: "0" }).BERTH_WORKER_NICE).toBe(0);
    expect(errorOf({ ...valid, BERTH_WORKER_NICE: "20" }).issues.map((i) => i.variable)).toEqual(["BERTH_WORKER_NICE"]);
    expect(errorOf({ ...valid, BERTH_WORKER_NICE: "-5" }).issues.map((i) => i.variable)).toEqual(["BERTH_WORKER_NICE"]);
  });

  it("splits comma lists and trims them", () => {
    const env = parseEnv({ ...valid, BERTH_ADMIN_GROUPS: " registry-admins , platform ,", BERTH_AUDITOR_GROUPS: "auditors" });
    expect(env.BERTH_ADMIN_GROUPS).toEqual(["registry-admins", "platform"]);
    expect(env.BERTH_AUDITOR_GROUPS).toEqual(["auditors"]);
  });

  it("names the variable that is not a URL", () => {
    const error = errorOf({ ...valid, HARBOR_URL: "harbor.example.com" });
    expect(error.issues).toEqual([{ variable: "HARBOR_URL", message: "must be an http(s) URL" }]);
    expect(error.message).toContain("HARBOR_URL: must be an http(s) URL");
  });

  it("names a missing variable and treats an empty string as missing", () => {
    const error = errorOf({ ...valid, OIDC_CLIENT_ID: "  ", DATABASE_URL: undefined });
    expect(error.issues.map((i) => i.variable).sort()).toEqual(["DATABASE_URL", "OIDC_CLIENT_ID"]);
    expect(error.message).toMatch(/DATABASE_URL: is required/);
  });

  it("refuses a short session secret without echoing it", () => {
    const error = errorOf({ ...valid, NEXTAUTH_SECRET: "tooshort-secret" });
    expect(error.message).toContain("NEXTAUTH_SECRET: must be at least 32 characters");
    expect(error.message).not.toContain("tooshort-secret");
  });

  it("refuses a secrets key that is not 32 bytes", () => {
    const error = errorOf({ ...valid, BERTH_SECRETS_KEY: Buffer.alloc(16).toString("base64") });
    expect(error.issues[0]?.variable).toBe("BERTH_SECRETS_KEY");
  });

  it("refuses a non-numeric or out-of-range number", () => {
    expect(errorOf({ ...valid, BERTH_GROUPS_REFRESH_SECONDS: "soon" }).issues[0]).toEqual({
      variable: "BERTH_GROUPS_REFRESH_SECONDS",
      message: "must be a whole number",
    });
    expect(errorOf({ ...valid, BERTH_POLICY_ROBOT_MAX_DAYS: "0" }).issues[0]?.message).toBe("must be at least 1");
  });

  it("refuses an unknown role as the external maximum and an unknown stand-in", () => {
    expect(errorOf({ ...valid, BERTH_POLICY_EXTERNAL_MAX_ROLE: "owner" }).issues[0]?.variable).toBe("BERTH_POLICY_EXTERNAL_MAX_ROLE");
    expect(errorOf({ ...valid, BERTH_DEMO_STANDINS: "postgres,ldap" }).issues[0]?.variable).toBe("BERTH_DEMO_STANDINS");
  });

  it("refuses a database URL that is not PostgreSQL", () => {
    expect(errorOf({ ...valid, DATABASE_URL: "mysql://localhost/berth" }).issues[0]?.variable).toBe("DATABASE_URL");
  });

  it("runs with a database role that could rewrite the trail only when told so in words", () => {
    expect(parseEnv(valid).BERTH_ALLOW_PRIVILEGED_DB_ROLE).toBe(false);
    expect(parseEnv({ ...valid, BERTH_ALLOW_PRIVILEGED_DB_ROLE: "true" }).BERTH_ALLOW_PRIVILEGED_DB_ROLE).toBe(true);
    expect(errorOf({ ...valid, BERTH_ALLOW_PRIVILEGED_DB_ROLE: "yes" }).issues[0]).toEqual({ variable: "BERTH_ALLOW_PRIVILEGED_DB_ROLE", message: 'must be "true" or "false"' });
  });

  it("takes an Ed25519 signing key and public keys of retired ones, and refuses other keys by name", () => {
    const retired = generateKeyPairSync("ed25519").publicKey.export({ format: "der", type: "spki" }).toString("base64");
    expect(parseEnv({ ...valid, BERTH_AUDIT_PUBLIC_KEYS: ` ${retired} ,` }).BERTH_AUDIT_PUBLIC_KEYS).toEqual([retired]);
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ format: "der", type: "pkcs8" }).toString("base64");
    expect(errorOf({ ...valid, BERTH_AUDIT_SIGNING_KEY: rsa }).issues[0]).toMatchObject({ variable: "BERTH_AUDIT_SIGNING_KEY", message: expect.stringContaining("must be an Ed25519 private key") });
    expect(errorOf({ ...valid, BERTH_AUDIT_SIGNING_KEY: undefined }).issues[0]).toEqual({ variable: "BERTH_AUDIT_SIGNING_KEY", message: "is required" });
    expect(errorOf({ ...valid, BERTH_AUDIT_PUBLIC_KEYS: "abc" }).issues[0]?.variable).toBe("BERTH_AUDIT_PUBLIC_KEYS");
    // a message never echoes the key
    expect(errorOf({ ...valid, BERTH_AUDIT_SIGNING_KEY: rsa }).message).not.toContain(rsa.slice(10, 40));
  });
});

describe("review settings", () => {
  it("defaults to 14-day reviews every 180 days that remove what nobody decided, and 90 days for unused access", () => {
    const env = parseEnv(valid);
    expect([env.BERTH_REVIEW_DURATION_DAYS, env.BERTH_REVIEW_RECURRENCE_DAYS, env.BERTH_REVIEW_DEADLINE_OUTCOME, env.BERTH_UNUSED_DAYS]).toEqual([14, 180, "remove", 90]);
    expect(env.BERTH_HARBOR_AUDIT_LOGGING).toBe("on");
    expect(env.BERTH_E2E_CONTROLS).toBe("off");
  });

  it("refuses an unknown audit-logging statement or deadline outcome, naming the variable", () => {
    const variables = errorOf({ ...valid, BERTH_HARBOR_AUDIT_LOGGING: "maybe", BERTH_REVIEW_DEADLINE_OUTCOME: "forget" }).issues.map((i) => i.variable);
    expect(variables.sort()).toEqual(["BERTH_HARBOR_AUDIT_LOGGING", "BERTH_REVIEW_DEADLINE_OUTCOME"]);
  });

  it("accepts the end-to-end test controls only on the demo stack, where nothing real is connected", () => {
    expect(errorOf({ ...valid, BERTH_E2E_CONTROLS: "on" }).issues.map((i) => i.variable)).toEqual(["BERTH_E2E_CONTROLS"]);
    expect(errorOf({ ...valid, BERTH_E2E_CONTROLS: "on", BERTH_DEMO_STANDINS: "postgres,idp" }).issues.map((i) => i.variable)).toEqual(["BERTH_E2E_CONTROLS"]);
    expect(parseEnv({ ...valid, BERTH_E2E_CONTROLS: "on", BERTH_DEMO_STANDINS: "postgres,idp,harbor" }).BERTH_E2E_CONTROLS).toBe("on");
  });
});
