// npm run audit:verify [-- --export <file>] [--no-record] [--public-key <key>]…
// npm run audit:verify -- --offline --export <file> --public-key <key> [--public-key <key>]…
// Walks the whole audit chain of DATABASE_URL, checks the checkpoints' signatures and reports the first broken link
// (exit 1), or records a signed checkpoint (exit 0). With --export, also shows that an export file matches the trail.
// With --offline, checks an export file on its own against the public keys, without any database (docs/audit.md).
import fs from "node:fs";
import pg from "pg";
import { verifyExport, type ExportVerification } from "../lib/audit/export-verify";
import { AuditKeyError, keyring, type AuditKeyring } from "../lib/audit/signing";
import { verifyChain } from "../lib/audit/verify";
import { toolEnv } from "../dev/tool-env";

function usage(message?: string): never {
  if (message) console.error(`audit:verify: ${message}`);
  console.error("usage: npm run audit:verify [-- --export <file.csv|file.jsonl>] [--no-record] [--public-key <base64 SPKI>]…");
  console.error("       npm run audit:verify -- --offline --export <file> --public-key <base64 SPKI> [--public-key <key>]…");
  process.exit(2);
}

function redacted(url: string) {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

const args = process.argv.slice(2);
let exportFile: string | undefined;
let record = true;
let offline = false;
const publicKeys: string[] = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === "--export") exportFile = args[++i] ?? usage("--export needs a file");
  else if (a === "--no-record") record = false;
  else if (a === "--offline") offline = true;
  else if (a === "--public-key") publicKeys.push(args[++i] ?? usage("--public-key needs a key"));
  else usage(`unknown argument ${a}`);
}

const tool = toolEnv();
let ring: AuditKeyring;
try {
  // offline, only the keys given on the command line count: the file's own key proves nothing
  ring = offline
    ? keyring({ publicKeys })
    : keyring({ privateKey: tool.BERTH_AUDIT_SIGNING_KEY, publicKeys: [...(tool.BERTH_AUDIT_PUBLIC_KEYS?.split(",").map((k) => k.trim()).filter(Boolean) ?? []), ...publicKeys] });
} catch (e) {
  usage(e instanceof AuditKeyError ? `a key ${e.message}` : String(e));
}

function reportExport(check: ExportVerification, took: string): boolean {
  if (!check.ok) {
    console.log(`export:   MISMATCH at line ${check.line}${check.seq ? ` (event ${check.seq})` : ""}: ${check.reason}: ${check.detail}`);
    return false;
  }
  const parts = [`${check.kind} ${check.format}, ${check.rows.toLocaleString("en-US")} rows, cut at chain head ${check.headSeq} (${check.headHash})`];
  if (!offline) parts.push("which is in the trail");
  if (check.kind === "events") parts.push(offline ? "every event re-hashes to its own hash" : "every event matches the trail");
  if (check.completeChain) parts.push("the file is the whole chain from the first event");
  console.log(`export:   OK ${parts.join("; ")} (${took} s)`);
  const s = check.signature;
  if (s.state === "absent") {
    console.log("signature: none — the trail had no signed checkpoint at or before this head");
  } else if (check.kind === "grants") {
    console.log(`signature: the checkpoint of event ${s.checkpointSeq} (${s.checkpointAt}) verifies under key ${s.keyId}; grant rows are current state, not hashed, so it proves the checkpoint only`);
  } else if (s.coversThrough) {
    console.log(
      `signature: the checkpoint of event ${s.checkpointSeq} (${s.checkpointAt}) verifies under key ${s.keyId}: events 1–${s.coversThrough} of this file are covered by it` +
        (s.after ? `; the ${s.after} later ${s.after === 1 ? "event is" : "events are"} linked to it but not signed` : ""),
    );
  } else {
    console.log(
      `signature: the checkpoint of event ${s.checkpointSeq} (${s.checkpointAt}) verifies under key ${s.keyId}` +
        (s.checkpointEventInFile ? "; that event is in this filtered file with the signed hash, the other rows are checked only against their own hashes" : "; its event is not in this filtered file, so it proves the checkpoint only — compare the rows with the trail (without --offline)"),
    );
  }
  return true;
}

if (offline) {
  if (!exportFile) usage("--offline checks an export file: give --export <file>");
  if (ring.trusted.size === 0) usage("--offline needs the public key to check against: --public-key <base64 SPKI> (the chain page shows it)");
  console.log(`Checking ${exportFile} without the database, against key ${[...ring.trusted.keys()].join(", ")}`);
  const started = performance.now();
  let ok = false;
  try {
    ok = reportExport(await verifyExport(fs.createReadStream(exportFile, { encoding: "utf8" }), { keyring: ring, requireSignature: true }), ((performance.now() - started) / 1000).toFixed(2));
  } catch (error) {
    console.error(`audit:verify failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
  process.exit(ok ? 0 : 1);
}

const url = tool.DATABASE_URL;
if (!url) usage("DATABASE_URL is not set; set it to the database whose audit trail should be verified (or check a file with --offline).");
if (record && !ring.signer) usage("BERTH_AUDIT_SIGNING_KEY is not set: a passing walk records a signed checkpoint. Set it (the key the web tier and worker use) or pass --no-record.");

const pool = new pg.Pool({ connectionString: url, max: 2 });
pool.on("error", () => {}); // an idle connection dropped by the server is replaced on next use
let exitCode = 0;
try {
  console.log(`Verifying the audit chain in ${redacted(url)}`);
  let nextReport = 250_000;
  const result = await verifyChain(pool, {
    keyring: ring,
    record,
    onProgress: (checked) => {
      if (checked >= nextReport) {
        console.error(`  … ${checked.toLocaleString("en-US")} events`);
        nextReport += 250_000;
      }
    },
  });
  const seconds = result.durationMs / 1000;
  console.log(`checked:  ${result.checked.toLocaleString("en-US")} events in ${seconds.toFixed(2)} s (${Math.round(result.checked / Math.max(seconds, 1e-3)).toLocaleString("en-US")} events/s)`);
  console.log(`head:     seq ${result.headSeq} hash ${result.headHash}`);
  const cps = result.checkpoints;
  const newest = cps.newestValid;
  console.log(
    `checkpoints: ${cps.valid} signed by trusted keys${newest ? ` (newest: event ${newest.seq}, ${newest.verifiedAt.toISOString()}, key ${newest.keyId})` : ""}` +
      (cps.unsigned ? `; ${cps.unsigned} unsigned, ignored (from before signing, or not written by Berth)` : "") +
      (cps.unknownKey ? `; ${cps.unknownKey} signed by keys not trusted here, ignored (add their public keys to BERTH_AUDIT_PUBLIC_KEYS or --public-key)` : ""),
  );
  if (result.ok) {
    console.log(`OK: the chain is unbroken from genesis to event ${result.headSeq}${record && result.headSeq > 0n ? ` (checkpoint signed with key ${ring.signer!.keyId} recorded)` : ""}.`);
  } else {
    console.log(`BROKEN at event ${result.brokenAt} (${result.reason}): ${result.detail}`);
    exitCode = 1;
  }

  if (exportFile) {
    const started = performance.now();
    const check = await verifyExport(fs.createReadStream(exportFile, { encoding: "utf8" }), { trail: pool, keyring: ring });
    if (!reportExport(check, ((performance.now() - started) / 1000).toFixed(2))) exitCode = 1;
  }
} catch (error) {
  console.error(`audit:verify failed: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 2;
} finally {
  await pool.end();
}
process.exit(exitCode);
