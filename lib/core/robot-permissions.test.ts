import { describe, expect, it } from "vitest";
import { PROJECT_ROBOT_PERMISSIONS, permissionKey, permissionRisk, riskReasons } from "./robot-permissions";

const risky = (key: string) => {
  const [resource, action] = key.split(":") as [string, string];
  return permissionRisk({ resource, action });
};

describe("robot permissions by risk", () => {
  it.each([
    ["member:create", "grants-access"],
    ["member:update", "grants-access"],
    ["member:delete", "deletes"],
    ["robot:create", "changes-robots"],
    ["robot:delete", "changes-robots"],
    ["artifact:delete", "deletes"],
    ["repository:delete", "deletes"],
    ["project:update", "changes-settings"],
    ["project:delete", "deletes"],
    ["immutable-tag:create", "changes-settings"],
    ["tag-retention:update", "changes-settings"],
    ["notification-policy:create", "changes-settings"],
    ["metadata:update", "changes-settings"],
  ])("%s needs a second approver (%s)", (key, risk) => {
    expect(risky(key)).toBe(risk);
  });

  it.each(["repository:pull", "repository:push", "artifact:read", "tag:create", "tag:list", "scan:create", "member:read", "member:list", "robot:read", "robot:list", "project:read", "sbom:create"])("%s does not", (key) => {
    expect(risky(key)).toBeNull();
  });

  it("classifies every permission Harbor lets a project robot hold, and no write to members, robots or settings slips through", () => {
    for (const p of PROJECT_ROBOT_PERMISSIONS) {
      const write = !["read", "list", "pull", "push"].includes(p.action);
      if (write && ["member", "robot", "project", "metadata", "immutable-tag", "tag-retention", "notification-policy", "preheat-policy"].includes(p.resource)) {
        expect(permissionRisk(p), permissionKey(p)).not.toBeNull();
      }
    }
  });

  it("says why in words, each reason once", () => {
    expect(riskReasons([{ resource: "repository", action: "pull" }])).toEqual([]);
    expect(riskReasons([{ resource: "member", action: "create" }, { resource: "artifact", action: "delete" }, { resource: "tag", action: "delete" }])).toEqual(["robot may give people access", "robot may delete"]);
  });
});
