// `npm run dev`: starts every part that is not configured (embedded PostgreSQL, demo IdP, Harbor emulator),
// then Next.js, prints where everything is, and stops it all on Ctrl-C.
import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { inheritedEnvironment, toolEnv } from "./tool-env";
import { startHarborEmulator } from "./harbor-emulator";
import { createBerthAccount } from "./harbor-account";
import { startMailCatcher } from "./mail-catcher";
import { startDemoIdp } from "./idp/server";
import { DEMO_ROLE_GROUPS, DEMO_USERS } from "./idp/users";
import { migrateDeploy } from "./migrate";
import { preferredPort } from "./net";
import { startEmbeddedPostgres } from "./postgres";
import { seedDemo } from "./seed";

const root = path.resolve(import.meta.dirname, "..");
const { values: args } = parseArgs({
  options: {
    prod: { type: "boolean", default: false },
    fresh: { type: "boolean", default: false },
    "data-dir": { type: "string" },
    port: { type: "string" },
    "idp-port": { type: "string" },
    "harbor-port": { type: "string" },
    "mail-port": { type: "string" },
    "smtp-port": { type: "string" },
    "no-seed": { type: "boolean", default: false },
    // Berth talks to the emulator as its least-privilege system robot (docs/harbor.md) instead of admin
    "harbor-robot": { type: "boolean", default: false },
  },
});

const tool = toolEnv();
const dataDir = path.resolve(root, args["data-dir"] ?? tool.BERTH_DATA_DIR);
const log = (msg: string) => process.stdout.write(`[berth] ${msg}\n`);

interface DemoSecrets {
  nextauthSecret: string;
  secretsKey: string;
  clientSecret: string;
  idpAdminToken: string;
  /** Ed25519, base64 of PKCS#8 DER: signs the audit checkpoints (BERTH_AUDIT_SIGNING_KEY) */
  auditSigningKey: string;
}

const newSecret: { [K in keyof DemoSecrets]: () => string } = {
  nextauthSecret: () => randomBytes(32).toString("base64url"),
  secretsKey: () => randomBytes(32).toString("base64"),
  clientSecret: () => randomBytes(24).toString("base64url"),
  idpAdminToken: () => randomBytes(24).toString("base64url"),
  auditSigningKey: () => generateKeyPairSync("ed25519").privateKey.export({ format: "der", type: "pkcs8" }).toString("base64"),
};

// Generated once per data directory, so sessions, sealed robot secrets and signed checkpoints survive a restart; a file
// from an older version gets the secrets it lacks.
function demoSecrets(): DemoSecrets {
  const file = path.join(dataDir, "demo-secrets.json");
  const kept = (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {}) as Partial<DemoSecrets>;
  const missing = (Object.keys(newSecret) as (keyof DemoSecrets)[]).filter((k) => !kept[k]);
  if (missing.length === 0) return kept as DemoSecrets;
  const secrets = { ...kept, ...Object.fromEntries(missing.map((k) => [k, newSecret[k]()])) } as DemoSecrets;
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

async function main() {
  if (args.fresh) fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  fs.chmodSync(dataDir, 0o777); // the embedded PostgreSQL runs as its own user when we are root
  const secrets = demoSecrets();
  const stops: (() => Promise<void>)[] = [];
  const standIns: string[] = [];
  const port = Number(args.port ?? tool.PORT ?? 3000);
  const portalUrl = tool.NEXTAUTH_URL ?? `http://localhost:${port}`;
  const childEnv: NodeJS.ProcessEnv = { ...inheritedEnvironment(), PORT: String(port), NEXTAUTH_URL: portalUrl, NEXT_TELEMETRY_DISABLED: "1" };

  let databaseUrl = tool.DATABASE_URL;
  if (!databaseUrl) {
    log("DATABASE_URL is not set: starting the embedded PostgreSQL…");
    const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg") });
    stops.push(() => pg.stop());
    databaseUrl = pg.url;
    log("applying migrations as berth_migrate (Berth itself connects as berth_app)…");
    await migrateDeploy(pg.migrationUrl);
    standIns.push("postgres");
  }
  childEnv.DATABASE_URL = databaseUrl;

  if (!tool.HARBOR_URL) {
    const harborPort = await preferredPort(Number(args["harbor-port"] ?? tool.HARBOR_EMULATOR_PORT));
    const emulator = await startHarborEmulator({ port: harborPort, stateFile: path.join(dataDir, "harbor-emulator.json") });
    stops.push(() => emulator.close());
    Object.assign(childEnv, { HARBOR_URL: emulator.url, HARBOR_USERNAME: "admin", HARBOR_PASSWORD: "Harbor12345" });
    if (args["harbor-robot"]) {
      const account = await createBerthAccount(emulator.url, emulator.adminPassword, `berth-${Date.now().toString(36)}`);
      Object.assign(childEnv, { HARBOR_USERNAME: account.username, HARBOR_PASSWORD: account.password });
      log(`Harbor: Berth uses the system robot ${account.username} (its least-privilege account)`);
    }
    standIns.push("harbor");
  }

  let mailUrl: string | null = null;
  if (!tool.BERTH_SMTP_HOST) {
    const catcher = await startMailCatcher({
      smtpPort: await preferredPort(Number(args["smtp-port"] ?? tool.DEMO_SMTP_PORT)),
      httpPort: await preferredPort(Number(args["mail-port"] ?? tool.DEMO_MAIL_PORT)),
    });
    stops.push(() => catcher.close());
    mailUrl = catcher.url;
    Object.assign(childEnv, { BERTH_SMTP_HOST: "127.0.0.1", BERTH_SMTP_PORT: String(catcher.smtpPort), BERTH_SMTP_SECURITY: "none", BERTH_SMTP_FROM: "Berth demo <berth@localhost>" });
    if (!tool.BERTH_NOTIFY_CONFIG) {
      // chat channels that post to the catcher too, so the demo shows each format
      const file = path.join(dataDir, "notify-demo.json");
      const channel = (name: string, format: string, roles: string[]) => ({ name, format, url: `${catcher.url}/hooks/${name}`, roles });
      fs.writeFileSync(file, JSON.stringify({ chat: [channel("registry-admins", "slack", ["approver"]), channel("team-leads", "mattermost", ["requester", "owner"]), channel("auditors", "teams", ["auditor"])] }, null, 2));
      childEnv.BERTH_NOTIFY_CONFIG = file;
    }
    standIns.push("mail");
  }

  if (!tool.OIDC_ISSUER) {
    const idpPort = await preferredPort(Number(args["idp-port"] ?? tool.DEMO_IDP_PORT));
    const adminToken = tool.DEMO_IDP_ADMIN_TOKEN ?? secrets.idpAdminToken;
    const idp = await startDemoIdp({
      port: idpPort,
      portalUrl,
      clientId: "berth",
      clientSecret: secrets.clientSecret,
      adminToken,
      accessTokenTtlSeconds: tool.DEMO_IDP_ACCESS_TOKEN_TTL,
    });
    stops.push(() => idp.close());
    Object.assign(childEnv, {
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: "berth",
      OIDC_CLIENT_SECRET: secrets.clientSecret,
      OIDC_DISPLAY_NAME: "the demo identity provider",
      OIDC_SCOPES: "openid profile email groups",
      BERTH_ADMIN_GROUPS: tool.BERTH_ADMIN_GROUPS ?? DEMO_ROLE_GROUPS.BERTH_ADMIN_GROUPS,
      BERTH_AUDITOR_GROUPS: tool.BERTH_AUDITOR_GROUPS ?? DEMO_ROLE_GROUPS.BERTH_AUDITOR_GROUPS,
      BERTH_REQUESTER_GROUPS: tool.BERTH_REQUESTER_GROUPS ?? DEMO_ROLE_GROUPS.BERTH_REQUESTER_GROUPS,
    });
    standIns.push("idp");
    log(`demo IdP admin endpoint: ${idp.issuer}/admin/users (Authorization: Bearer ${adminToken})`);
  }
  childEnv.NEXTAUTH_SECRET = tool.NEXTAUTH_SECRET ?? secrets.nextauthSecret;
  childEnv.BERTH_SECRETS_KEY = tool.BERTH_SECRETS_KEY ?? secrets.secretsKey;
  childEnv.BERTH_AUDIT_SIGNING_KEY = tool.BERTH_AUDIT_SIGNING_KEY ?? secrets.auditSigningKey;
  childEnv.BERTH_DEMO_STANDINS = standIns.join(",");

  if (standIns.includes("postgres") && standIns.includes("harbor") && !args["no-seed"]) {
    await seedDemo({ databaseUrl, env: childEnv, log });
  }
  const mailLine = mailUrl ? `  Mail (caught):          ${mailUrl}  (every email and chat message Berth sends)` : null;

  const nextBin = path.join(root, "node_modules/.bin/next");
  const next: ChildProcess = spawn(nextBin, args.prod ? ["start", "-p", String(port)] : ["dev", "-p", String(port)], {
    cwd: root,
    env: { ...childEnv, ...(args.prod ? { NODE_ENV: "production" } : {}) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let announced = false;
  next.stdout?.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (!announced && /Ready|started server|Local:/i.test(chunk.toString())) {
      announced = true;
      printBanner(portalUrl, childEnv, standIns, mailLine);
    }
  });

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log("stopping…");
    next.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    for (const s of stops.reverse()) await s().catch(() => {});
    process.exit(code);
  };
  next.on("exit", (code) => void stop(code ?? 0));
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
}

function printBanner(portalUrl: string, env: NodeJS.ProcessEnv, standIns: string[], mailLine: string | null) {
  const lines = [
    "",
    `  Berth is running:       ${portalUrl}`,
    `  Identity provider:      ${env.OIDC_ISSUER}${standIns.includes("idp") ? "  (demo)" : ""}`,
    `  Harbor:                 ${env.HARBOR_URL}${standIns.includes("harbor") ? "  (emulator; admin / Harbor12345)" : ""}`,
    `  PostgreSQL:             ${standIns.includes("postgres") ? "embedded, data in " + path.relative(root, path.join(dataDir, "pg")) : "DATABASE_URL"}`,
    ...(mailLine ? [mailLine] : []),
  ];
  if (standIns.includes("idp")) {
    lines.push("", "  Demo users (password = user name):");
    for (const u of DEMO_USERS) lines.push(`    ${u.username.padEnd(6)} ${u.description.padEnd(34)} groups: ${u.groups.join(", ")}`);
  }
  lines.push("", "  Press Ctrl-C to stop everything.", "");
  process.stdout.write(lines.join("\n") + "\n");
}

main().catch((err: unknown) => {
  process.stderr.write(`[berth] could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
