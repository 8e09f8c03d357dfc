import { encode } from "next-auth/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestAppEnv } from "../../test/helpers/app-env";
import { env } from "../env";
import { decodeSession } from "./session-cookie";

const claims = { sub: "sub-alice", sid: "3f1d2c4b-0000-4000-8000-000000000001", name: "Alice", username: "alice", groups: ["finance-devs"], accessTokenExpiresAt: 0, groupsReadAt: 1 };

describe("decodeSession", () => {
  beforeAll(() => useTestAppEnv({ databaseUrl: "postgresql://unused@127.0.0.1:9/berth", harborUrl: "http://127.0.0.1:9" }));

  it("reads a cookie Berth wrote, and the second read of the same cookie is the same frozen token", async () => {
    const value = await encode({ token: claims, secret: env().NEXTAUTH_SECRET, maxAge: 3600 });
    const first = await decodeSession(value);
    expect(first).toMatchObject({ sub: "sub-alice", groups: ["finance-devs"] });
    expect(await decodeSession(value)).toBe(first);
    expect(Object.isFrozen(first!.groups)).toBe(true);
  });

  it("treats a tampered cookie and one from another key as signed out", async () => {
    const value = await encode({ token: claims, secret: env().NEXTAUTH_SECRET, maxAge: 3600 });
    const flipped = value.slice(0, -3) + (value.at(-3) === "A" ? "B" : "A") + value.slice(-2);
    expect(await decodeSession(flipped)).toBeNull();
    expect(await decodeSession(await encode({ token: claims, secret: "another-secret-entirely-0123456789abcdef", maxAge: 3600 }))).toBeNull();
  });

  it("stops answering with a kept token once the cookie itself has expired", async () => {
    const value = await encode({ token: claims, secret: env().NEXTAUTH_SECRET, maxAge: 60 });
    expect(await decodeSession(value)).not.toBeNull();
    expect(await decodeSession(value, Date.now() + 2 * 60_000)).toBeNull();
  });
});
