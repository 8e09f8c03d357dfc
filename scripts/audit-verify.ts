// npm run audit:verify [-- --export <file>] [-- --no-record]
// Walks the whole audit chain of DATABASE_URL and reports the first broken link (exit 1), or records a
// checkpoint for the auditor views (exit 0). With --export, also shows that an export file matches the trail.
import fs from "node:fs";
import pg from "pg";
import { verifyExport } from "../lib/audit/export-verify";
import { verifyChain } from "../lib/audit/verify";
import { toolEnv } from "../dev/tool-env";

function usage(): never {
  console.error("usage: npm run audit:verify [-- --export <file.csv|file.jsonl>] [--no-record]");
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
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === "--export") exportFile = args[++i] ?? usage();
  else if (a === "--no-record") record = false;
  else usage();
}

const url = toolEnv().DATABASE_URL;
if (!url) {
  console.error("audit:verify: DATABASE_URL is not set; set it to the database whose audit trail should be verified.");
  process.exit(2);
}

const pool = new pg.Pool({ connectionString: url, max: 2 });
pool.on("error", () => {}); // an idle connection dropped by the server is replaced on next use
let exitCode = 0;
try {
  console.log(`Verifying the audit chain in ${redacted(url)}`);
  let nextReport = 250_000;
  const result = await verifyChain(pool, {
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
  if (result.ok) {
    console.log(`OK: the chain is unbroken from genesis to event ${result.headSeq}${record && result.headSeq > 0n ? " (checkpoint recorded)" : ""}.`);
  } else {
    console.log(`BROKEN at event ${result.brokenAt} (${result.reason}): ${result.detail}`);
    exitCode = 1;
  }

  if (exportFile) {
    const started = performance.now();
    const check = await verifyExport(pool, fs.createReadStream(exportFile, { encoding: "utf8" }));
    const took = ((performance.now() - started) / 1000).toFixed(2);
    if (check.ok) {
      console.log(
        `export:   OK ${check.kind} ${check.format}, ${check.rows.toLocaleString("en-US")} rows, cut at chain head ${check.headSeq} (${check.headHash}), which is in the trail` +
          (check.kind === "events" ? `; every event matches the trail${check.completeChain ? " and the file is the whole chain" : ""}` : "") +
          ` (${took} s)`,
      );
    } else {
      console.log(`export:   MISMATCH at line ${check.line}${check.seq ? ` (event ${check.seq})` : ""}: ${check.reason}: ${check.detail}`);
      exitCode = 1;
    }
  }
} catch (error) {
  console.error(`audit:verify failed: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 2;
} finally {
  await pool.end();
}
process.exit(exitCode);
