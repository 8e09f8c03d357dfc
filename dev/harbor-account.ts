import { BERTH_ACCOUNT_PERMISSIONS } from "../lib/harbor/permissions";

// Berth's own Harbor account as docs/harbor.md has admins create it: a system robot with BERTH_ACCOUNT_PERMISSIONS.
// For the local stack (`dev/start.ts --harbor-robot`, which the end-to-end tests use) and the tests.

/** Creates the system robot `name` as admin; `without` leaves permissions out (to show what Berth does then). */
export async function createBerthAccount(harborUrl: string, adminPassword: string, name = "berth", without: { resource: string; action: string }[] = []): Promise<{ username: string; password: string }> {
  const allow = (list: readonly { resource: string; action: string }[]) =>
    list.filter((a) => !without.some((w) => w.resource === a.resource && w.action === a.action)).map((a) => ({ ...a, effect: "allow" }));
  const res = await fetch(`${harborUrl}/api/v2.0/robots`, {
    method: "POST",
    headers: { Authorization: `Basic ${Buffer.from(`admin:${adminPassword}`).toString("base64")}`, "Content-Type": "application/json" },
    body: JSON.stringify({
      name,
      description: "Berth provisioning",
      level: "system",
      duration: 365,
      permissions: [
        { kind: "system", namespace: "/", access: allow(BERTH_ACCOUNT_PERMISSIONS.system) },
        { kind: "project", namespace: "*", access: allow(BERTH_ACCOUNT_PERMISSIONS.project) },
      ],
    }),
  });
  if (res.status !== 201) throw new Error(`creating Berth's Harbor robot ${name} answered ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { name: string; secret: string };
  return { username: body.name, password: body.secret };
}
