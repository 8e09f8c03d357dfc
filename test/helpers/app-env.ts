import { setEnvForTests } from "../../lib/env";
import { DEMO_ROLE_GROUPS } from "../../dev/idp/users";
import { TEST_AUDIT_SIGNING_KEY } from "./audit-keys";

/** NEXTAUTH_SECRET of the test configuration (the unsubscribe links' key is derived from it). */
export const TEST_NEXTAUTH_SECRET = "test-nextauth-secret-that-is-long-enough-0123456789";

/** A complete, valid app configuration for tests that go through env() (actions, policy, Harbor instance). */
export function useTestAppEnv(values: { databaseUrl: string; harborUrl: string }) {
  setEnvForTests({
    DATABASE_URL: values.databaseUrl,
    OIDC_ISSUER: "http://127.0.0.1:9/unused",
    OIDC_CLIENT_ID: "berth",
    OIDC_CLIENT_SECRET: "test-client-secret",
    NEXTAUTH_URL: "http://localhost:3000",
    NEXTAUTH_SECRET: TEST_NEXTAUTH_SECRET,
    HARBOR_URL: values.harborUrl,
    HARBOR_USERNAME: "admin",
    HARBOR_PASSWORD: "Harbor12345",
    HARBOR_TIMEOUT_MS: "3000",
    HARBOR_MAX_RETRIES: "1",
    BERTH_SECRETS_KEY: Buffer.alloc(32, 9).toString("base64"),
    BERTH_AUDIT_SIGNING_KEY: TEST_AUDIT_SIGNING_KEY,
    BERTH_WORKER: "off",
    ...DEMO_ROLE_GROUPS,
  });
}
