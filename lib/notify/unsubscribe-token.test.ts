import { describe, expect, it } from "vitest";
import { checkUnsubscribeToken } from "./unsubscribe";
import { MAX_TOKEN_LENGTH, readUnsubscribeToken, unsubscribeKey, unsubscribeToken, unsubscribeUrl } from "./unsubscribe-token";

const key = unsubscribeKey("x".repeat(40));
const token = unsubscribeToken(key, "sub-alice", "request.approved");
const parts = token.split(".");
const b64 = (s: string) => Buffer.from(s).toString("base64url");

describe("unsubscribe tokens", () => {
  it("name their person and kind, versioned and URL-safe, and read back with the same key", () => {
    expect(token).toMatch(/^u1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(readUnsubscribeToken(key, token)).toEqual({ personId: "sub-alice", kind: "request.approved" });
    // an IdP subject may hold any character
    const odd = "auth0|ü.@/+=\u{1F600}";
    expect(readUnsubscribeToken(key, unsubscribeToken(key, odd, "grant.ending"))).toEqual({ personId: odd, kind: "grant.ending" });
    expect(unsubscribeUrl("https://berth.example.com/", key, "sub-alice", "request.approved")).toBe(`https://berth.example.com/api/notify/unsubscribe?t=${token}`);
  });

  it("derive the key from the secret with a label of their own: another secret makes another key, and the secret itself is not the key", () => {
    expect(unsubscribeKey("x".repeat(40))).toBe(key);
    expect(unsubscribeKey("y".repeat(40))).not.toBe(key);
    expect(Buffer.from(key, "base64url")).toHaveLength(32);
    expect(readUnsubscribeToken(unsubscribeKey("y".repeat(40)), token)).toBeNull();
    expect(readUnsubscribeToken(Buffer.from("x".repeat(40)).toString("base64url"), token)).toBeNull();
  });

  it("refuse another person's or another kind's signature, and a forged one", () => {
    const bob = unsubscribeToken(key, "sub-bob", "request.approved");
    const otherKind = unsubscribeToken(key, "sub-alice", "request.rejected");
    // alice's signature on bob's id, and on another kind
    expect(readUnsubscribeToken(key, [parts[0], b64("sub-bob"), parts[2], parts[3]].join("."))).toBeNull();
    expect(readUnsubscribeToken(key, [parts[0], parts[1], b64("request.rejected"), parts[3]].join("."))).toBeNull();
    // bob's signature with alice's id
    expect(readUnsubscribeToken(key, [...bob.split(".").slice(0, 1), parts[1], ...bob.split(".").slice(2)].join("."))).toBeNull();
    expect(readUnsubscribeToken(key, otherKind)).toEqual({ personId: "sub-alice", kind: "request.rejected" });
    // a signature made up, or one character changed anywhere in it
    expect(readUnsubscribeToken(key, [...parts.slice(0, 3), "A".repeat(43)].join("."))).toBeNull();
    for (let i = 0; i < parts[3]!.length; i++) {
      const sig = parts[3]!;
      const changed = sig.slice(0, i) + (sig[i] === "A" ? "B" : "A") + sig.slice(i + 1);
      expect(readUnsubscribeToken(key, [...parts.slice(0, 3), changed].join(".")), `position ${i}`).toBeNull();
    }
  });

  it("refuse truncated, padded, re-versioned and malformed tokens, and anything that is not a string", () => {
    for (const bad of [
      token.slice(0, -1),
      token.slice(0, token.lastIndexOf(".")),
      `${token}A`,
      `${token}.`,
      `${token}=`,
      `u2${token.slice(2)}`,
      token.slice(3),
      `u1..${parts[2]}.${parts[3]}`,
      `${parts[0]}.${parts[1]}+.${parts[2]}.${parts[3]}`,
      token.replace(/\./g, "~"),
      "",
      "u1",
      "u1.a.b.c",
      ` ${token}`,
      "u1." + "A".repeat(MAX_TOKEN_LENGTH),
    ]) {
      expect(readUnsubscribeToken(key, bad), bad.slice(0, 80)).toBeNull();
    }
    for (const bad of [null, undefined, 7, ["u1"], { t: token }]) expect(readUnsubscribeToken(key, bad)).toBeNull();
  });

  it("allow only optional kinds: a signed token for a mandatory kind is still refused", () => {
    expect(checkUnsubscribeToken(key, token)).toEqual({ ok: true, personId: "sub-alice", kind: "request.approved", label: "Your request was approved" });
    expect(checkUnsubscribeToken(key, unsubscribeToken(key, "sub-alice", "chain.broken"))).toEqual({ ok: false, reason: "not-optional" });
    expect(checkUnsubscribeToken(key, unsubscribeToken(key, "sub-alice", "digest"))).toEqual({ ok: false, reason: "not-optional" });
    expect(checkUnsubscribeToken(key, unsubscribeToken(key, "sub-alice", "no.such-kind"))).toEqual({ ok: false, reason: "not-optional" });
    expect(checkUnsubscribeToken(key, "forged")).toEqual({ ok: false, reason: "invalid-token" });
  });
});
