import { demoPrincipal } from "../../dev/idp/users";
import type { Principal } from "../../lib/authz/principal";

export type DemoName = "alice" | "bob" | "erin" | "carol" | "dave";

/** The demo user as the server would see them after signing in (subject `sub-<name>`), optionally with other groups. */
export function principalOf(name: DemoName, groups?: string[]): Principal {
  return demoPrincipal(name, { id: `sub-${name}`, groups });
}

export const ALL_DEMO: DemoName[] = ["alice", "bob", "erin", "carol", "dave"];
