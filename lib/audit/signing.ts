import "server-only";
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { env } from "../env";
import { canonicalJson } from "./chain";

// Checkpoints signed with a key the database does not hold (ADR 019, docs/audit.md "Signed checkpoints"). Whoever
// can rewrite the tables can re-hash the chain, but cannot sign a checkpoint for the rewritten chain, and the
// checkpoints signed before no longer match it.

/** A public key as Berth publishes it: base64 of its SPKI DER form (`openssl pkey -pubout -outform DER | base64`). */
export interface PublishedKey {
  keyId: string;
  /** base64 of the SPKI DER form */
  publicKey: string;
}

interface TrustedKey extends PublishedKey {
  key: KeyObject;
}

export interface AuditKeyring {
  /** the key this process signs new checkpoints with; null where it only verifies */
  signer: (PublishedKey & { privateKey: KeyObject }) | null;
  /** every key whose signatures count, by key id: the signer's and retired ones' */
  trusted: ReadonlyMap<string, TrustedKey>;
}

export class AuditKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AuditKeyError";
  }
}

/** A key's id: the first 16 hex digits of SHA-256 over its SPKI DER form. */
function keyIdOf(spki: Buffer): string {
  return createHash("sha256").update(spki).digest("hex").slice(0, 16);
}

function published(key: KeyObject): TrustedKey {
  const spki = key.export({ format: "der", type: "spki" });
  return { keyId: keyIdOf(spki), publicKey: spki.toString("base64"), key };
}

/** Reads an Ed25519 private key: base64 of its PKCS#8 DER form (`openssl genpkey -algorithm ed25519 -outform DER | base64`). */
export function parsePrivateKey(text: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: Buffer.from(text.trim(), "base64"), format: "der", type: "pkcs8" });
  } catch {
    throw new AuditKeyError("is not a private key: give base64 of its PKCS#8 DER form");
  }
  if (key.asymmetricKeyType !== "ed25519") throw new AuditKeyError(`is a ${key.asymmetricKeyType ?? "unknown"} key, not Ed25519`);
  return key;
}

/** Reads an Ed25519 public key: base64 of its SPKI DER form, as the chain page and every export show it. */
export function parsePublicKey(text: string): PublishedKey & { key: KeyObject } {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(text.trim(), "base64"), format: "der", type: "spki" });
  } catch {
    throw new AuditKeyError(`"${text.slice(0, 20)}…" is not a public key: give base64 of its SPKI DER form`);
  }
  if (key.asymmetricKeyType !== "ed25519") throw new AuditKeyError(`"${text.slice(0, 20)}…" is a ${key.asymmetricKeyType ?? "unknown"} key, not Ed25519`);
  return published(key);
}

/** A keyring from a private key (signs, and is trusted) and any number of public keys (trusted: retired keys, or a verifier's). */
export function keyring(options: { privateKey?: string | null; publicKeys?: readonly string[] }): AuditKeyring {
  const trusted = new Map<string, TrustedKey>();
  let signer: AuditKeyring["signer"] = null;
  if (options.privateKey) {
    const privateKey = parsePrivateKey(options.privateKey);
    const pub = published(createPublicKey(privateKey));
    signer = { keyId: pub.keyId, publicKey: pub.publicKey, privateKey };
    trusted.set(pub.keyId, pub);
  }
  for (const text of options.publicKeys ?? []) {
    const pub = parsePublicKey(text);
    trusted.set(pub.keyId, pub);
  }
  return { signer, trusted };
}

export interface CheckpointClaim {
  seq: string;
  hash: string;
  verifiedAt: Date;
}

export interface SignedCheckpoint extends CheckpointClaim {
  keyId: string | null;
  signature: string | null;
}

/**
 * The exact text that is signed: canonical JSON (keys sorted, no whitespace) of
 * `{ type: "berth-audit-checkpoint", version: 1, seq, hash, verifiedAt, keyId }` with seq as a decimal string and
 * verifiedAt as ISO 8601 UTC with milliseconds.
 */
export function checkpointMessage(cp: CheckpointClaim & { keyId: string }): string {
  return canonicalJson({ type: "berth-audit-checkpoint", version: 1, seq: cp.seq, hash: cp.hash, verifiedAt: cp.verifiedAt.toISOString(), keyId: cp.keyId });
}

/** Signs a checkpoint with the keyring's signer: its key id and the Ed25519 signature (base64). */
export function signCheckpoint(ring: AuditKeyring, cp: CheckpointClaim): { keyId: string; signature: string } {
  if (!ring.signer) throw new AuditKeyError("no signing key: set BERTH_AUDIT_SIGNING_KEY to record checkpoints");
  const keyId = ring.signer.keyId;
  return { keyId, signature: sign(null, Buffer.from(checkpointMessage({ ...cp, keyId }), "utf8"), ring.signer.privateKey).toString("base64") };
}

export type SignatureState = "valid" | "invalid" | "unknown-key" | "unsigned";

// Every audit page reviews the newest checkpoints (up to 20), and an Ed25519 verification costs 0.1–0.3 ms here. The
// outcome depends only on the key and the exact message and signature, so each ring keeps it under those; a row that
// changed in any signed field or in its signature is another entry and is verified afresh.
const verified = new WeakMap<AuditKeyring, Map<string, boolean>>();
const VERIFIED_MAX = 1_000;

/** Whether a checkpoint is signed by a key of the ring: `invalid` means a trusted key id with a signature that does not verify. */
export function signatureState(ring: AuditKeyring, cp: SignedCheckpoint): SignatureState {
  if (!cp.keyId || !cp.signature) return "unsigned";
  const trusted = ring.trusted.get(cp.keyId);
  if (!trusted) return "unknown-key";
  const message = checkpointMessage({ ...cp, keyId: cp.keyId });
  let seen = verified.get(ring);
  if (!seen) verified.set(ring, (seen = new Map()));
  const entry = `${cp.keyId}\n${cp.signature}\n${message}`;
  let ok = seen.get(entry);
  if (ok === undefined) {
    ok = verify(null, Buffer.from(message, "utf8"), trusted.key, Buffer.from(cp.signature, "base64"));
    if (seen.size >= VERIFIED_MAX) seen.clear();
    seen.set(entry, ok);
  }
  return ok ? "valid" : "invalid";
}

/** The keys to publish: the signer's first, then retired ones. */
export function publishedKeys(ring: AuditKeyring): PublishedKey[] {
  const keys = [...ring.trusted.values()].map(({ keyId, publicKey }) => ({ keyId, publicKey }));
  return keys.sort((a, b) => Number(b.keyId === ring.signer?.keyId) - Number(a.keyId === ring.signer?.keyId));
}

let fromEnv: { source: string; ring: AuditKeyring } | undefined;

/** This process's keyring, from BERTH_AUDIT_SIGNING_KEY and BERTH_AUDIT_PUBLIC_KEYS. */
export function auditKeyring(): AuditKeyring {
  const { BERTH_AUDIT_SIGNING_KEY: privateKey, BERTH_AUDIT_PUBLIC_KEYS: publicKeys } = env();
  const source = `${privateKey}|${publicKeys.join(",")}`;
  if (fromEnv?.source !== source) fromEnv = { source, ring: keyring({ privateKey, publicKeys }) };
  return fromEnv.ring;
}

export interface CheckpointRow extends SignedCheckpoint {
  /** the hash the checkpoint's event has now (null: the event is gone) */
  now: string | null;
}

export interface CheckpointReview {
  /** the newest checkpoint signed by a trusted key */
  newestValid: CheckpointRow | null;
  /** the newest checkpoint whose signature does not verify under the trusted key it names */
  invalid: CheckpointRow | null;
  valid: number;
  unsigned: number;
  unknownKey: number;
}

/** Sorts checkpoints (newest first) by what their signatures say. */
export function reviewCheckpoints(ring: AuditKeyring, rows: CheckpointRow[]): CheckpointReview {
  const review: CheckpointReview = { newestValid: null, invalid: null, valid: 0, unsigned: 0, unknownKey: 0 };
  for (const row of rows) {
    const state = signatureState(ring, row);
    if (state === "valid") {
      review.valid++;
      review.newestValid ??= row;
    } else if (state === "invalid") review.invalid ??= row;
    else if (state === "unsigned") review.unsigned++;
    else review.unknownKey++;
  }
  return review;
}

/** The checkpoints with their event's current hash, newest first, as `reviewCheckpoints` takes them. */
export const CHECKPOINT_SELECT = `SELECT c.seq::text AS seq, c.hash, c."verifiedAt", c."keyId", c.signature, e.hash AS now
  FROM "AuditCheckpoint" c LEFT JOIN "AuditEvent" e ON e.seq = c.seq`;
