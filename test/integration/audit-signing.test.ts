import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bulkAppend } from "@/lib/audit/bulk";
import { exportEvents, exportGrants } from "@/lib/audit/export";
import { verifyExport } from "@/lib/audit/export-verify";
import { checkpointMessage, keyring, signatureState, signCheckpoint } from "@/lib/audit/signing";
import { chainStatus, verifyChain } from "@/lib/audit/verify";
import { inheritedEnvironment } from "@/dev/tool-env";
import { asSuperuser, drafts, rewriteAndRehash } from "../helpers/audit-chain";
import { otherKey, TEST_AUDIT_SIGNING_KEY, testKeyring } from "../helpers/audit-keys";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

// Checkpoints signed with a key the database does not hold (ADR 019): whoever rewrites the tables and re-hashes the
// chain cannot sign for it, and what was signed before no longer matches.

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-signing-"));
const K = { keyring: testKeyring };
const publicKey = testKeyring.signer!.publicKey;
const keyId = testKeyring.signer!.keyId;

async function collect(source: AsyncIterable<string>) {
  let text = "";
  for await (const chunk of source) text += chunk;
  return text;
}
async function* chunksOf(text: string, size = 4096) {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}
const offline = (text: string, ring = keyring({ publicKeys: [publicKey] })) => verifyExport(chunksOf(text), { keyring: ring, requireSignature: true });

async function verifyScript(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout } = await run(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/audit-verify.ts", ...args], { cwd: root, env: { ...inheritedEnvironment(), DATABASE_URL: "", ...env } });
    return { code: 0, out: stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await bulkAppend(db.pool, [drafts(1, 40)]);
});
afterAll(async () => {
  await db?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("signing", () => {
  it("signs exactly seq, hash, time and key id, and a changed field no longer verifies", () => {
    const claim = { seq: "7", hash: "a".repeat(64), verifiedAt: new Date("2026-03-01T10:00:00.123Z") };
    expect(checkpointMessage({ ...claim, keyId })).toBe(`{"hash":"${"a".repeat(64)}","keyId":"${keyId}","seq":"7","type":"berth-audit-checkpoint","verifiedAt":"2026-03-01T10:00:00.123Z","version":1}`);
    const signed = { ...claim, ...signCheckpoint(testKeyring, claim) };
    expect(signed.keyId).toBe(keyId);
    expect(signatureState(testKeyring, signed)).toBe("valid");
    expect(signatureState(testKeyring, { ...signed, seq: "8" })).toBe("invalid");
    expect(signatureState(testKeyring, { ...signed, hash: "b".repeat(64) })).toBe("invalid");
    expect(signatureState(testKeyring, { ...signed, verifiedAt: new Date("2026-03-01T10:00:00.124Z") })).toBe("invalid");
    expect(signatureState(testKeyring, { ...signed, signature: null })).toBe("unsigned");
    // a verdict is kept only for the exact signature and message: asked again it stands, and a changed signature
    // (its first byte flipped) on the same claim is checked afresh
    expect(signatureState(testKeyring, signed)).toBe("valid");
    const sig = Buffer.from(signed.signature!, "base64");
    sig[0] = sig[0]! ^ 0xff;
    expect(signatureState(testKeyring, { ...signed, signature: sig.toString("base64") })).toBe("invalid");
    const stranger = otherKey();
    expect(signatureState(stranger.ring, signed)).toBe("unknown-key");
    // a verifier holding only the public key checks it; the key id is the key's own fingerprint
    expect(signatureState(keyring({ publicKeys: [publicKey] }), signed)).toBe("valid");
    expect(keyring({ publicKeys: [publicKey] }).signer).toBeNull();
  });

  it("refuses keys that are not Ed25519 or not keys", () => {
    expect(() => keyring({ privateKey: "not-a-key" })).toThrow(/is not a private key/);
    expect(() => keyring({ publicKeys: [Buffer.from("x".repeat(44)).toString("base64")] })).toThrow(/is not a public key/);
  });
});

describe("a rewrite inside the database", () => {
  let oldExport = "";
  let oldGrants = "";

  it("a passing walk records a checkpoint signed with the key, which the pages and exports then name", async () => {
    expect(await verifyChain(db.pool, { ...K, record: true })).toMatchObject({ ok: true, headSeq: 40n });
    const row = (await db.pool.query(`SELECT seq::text, hash, "verifiedAt", "keyId", signature FROM "AuditCheckpoint"`)).rows[0];
    expect(row).toMatchObject({ seq: "40", keyId });
    expect(signatureState(testKeyring, row)).toBe("valid");
    expect(await chainStatus(db.pool, K)).toMatchObject({ ok: true, verifiedThrough: { seq: "40", keyId }, checkedFrom: "40", checked: 0 });

    await bulkAppend(db.pool, [drafts(41, 3)]);
    oldExport = await collect(exportEvents(db.pool, {}, "jsonl", K));
    oldGrants = await collect(exportGrants(db.pool, {}, "csv", K));
    const meta = JSON.parse(oldExport.split("\n")[0]!);
    expect(meta).toMatchObject({ version: 2, chainHeadSeq: "43", signingKey: { algorithm: "Ed25519", keyId, publicKey }, checkpoint: { seq: "40", keyId } });
  });

  it("an export checks out offline against the public key: signed through the checkpoint, later events linked but not signed", async () => {
    expect(await offline(oldExport)).toMatchObject({ ok: true, completeChain: true, signature: { state: "valid", keyId, checkpointSeq: "40", coversThrough: "40", after: 3 } });
    expect(await offline(oldGrants)).toMatchObject({ ok: true, kind: "grants", signature: { state: "valid", checkpointSeq: "40", coversThrough: null } });
    // another public key: the file does not verify, whatever key its own first line names
    const stranger = otherKey();
    expect(await offline(oldExport, keyring({ publicKeys: [stranger.publicKey] }))).toMatchObject({ ok: false, reason: "unknown-key" });
    // a forged first line: the checkpoint moved to a later event, or its hash replaced
    const meta = JSON.parse(oldExport.split("\n")[0]!);
    const withMeta = (m: object) => [JSON.stringify(m), ...oldExport.split("\n").slice(1)].join("\n");
    expect(await offline(withMeta({ ...meta, checkpoint: { ...meta.checkpoint, seq: "42" } }))).toMatchObject({ ok: false, reason: "checkpoint-signature" });
    // re-signed by someone else with their key id: not among the keys the checker holds
    const forged = signCheckpoint(stranger.ring, { seq: "42", hash: JSON.parse(oldExport.split("\n")[42]!).hash, verifiedAt: new Date() });
    expect(await offline(withMeta({ ...meta, checkpoint: { ...meta.checkpoint, seq: "42", ...forged } }))).toMatchObject({ ok: false, reason: "unknown-key" });
    // no checkpoint at all: nothing to check against the key
    expect(await offline(withMeta({ ...meta, checkpoint: null }))).toMatchObject({ ok: false, reason: "unsigned" });
  });

  it("a rewritten and re-hashed chain links up, but no longer matches the signed checkpoint", async () => {
    await rewriteAndRehash(db, 12, { actorName: "Mallory" });
    // the chain itself links up again: only the checkpoint tells
    const fresh = await verifyChain(db.pool, { keyring: keyring({}) });
    expect(fresh.ok).toBe(true);
    expect(await verifyChain(db.pool, K)).toMatchObject({ ok: false, brokenAt: 40n, reason: "hash-mismatch" });
    expect(await chainStatus(db.pool, K)).toMatchObject({ ok: false, break: { brokenAt: "40", reason: "hash-mismatch" } });
  });

  it("nobody without the key can sign the rewritten chain: a forged checkpoint is a break, one by an unknown key counts for nothing", async () => {
    const head = (await db.pool.query<{ hash: string }>(`SELECT hash FROM "AuditHead"`)).rows[0]!.hash;
    const at = new Date();
    const stranger = otherKey();
    // the owner removes the checkpoint that gives the rewrite away and writes their own, signed with their key
    await asSuperuser(db, `DELETE FROM "AuditCheckpoint"`);
    const theirs = signCheckpoint(stranger.ring, { seq: "43", hash: head, verifiedAt: at });
    await db.pool.query(`INSERT INTO "AuditCheckpoint" (seq, hash, checked, "verifiedAt", "keyId", signature) VALUES (43, $1, 43, $2, $3, $4)`, [head, at, theirs.keyId, theirs.signature]);
    expect(await chainStatus(db.pool, K)).toMatchObject({ ok: true, verifiedThrough: null, anchored: true, checkedFrom: "0" });
    // one that claims Berth's key id carries a signature that does not verify
    await asSuperuser(db, `DELETE FROM "AuditCheckpoint"`);
    await db.pool.query(`INSERT INTO "AuditCheckpoint" (seq, hash, checked, "verifiedAt", "keyId", signature) VALUES (43, $1, 43, $2, $3, $4)`, [head, at, keyId, theirs.signature]);
    expect(await chainStatus(db.pool, K)).toMatchObject({ ok: false, break: { brokenAt: "43", reason: "checkpoint-signature" } });
    expect(await verifyChain(db.pool, K)).toMatchObject({ ok: false, reason: "checkpoint-signature" });
  });

  it("the export kept from before shows the rewrite: authentic offline, and no longer the trail's", async () => {
    expect((await offline(oldExport)).ok).toBe(true);
    // re-hashing changed every hash from event 12 on, the head's too
    expect(await verifyExport(chunksOf(oldExport), { trail: db.pool, keyring: testKeyring })).toMatchObject({ ok: false, reason: "head-not-in-trail", seq: "43" });
    const upTo11 = oldExport.split("\n").slice(0, 12);
    const meta = JSON.parse(upTo11[0]!);
    const prefix = [JSON.stringify({ ...meta, chainHeadSeq: "11", chainHeadHash: JSON.parse(upTo11[11]!).hash, checkpoint: null }), ...upTo11.slice(1)].join("\n");
    expect(await verifyExport(chunksOf(prefix), { trail: db.pool, keyring: testKeyring })).toMatchObject({ ok: true, rows: 11 });
    const event12 = oldExport.split("\n")[12]!;
    expect(JSON.parse(event12).actorName).toBe("Alice");
  });
});

describe("npm run audit:verify", () => {
  const file = path.join(dir, "events.jsonl");
  beforeAll(async () => {
    const fresh = await createTestDatabase();
    try {
      await bulkAppend(fresh.pool, [drafts(1, 5)]);
      await verifyChain(fresh.pool, { ...K, record: true });
      await bulkAppend(fresh.pool, [drafts(6, 2)]);
      fs.writeFileSync(file, await collect(exportEvents(fresh.pool, {}, "jsonl", K)));
    } finally {
      await fresh.drop();
    }
  });

  it("checks an export offline with --public-key, and refuses it under another key or doctored", async () => {
    const ok = await verifyScript(["--offline", "--export", file, "--public-key", publicKey]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain(`Checking ${file} without the database, against key ${keyId}`);
    expect(ok.out).toMatch(/export: {3}OK events jsonl, 7 rows, cut at chain head 7 \([0-9a-f]{64}\); every event re-hashes to its own hash; the file is the whole chain from the first event/);
    expect(ok.out).toMatch(new RegExp(`signature: the checkpoint of event 5 \\(\\S+\\) verifies under key ${keyId}: events 1–5 of this file are covered by it; the 2 later events are linked to it but not signed`));

    const wrong = await verifyScript(["--offline", "--export", file, "--public-key", otherKey().publicKey]);
    expect(wrong.code).toBe(1);
    expect(wrong.out).toMatch(/MISMATCH at line 1 \(event 5\): unknown-key/);

    const doctored = path.join(dir, "doctored.jsonl");
    fs.writeFileSync(doctored, fs.readFileSync(file, "utf8").replace('"actorName":"Alice"', '"actorName":"Mallory"'));
    const changed = await verifyScript(["--offline", "--export", doctored, "--public-key", publicKey]);
    expect(changed.code).toBe(1);
    expect(changed.out).toMatch(/MISMATCH at line 2 \(event 1\): hash-mismatch/);

    const noKey = await verifyScript(["--offline", "--export", file]);
    expect(noKey.code).toBe(2);
    expect(noKey.out).toContain("--offline needs the public key");
  }, 180_000);

  it("records a signed checkpoint only with the signing key; --no-record verifies without it", async () => {
    const fresh = await createTestDatabase();
    try {
      await bulkAppend(fresh.pool, [drafts(1, 3)]);
      const noKey = await verifyScript([], { DATABASE_URL: fresh.url });
      expect(noKey.code).toBe(2);
      expect(noKey.out).toContain("BERTH_AUDIT_SIGNING_KEY is not set");
      const verifyOnly = await verifyScript(["--no-record"], { DATABASE_URL: fresh.url });
      expect(verifyOnly.code).toBe(0);
      const signed = await verifyScript([], { DATABASE_URL: fresh.url, BERTH_AUDIT_SIGNING_KEY: TEST_AUDIT_SIGNING_KEY });
      expect(signed.code).toBe(0);
      expect(signed.out).toContain(`OK: the chain is unbroken from genesis to event 3 (checkpoint signed with key ${keyId} recorded).`);
      const again = await verifyScript(["--no-record", "--public-key", publicKey], { DATABASE_URL: fresh.url });
      expect(again.out).toMatch(new RegExp(`checkpoints: 1 signed by trusted keys \\(newest: event 3, \\S+, key ${keyId}\\)`));
    } finally {
      await fresh.drop();
    }
  }, 180_000);
});
