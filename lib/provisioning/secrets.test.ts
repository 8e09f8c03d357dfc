import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openRobotSecret, openSecret, sealSecret, SecretKeyError, SecretOpenError, secretsKeyFrom } from "./secrets";

const key = randomBytes(32);
const secret = "Rb7xQ2mN9pLk4sVw8tYz";

describe("robot secret sealing (AES-256-GCM)", () => {
  it("opens what it sealed, with the same key and AAD", () => {
    const sealed = sealSecret(secret, key, "row-1");
    expect(openSecret(sealed, key, "row-1")).toBe(secret);
  });

  it("keeps no plaintext in what it stores, and uses a 12-byte nonce and 16-byte tag", () => {
    const sealed = sealSecret(secret, key, "row-1");
    expect(sealed.iv).toHaveLength(12);
    expect(sealed.authTag).toHaveLength(16);
    const stored = Buffer.concat([sealed.ciphertext, sealed.iv, sealed.authTag]);
    expect(stored.includes(Buffer.from(secret))).toBe(false);
    expect(stored.toString("latin1")).not.toContain(secret.slice(0, 8));
  });

  it("uses a fresh nonce every time, so equal secrets seal differently", () => {
    const a = sealSecret(secret, key, "row-1");
    const b = sealSecret(secret, key, "row-1");
    expect(Buffer.from(a.iv).equals(Buffer.from(b.iv))).toBe(false);
    expect(Buffer.from(a.ciphertext).equals(Buffer.from(b.ciphertext))).toBe(false);
  });

  it("refuses another row's AAD, another key, and altered bytes, without saying what the secret was", () => {
    const sealed = sealSecret(secret, key, "row-1");
    expect(() => openSecret(sealed, key, "row-2")).toThrow(SecretOpenError);
    expect(() => openSecret(sealed, randomBytes(32), "row-1")).toThrow(SecretOpenError);
    const flipped = new Uint8Array(sealed.ciphertext);
    flipped[0] = flipped[0]! ^ 1;
    expect(() => openSecret({ ...sealed, ciphertext: flipped }, key, "row-1")).toThrow(SecretOpenError);
    const tag = new Uint8Array(sealed.authTag);
    tag[15] = tag[15]! ^ 1;
    try {
      openSecret({ ...sealed, authTag: tag }, key, "row-1");
      expect.unreachable();
    } catch (e) {
      expect(String(e)).not.toContain(secret);
    }
  });

  it("refuses keys that are not 32 bytes", () => {
    expect(() => sealSecret(secret, randomBytes(16), "x")).toThrow(SecretKeyError);
    expect(() => secretsKeyFrom(Buffer.alloc(31).toString("base64"))).toThrow(SecretKeyError);
    expect(secretsKeyFrom(key.toString("base64")).equals(key)).toBe(true);
  });

  it("opens a RobotSecret row by its id, and answers null once it was wiped", () => {
    const id = "5d3f0f7e-1f7b-4a53-9a0c-2d2f8f4c1a11";
    const sealed = sealSecret(secret, key, id);
    expect(openRobotSecret({ id, ...sealed }, key)).toBe(secret);
    expect(() => openRobotSecret({ id: "another", ...sealed }, key)).toThrow(SecretOpenError);
    expect(openRobotSecret({ id, ciphertext: null, iv: null, authTag: null }, key)).toBeNull();
  });
});
