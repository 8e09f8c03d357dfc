import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

// Robot secrets at rest: AES-256-GCM with a fresh 12-byte nonce per secret (ADR 007).
// The additional authenticated data binds a ciphertext to its row, so a sealed value copied
// into another row does not open.

const ALGORITHM = "aes-256-gcm";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface SealedSecret {
  ciphertext: Uint8Array<ArrayBuffer>;
  iv: Uint8Array<ArrayBuffer>;
  authTag: Uint8Array<ArrayBuffer>;
}

export class SecretKeyError extends Error {
  constructor() {
    super("the secrets key must be 32 bytes (BERTH_SECRETS_KEY: openssl rand -base64 32)");
    this.name = "SecretKeyError";
  }
}

/** Opening failed: wrong key, wrong row (AAD) or altered bytes. Never says more, never carries the value. */
export class SecretOpenError extends Error {
  constructor() {
    super("the sealed secret could not be opened (wrong key, wrong record, or altered)");
    this.name = "SecretOpenError";
  }
}

/** The 32-byte key from its base64 form (BERTH_SECRETS_KEY). */
export function secretsKeyFrom(base64: string): Buffer {
  const key = Buffer.from(base64, "base64");
  if (key.length !== 32) throw new SecretKeyError();
  return key;
}

const owned = (b: Buffer): Uint8Array<ArrayBuffer> => new Uint8Array(b);

export function sealSecret(plaintext: string, key: Buffer, aad: string): SealedSecret {
  if (key.length !== 32) throw new SecretKeyError();
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return { ciphertext: owned(ciphertext), iv: owned(iv), authTag: owned(cipher.getAuthTag()) };
}

export function openSecret(sealed: { ciphertext: Uint8Array; iv: Uint8Array; authTag: Uint8Array }, key: Buffer, aad: string): string {
  if (key.length !== 32) throw new SecretKeyError();
  if (sealed.iv.length !== IV_BYTES || sealed.authTag.length !== TAG_BYTES) throw new SecretOpenError();
  try {
    const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(sealed.iv), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(Buffer.from(sealed.authTag));
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext)), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretOpenError();
  }
}

/** The AAD of a RobotSecret row: its id, assigned before sealing (the reveal opens with `row.id`). */
export const robotSecretAad = (robotSecretId: string) => robotSecretId;

/** Opens a RobotSecret row; null when it was already revealed or wiped. For the reveal action. */
export function openRobotSecret(
  row: { id: string; ciphertext: Uint8Array | null; iv: Uint8Array | null; authTag: Uint8Array | null },
  key: Buffer,
): string | null {
  if (!row.ciphertext || !row.iv || !row.authTag) return null;
  return openSecret({ ciphertext: row.ciphertext, iv: row.iv, authTag: row.authTag }, key, robotSecretAad(row.id));
}
