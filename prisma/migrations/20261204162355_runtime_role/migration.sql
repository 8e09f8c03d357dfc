-- The runtime role (docs/deploy.md, section 1). Migrations run as the role that owns the schema; the application
-- logs in as a member of berth_runtime, which gets exactly what the application needs and owns nothing, so it can
-- neither change the schema nor switch off the triggers that keep the audit trail append-only.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'berth_runtime') THEN
    IF NOT (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
      RAISE EXCEPTION 'the role berth_runtime does not exist and % may not create it. As a PostgreSQL administrator run: CREATE ROLE berth_runtime NOLOGIN; GRANT berth_runtime TO <the role Berth logs in as>; (docs/deploy.md, section 1)', current_user;
    END IF;
    CREATE ROLE berth_runtime NOLOGIN;
  END IF;
END $$;

GRANT USAGE ON SCHEMA public TO berth_runtime;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO berth_runtime;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO berth_runtime;

-- Tables and sequences later migrations create (as this same role) get the same rights. A later audit table must
-- narrow them as below in the migration that creates it.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO berth_runtime;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO berth_runtime;

-- The trail is appended to and read, never changed: events and checkpoints SELECT and INSERT only; the chain head's
-- single row moves with every event (SELECT … FOR UPDATE, UPDATE); the migration history is only read (readiness).
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "AuditEvent", "AuditCheckpoint" FROM berth_runtime;
REVOKE INSERT, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "AuditHead" FROM berth_runtime;
-- (Prisma's table exists when `migrate deploy` runs, not in the shadow database `migrate diff` replays into.)
DO $$
BEGIN
  IF to_regclass('"_prisma_migrations"') IS NOT NULL THEN
    REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "_prisma_migrations" FROM berth_runtime;
  END IF;
END $$;
