import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChainStatusView } from "@/components/audit/chain-status";
import { appendAuditEvents } from "@/lib/audit/append";
import { checkTrailRole } from "@/lib/audit/db-role";
import { loadTrailRoleProblems } from "@/lib/audit/summary";
import { guardAuditTrail, trailRoleVerdict } from "@/lib/startup";
import { inheritedEnvironment } from "@/dev/tool-env";
import { useTestAppEnv } from "../helpers/app-env";
import { TEST_AUDIT_SIGNING_KEY } from "../helpers/audit-keys";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

// The runtime role may read and append to the trail and nothing more; Berth refuses to start as a role that could
// rewrite it (docs/deploy.md section 1, docs/audit.md "Who can rewrite the trail").

let db: TestDatabase;
let owner: pg.Pool;
beforeAll(async () => {
  db = await createTestDatabase({ max: 3 });
  owner = new pg.Pool({ connectionString: db.migrationUrl, max: 2 });
  await db.prisma.$transaction((tx) => appendAuditEvents(tx, { actor: { type: "system", id: "seed" } }, [{ action: "project.created", objectType: "project", objectId: "p1" }]));
  await db.admin.query(`INSERT INTO "AuditCheckpoint" (seq, hash, checked, "verifiedAt") SELECT seq, hash, 1, now() FROM "AuditEvent" WHERE seq = 1`);
});
afterAll(async () => {
  await owner?.end();
  await db?.drop();
});

const snapshot = async () => (await db.admin.query(`SELECT (SELECT json_agg(e ORDER BY seq) FROM "AuditEvent" e) AS events, (SELECT json_agg(c) FROM "AuditCheckpoint" c) AS checkpoints, (SELECT row_to_json(h) FROM "AuditHead" h) AS head`)).rows[0];

describe("the runtime role and the trail", () => {
  it("connects as berth_app, a member of berth_runtime that owns nothing", async () => {
    const me = (await db.pool.query(`SELECT current_user AS role, pg_has_role(current_user, 'berth_runtime', 'MEMBER') AS runtime, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser`)).rows[0];
    expect(me).toEqual({ role: "berth_app", runtime: true, superuser: false });
    const owned = await db.pool.query(`SELECT relname FROM pg_class WHERE pg_has_role(current_user, relowner, 'MEMBER') AND relnamespace = 'public'::regnamespace`);
    expect(owned.rows).toEqual([]);
  });

  it.each([
    ["UPDATE an event", `UPDATE "AuditEvent" SET "actorName" = 'Mallory' WHERE seq = 1`, /permission denied for table AuditEvent/],
    ["DELETE an event", `DELETE FROM "AuditEvent" WHERE seq = 1`, /permission denied for table AuditEvent/],
    ["TRUNCATE the events", `TRUNCATE "AuditEvent"`, /permission denied for table AuditEvent/],
    ["switch off the events' append-only trigger", `ALTER TABLE "AuditEvent" DISABLE TRIGGER audit_event_no_update`, /must be owner of table AuditEvent/],
    ["switch off every trigger of the events", `ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`, /must be owner of table AuditEvent/],
    ["UPDATE a checkpoint", `UPDATE "AuditCheckpoint" SET hash = repeat('a', 64)`, /permission denied for table AuditCheckpoint/],
    ["DELETE a checkpoint", `DELETE FROM "AuditCheckpoint"`, /permission denied for table AuditCheckpoint/],
    ["TRUNCATE the checkpoints", `TRUNCATE "AuditCheckpoint"`, /permission denied for table AuditCheckpoint/],
    ["switch off the checkpoints' triggers", `ALTER TABLE "AuditCheckpoint" DISABLE TRIGGER ALL`, /must be owner of table AuditCheckpoint/],
    ["DELETE the chain head", `DELETE FROM "AuditHead"`, /permission denied for table AuditHead/],
    ["INSERT a second chain head", `INSERT INTO "AuditHead" (id, seq, hash) VALUES (2, 0, repeat('0', 64))`, /permission denied for table AuditHead/],
    ["TRUNCATE the chain head", `TRUNCATE "AuditHead"`, /permission denied for table AuditHead/],
    ["DROP the events", `DROP TABLE "AuditEvent"`, /must be owner of table AuditEvent/],
    ["replace the events under another name", `ALTER TABLE "AuditEvent" RENAME TO "AuditEventOld"`, /must be owner of table AuditEvent/],
    ["run as a replica (no triggers)", `SET session_replication_role = replica`, /permission denied to set parameter "session_replication_role"/],
    ["create a table", `CREATE TABLE shadow_trail (seq bigint)`, /permission denied for schema public/],
    ["rewrite the migration history", `DELETE FROM "_prisma_migrations"`, /permission denied for table _prisma_migrations/],
  ])("may not %s", async (_what, sql, error) => {
    const before = await snapshot();
    await expect(db.pool.query(sql)).rejects.toThrow(error);
    expect(await snapshot()).toEqual(before);
  });

  it("may append events and read the trail (what Berth does)", async () => {
    await db.prisma.$transaction((tx) => appendAuditEvents(tx, { actor: { type: "system", id: "seed" } }, [{ action: "project.updated", objectType: "project", objectId: "p1" }]));
    expect((await db.pool.query(`SELECT seq::int FROM "AuditEvent" ORDER BY seq`)).rows).toEqual([{ seq: 1 }, { seq: 2 }]);
  });
});

describe("the role check", () => {
  it("finds nothing wrong with the runtime role", async () => {
    expect(await checkTrailRole(db.pool)).toEqual({ state: "checked", role: "berth_app", problems: [] });
  });

  it("names the owner: it can switch the triggers off", async () => {
    const check = await checkTrailRole(owner);
    expect(check.state).toBe("checked");
    if (check.state !== "checked") return;
    expect(check.problems).toContain(`"berth_migrate" owns "AuditEvent": it can switch off the trigger that keeps it append-only`);
    expect(check.problems).toContain(`"berth_migrate" owns "AuditCheckpoint": it can switch off the trigger that keeps it append-only`);
  });

  it("names a superuser", async () => {
    const check = await checkTrailRole(db.admin);
    expect(check.state === "checked" && check.problems[0]).toMatch(/^"postgres" is a superuser/);
  });

  it("names a role that owns the tables through membership, and one with rights beyond SELECT and INSERT", async () => {
    const suffix = db.name.slice(-8);
    const member = `berth_member_${suffix}`;
    const writer = `berth_writer_${suffix}`;
    await db.admin.query(`CREATE ROLE ${member} LOGIN PASSWORD 'x' IN ROLE berth_migrate; CREATE ROLE ${writer} LOGIN PASSWORD 'x' IN ROLE berth_runtime; GRANT UPDATE, TRUNCATE ON "AuditEvent" TO ${writer}`);
    const as = (role: string) => {
      const url = new URL(db.url);
      url.username = role;
      url.password = "x";
      return new pg.Pool({ connectionString: url.toString(), max: 1 });
    };
    const [m, w] = [as(member), as(writer)];
    try {
      const byMember = await checkTrailRole(m);
      expect(byMember.state === "checked" && byMember.problems).toContain(`"${member}" owns "AuditEvent" (as a member of "berth_migrate"): it can switch off the trigger that keeps it append-only`);
      expect(await checkTrailRole(w)).toEqual({ state: "checked", role: writer, problems: [`"${writer}" may UPDATE, TRUNCATE "AuditEvent"`] });
    } finally {
      await Promise.all([m.end(), w.end()]);
      await db.admin.query(`REVOKE ALL ON "AuditEvent" FROM ${writer}; DROP ROLE ${member}; DROP ROLE ${writer}`);
    }
  });

  it("says when there is no trail yet (migrations have not run) instead of guessing", async () => {
    const empty = `${db.name}_e`;
    await db.admin.query(`CREATE DATABASE "${empty}" OWNER berth_migrate`);
    const url = new URL(db.url);
    url.pathname = `/${empty}`;
    const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
    try {
      expect(await checkTrailRole(pool)).toEqual({ state: "not-migrated", role: "berth_app" });
      const exits: number[] = [];
      expect(await guardAuditTrail({ db: pool, allowPrivileged: false, exit: (c) => void exits.push(c), log: () => {}, retryMs: 60_000 })).toBeNull();
      expect(exits).toEqual([]);
    } finally {
      await pool.end();
      await db.admin.query(`DROP DATABASE "${empty}" WITH (FORCE)`);
    }
  });
});

describe("start-up", () => {
  const guard = async (pool: pg.Pool, allowPrivileged: boolean) => {
    const exits: number[] = [];
    const lines: string[] = [];
    const verdict = await guardAuditTrail({ db: pool, allowPrivileged, exit: (c) => void exits.push(c), log: (level, m) => void lines.push(`${level}: ${m}`) });
    return { verdict, exits, lines };
  };

  it("runs as the runtime role without a word", async () => {
    expect(await guard(db.pool, false)).toEqual({ verdict: { action: "run" }, exits: [], lines: [] });
  });

  it("refuses the owner, saying why and what to do", async () => {
    const { verdict, exits, lines } = await guard(owner, false);
    expect(verdict?.action).toBe("refuse");
    expect(exits).toEqual([1]);
    expect(lines[0]).toMatch(/^error: refusing to start: the database role in DATABASE_URL could rewrite the audit trail:\n {2}- "berth_migrate" owns "AuditCheckpoint"/);
    expect(lines[0]).toContain("docs/deploy.md, section 1");
    expect(lines[0]).toContain("BERTH_ALLOW_PRIVILEGED_DB_ROLE=true");
  });

  it("refuses a superuser", async () => {
    const { exits, lines } = await guard(db.admin, false);
    expect(exits).toEqual([1]);
    expect(lines[0]).toContain(`"postgres" is a superuser`);
  });

  it("runs with a warning when the override is set", async () => {
    const { verdict, exits, lines } = await guard(owner, true);
    expect(verdict?.action).toBe("warn");
    expect(exits).toEqual([]);
    expect(lines[0]).toMatch(/^warn: the database role could rewrite the audit trail, and BERTH_ALLOW_PRIVILEGED_DB_ROLE=true runs Berth anyway/);
  });

  it("the verdict alone: no problems run, problems refuse unless allowed", () => {
    expect(trailRoleVerdict({ state: "not-migrated", role: "x" }, false)).toEqual({ action: "run" });
    expect(trailRoleVerdict({ state: "checked", role: "x", problems: [] }, false)).toEqual({ action: "run" });
    expect(trailRoleVerdict({ state: "checked", role: "x", problems: ["p"] }, false).action).toBe("refuse");
    expect(trailRoleVerdict({ state: "checked", role: "x", problems: ["p"] }, true).action).toBe("warn");
  });

  // the separate worker process (npm run worker) with the app's whole configuration, as an owner, with the override, as the runtime role
  const root = path.resolve(import.meta.dirname, "../..");
  function startWorker(databaseUrl: string, extra: Record<string, string> = {}): Promise<{ code: number | null; output: string; stopped: boolean }> {
    const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/worker.ts"], {
      cwd: root,
      env: {
        ...inheritedEnvironment(),
        DATABASE_URL: databaseUrl,
        OIDC_ISSUER: "http://127.0.0.1:9/unused",
        OIDC_CLIENT_ID: "berth",
        OIDC_CLIENT_SECRET: "test-client-secret",
        NEXTAUTH_URL: "http://localhost:3000",
        NEXTAUTH_SECRET: "test-nextauth-secret-that-is-long-enough-0123456789",
        HARBOR_URL: "http://127.0.0.1:9",
        HARBOR_USERNAME: "admin",
        HARBOR_PASSWORD: "Harbor12345",
        BERTH_SECRETS_KEY: Buffer.alloc(32, 9).toString("base64"),
        BERTH_AUDIT_SIGNING_KEY: TEST_AUDIT_SIGNING_KEY,
        BERTH_AUDIT_VERIFY_HOURS: "0",
        BERTH_DRIFT_CHECK_SECONDS: "0",
        ...extra,
      },
    });
    let output = "";
    let stopped = false;
    return new Promise((resolve) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        // the worker is up once it has logged where Harbor is (a JSON line): stop it there
        if (!stopped && /"msg":"harbor"/.test(output)) stopped = child.kill("SIGTERM");
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
      child.on("exit", (code) => resolve({ code, output, stopped }));
    });
  }

  it("the worker refuses to start as the owner, starts with the override (warning) and as the runtime role (silent)", async () => {
    const refused = await startWorker(db.migrationUrl);
    expect(refused).toMatchObject({ code: 1, stopped: false });
    expect(refused.output).toContain("refusing to start: the database role in DATABASE_URL could rewrite the audit trail");
    // the log is JSON lines: quotes inside the message are escaped
    expect(refused.output).toContain(String.raw`\"berth_migrate\" owns \"AuditEvent\"`);

    const allowed = await startWorker(db.migrationUrl, { BERTH_ALLOW_PRIVILEGED_DB_ROLE: "true" });
    expect(allowed.output).toContain("BERTH_ALLOW_PRIVILEGED_DB_ROLE=true runs Berth anyway");
    expect(allowed.stopped).toBe(true);

    const runtime = await startWorker(db.url);
    expect(runtime.output).not.toContain("audit trail");
    expect(runtime.stopped).toBe(true);
  }, 60_000);
});

describe("the audit pages", () => {
  it("warn auditors above the chain status while the role could rewrite the trail, and say nothing otherwise", async () => {
    useTestAppEnv({ databaseUrl: db.migrationUrl, harborUrl: "http://127.0.0.1:9" });
    const problems = await loadTrailRoleProblems();
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining(`"berth_migrate" owns "AuditEvent"`)]));
    const html = renderToStaticMarkup(createElement(ChainStatusView, { status: null, roleProblems: problems }));
    expect(html).toContain('data-testid="trail-role-warning"');
    expect(html).toContain("Berth&#x27;s database role could rewrite this trail");
    expect(html).toContain("berth_migrate");
    expect(renderToStaticMarkup(createElement(ChainStatusView, { status: null, roleProblems: [] }))).not.toContain("trail-role-warning");
  });
});
