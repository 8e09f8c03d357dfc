import { describe, expect, it } from "vitest";
import { AuditSecretError, prepareAuditRows } from "./append";
import { AuditInputError } from "./chain";
import type { AuditContext, JsonValue } from "./types";

const user: AuditContext = { actor: { type: "user", id: "u1", name: "Alice", groups: ["g1"] }, sourceIp: "10.0.0.1" };
const now = new Date("2026-01-01T00:00:00.000Z");

describe("preparing audit rows", () => {
  it("fills actor fields, normalizes uuids and defaults `at`", () => {
    const [row] = prepareAuditRows(user, [{ action: "request.created", objectType: "request", objectId: "x", requestId: "7B0E5F51-55A4-4B7E-9A57-2F7E1F7F1A01", after: { at: new Date("2026-02-02T00:00:00Z") } as unknown as JsonValue }], now);
    expect(row).toMatchObject({
      at: now,
      actorType: "user",
      actorId: "u1",
      actorName: "Alice",
      actorGroups: ["g1"],
      sourceIp: "10.0.0.1",
      userAgent: null,
      requestId: "7b0e5f51-55a4-4b7e-9a57-2f7e1f7f1a01",
      after: { at: "2026-02-02T00:00:00.000Z" },
      before: null,
    });
  });

  it("refuses secrets in before or after", () => {
    expect(() => prepareAuditRows(user, [{ action: "robot.secret.rotated", objectType: "robot", objectId: "r", before: { nested: [{ password: "x" }] } }], now)).toThrow(AuditSecretError);
    expect(() => prepareAuditRows(user, [{ action: "robot.secret.rotated", objectType: "robot", objectId: "r", after: { token: "x" } }], now)).toThrow(/after\.token/);
  });

  it("refuses malformed events and contexts", () => {
    expect(() => prepareAuditRows(user, [{ action: "Grant Activated", objectType: "grant", objectId: "g" }], now)).toThrow(AuditInputError);
    expect(() => prepareAuditRows(user, [{ action: "grant.activated", objectType: "grant", objectId: "g", subject: "finance-devs" }], now)).toThrow(/subject/);
    expect(() => prepareAuditRows(user, [{ action: "grant.activated", objectType: "grant", objectId: "g", requestId: "12" }], now)).toThrow(/requestId/);
    expect(() => prepareAuditRows({ actor: { type: "system", id: "nobody" as "worker" } }, [{ action: "job.queued", objectType: "job", objectId: "j" }], now)).toThrow(/context/);
  });
});
