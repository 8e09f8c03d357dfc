import "server-only";
import type { Queryable } from "../sql";

// Whether the database role Berth connects as could rewrite the evidence trail (docs/deploy.md section 1, docs/audit.md
// "Who can rewrite the trail"). The append-only triggers stop everyone but the tables' owner, who may switch them off
// (ALTER TABLE … DISABLE TRIGGER), and a superuser, who may do anything; privileges beyond SELECT and INSERT on the
// trail are a mistake of the grants even where a trigger still refuses them.

const TRAIL_TABLES = {
  AuditEvent: ["UPDATE", "DELETE", "TRUNCATE", "TRIGGER"],
  AuditCheckpoint: ["UPDATE", "DELETE", "TRUNCATE", "TRIGGER"],
  // its single row moves with every event (UPDATE); removing it stops every append
  AuditHead: ["DELETE", "TRUNCATE", "TRIGGER"],
} as const;

export type TrailRoleCheck =
  | { state: "checked"; role: string; problems: string[] }
  /** the trail's tables are not there yet: migrations have not run */
  | { state: "not-migrated"; role: string };

interface TableRow {
  table: string;
  exists: boolean;
  owner: string | null;
  owns: boolean | null;
  schemaOwner: boolean | null;
  privileges: string[] | null;
}

/** What the current role could do to the trail that it must not: empty when it may only read and append. */
export async function checkTrailRole(db: Queryable): Promise<TrailRoleCheck> {
  // one statement: every audit page asks (lib/audit/summary.ts); the role's name and superuser flag ride on each row
  const { rows } = await db.query<TableRow & { role: string; superuser: boolean }>(
    `SELECT current_user AS role, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
            t.name AS table, c.oid IS NOT NULL AS exists, pg_get_userbyid(c.relowner) AS owner,
            pg_has_role(current_user, c.relowner, 'MEMBER') AS owns,
            pg_has_role(current_user, n.nspowner, 'MEMBER') AS "schemaOwner",
            ARRAY(SELECT p FROM unnest(t.forbidden) p WHERE has_table_privilege(current_user, c.oid, p)) AS privileges
     FROM jsonb_each($1::jsonb) AS e(name, list)
     CROSS JOIN LATERAL (SELECT e.name, ARRAY(SELECT jsonb_array_elements_text(e.list)) AS forbidden) t
     LEFT JOIN pg_class c ON c.oid = to_regclass(format('%I', t.name))
     LEFT JOIN pg_namespace n ON n.oid = c.relnamespace
     ORDER BY t.name`,
    [JSON.stringify(TRAIL_TABLES)],
  );
  const role = rows[0]!;
  const problems: string[] = [];
  if (role.superuser) problems.push(`"${role.role}" is a superuser: it can do anything to any table, triggers or not`);
  if (rows.some((r) => !r.exists)) {
    return problems.length ? { state: "checked", role: role.role, problems } : { state: "not-migrated", role: role.role };
  }
  if (!role.superuser) {
    for (const r of rows) {
      if (r.owns) {
        problems.push(`"${role.role}" owns "${r.table}"${r.owner !== role.role ? ` (as a member of "${r.owner}")` : ""}: it can switch off the trigger that keeps it append-only`);
        continue;
      }
      if (r.schemaOwner) problems.push(`"${role.role}" owns the schema of "${r.table}": it can drop the table and make a new one`);
      if (r.privileges?.length) problems.push(`"${role.role}" may ${r.privileges.join(", ")} "${r.table}"`);
    }
  }
  return { state: "checked", role: role.role, problems };
}
