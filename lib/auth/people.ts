import "server-only";
import type { Queryable } from "../sql";

// Who signed in, when, with which groups and address: notifications reach people through the IdP's `email` claim
// as it was at their last sign-in, and find approvers, auditors and an owner group's team leads by these groups.

export interface SignIn {
  id: string;
  username: string;
  name: string;
  email: string | null;
  groups: readonly string[];
}

export async function recordSignIn(db: Queryable, person: SignIn, at: Date = new Date()): Promise<void> {
  await db.query(
    `INSERT INTO "Person" (id, username, name, email, groups, "firstSeenAt", "lastSeenAt") VALUES ($1, $2, $3, $4, $5::text[], $6, $6)
     ON CONFLICT (id) DO UPDATE SET username = EXCLUDED.username, name = EXCLUDED.name, email = EXCLUDED.email, groups = EXCLUDED.groups, "lastSeenAt" = EXCLUDED."lastSeenAt"`,
    [person.id, person.username.slice(0, 200), person.name.slice(0, 200), person.email && /^[^\s@]+@[^\s@]+$/.test(person.email) ? person.email.slice(0, 320) : null, [...person.groups], at],
  );
}
