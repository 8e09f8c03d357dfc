import { generateKeyPairSync } from "node:crypto";
import { keyring } from "../../lib/audit/signing";

// One Ed25519 key per test run, as BERTH_AUDIT_SIGNING_KEY takes it (base64 of PKCS#8 DER), and its keyring.
export const TEST_AUDIT_SIGNING_KEY = generateKeyPairSync("ed25519").privateKey.export({ format: "der", type: "pkcs8" }).toString("base64");
export const testKeyring = keyring({ privateKey: TEST_AUDIT_SIGNING_KEY });

/** Another key (an attacker's, or a retired one), with its keyring and public key. */
export function otherKey() {
  const privateKey = generateKeyPairSync("ed25519").privateKey.export({ format: "der", type: "pkcs8" }).toString("base64");
  const ring = keyring({ privateKey });
  return { privateKey, ring, publicKey: ring.signer!.publicKey, keyId: ring.signer!.keyId };
}
