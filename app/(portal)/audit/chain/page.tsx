import type { Metadata } from "next";
import { shortHash } from "@/components/audit/format";
import { VerifyChainPanel } from "@/components/audit/verify-chain-panel";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { env } from "@/lib/env";
import { auditKeyring, publishedKeys } from "@/lib/audit/signing";
import { loadChainStatus } from "@/lib/audit/summary";
import { requirePagePrincipal } from "@/lib/authz/guards";

export const metadata: Metadata = { title: "Chain" };

export default async function ChainPage() {
  await requirePagePrincipal("audit:read", { otherwise: "not-found" });
  const status = await loadChainStatus();
  const verifyHours = env().BERTH_AUDIT_VERIFY_HOURS;
  const ring = auditKeyring();
  const keys = publishedKeys(ring);
  return (
    <>
      <PageHeader title="Can the record be trusted?" description="The evidence trail is one append-only table in which every event carries the hash of the one before it. Changing, removing or reordering any event breaks the chain from that point." />
      <div className="grid gap-5 lg:grid-cols-2">
        <Card aria-labelledby="verify-heading">
          <CardHeader id="verify-heading" title="Verify now" />
          <CardBody>
            <VerifyChainPanel />
          </CardBody>
        </Card>
        <Card aria-labelledby="state-heading">
          <CardHeader id="state-heading" title="Where the chain stands" />
          <CardBody>
            {status ? (
              <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[11rem_1fr] sm:gap-y-2">
                <dt className="text-slate-500">Last event</dt>
                <dd>#{status.headSeq}</dd>
                <dt className="text-slate-500">Head hash</dt>
                <dd className="break-all font-mono text-xs" data-testid="head-hash">{status.headHash}</dd>
                <dt className="text-slate-500">Verified through</dt>
                <dd data-testid="verified-through">
                  {status.verifiedThrough ? (
                    <>
                      event #{status.verifiedThrough.seq}, by a full walk at <RelativeTime value={status.verifiedThrough.verifiedAt} mode="absolute" />{" "}
                      <span className="text-slate-600">
                        (hash <span className="font-mono text-xs">{shortHash(status.verifiedThrough.hash)}</span>, checkpoint signed with key <span className="font-mono text-xs">{status.verifiedThrough.keyId}</span>)
                      </span>
                    </>
                  ) : (
                    "no signed checkpoint yet"
                  )}
                </dd>
                <dt className="text-slate-500">Automatic full walk</dt>
                <dd>{verifyHours > 0 ? `every ${verifyHours === 1 ? "hour" : `${verifyHours} hours`} (this server's setting); a break it finds is recorded as an event and shown on every audit page` : "off on this server (BERTH_AUDIT_VERIFY_HOURS=0)"}</dd>
                <dt className="text-slate-500">This page&apos;s check</dt>
                <dd>
                  {status.break ? (
                    `stopped at the break at event #${status.break.brokenAt} (above); it stands until a full walk passes.`
                  ) : (
                    <>
                      {status.checked} {status.checked === 1 ? "event" : "events"} after event #{status.checkedFrom}
                      {status.anchored ? (status.checkedFrom === "0" ? ", from the first event" : ", continuing from the signed checkpoint") : ", not anchored: verify the whole chain to cover the events before them"}.
                    </>
                  )}
                </dd>
              </dl>
            ) : (
              <p className="text-sm text-slate-600">The trail could not be read just now.</p>
            )}
          </CardBody>
        </Card>
        <Card aria-labelledby="keys-heading">
          <CardHeader id="keys-heading" title="Signing key" />
          <CardBody className="space-y-2 text-sm text-slate-700">
            <p>
              Every full verification records a checkpoint (event number, hash, time) signed with an Ed25519 key that lives in Berth&apos;s configuration, not in the database. Whoever can rewrite the tables can re-hash the chain but cannot sign
              for it, and the checkpoints signed before no longer match it.
            </p>
            <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[11rem_1fr]" data-testid="signing-keys">
              {keys.map((k) => (
                <div key={k.keyId} className="contents">
                  <dt className="text-slate-500">{k.keyId === ring.signer?.keyId ? "Signs new checkpoints" : "Retired, still trusted"}</dt>
                  <dd>
                    key id <span className="font-mono text-xs" data-testid="signing-key-id">{k.keyId}</span>
                    <span className="mt-0.5 block break-all font-mono text-xs" data-testid="signing-public-key">{k.publicKey}</span>
                  </dd>
                </div>
              ))}
            </dl>
            <p>The public key (base64 of its SPKI form) is also in the first line of every export. Keep a copy outside Berth: it is what an offline check of an export needs.</p>
          </CardBody>
        </Card>
        <Card aria-labelledby="guard-heading">
          <CardHeader id="guard-heading" title="Why events cannot be rewritten" />
          <CardBody className="space-y-2 text-sm text-slate-700">
            <p>
              Each event is written in the same database transaction as the change it records, so a change without its event cannot happen. Berth&apos;s own database role may only read and append to the trail; the database refuses{" "}
              <code>UPDATE</code>, <code>DELETE</code> and <code>TRUNCATE</code> on events to everyone else too (triggers), and refuses malformed hashes.
            </p>
            <p>
              A break can therefore only come from outside Berth: the tables&apos; owner or a superuser switching those triggers off, or a restored or edited backup. The verification names the first event where the chain no longer holds. Someone
              who rewrites events and re-hashes everything after them still cannot sign: the signed checkpoints no longer match, and exports kept elsewhere show what the trail said.
            </p>
          </CardBody>
        </Card>
        <Card aria-labelledby="export-heading">
          <CardHeader id="export-heading" title="Verifying an export later" />
          <CardBody className="space-y-2 text-sm text-slate-700">
            <p>
              Every export starts with the chain head it was cut at, the public key and the newest signed checkpoint at or before that head: <code className="break-all">chain-head-seq</code>, <code className="break-all">public-key</code> and{" "}
              <code className="break-all">checkpoint-…</code> in the first line of a CSV file, <code>chainHeadSeq</code>, <code>signingKey</code> and <code>checkpoint</code> in the first line of a JSON Lines file.
            </p>
            <p>
              Without the database, anyone checks a file against the public key: <code className="break-all">npm run audit:verify -- --offline --export &lt;file&gt; --public-key &lt;key&gt;</code>. With it, an operator runs{" "}
              <code className="break-all">npm run audit:verify -- --export &lt;file&gt;</code>, which also shows that each exported event still has its hash in the trail. The details are in <code>docs/audit.md</code>, &ldquo;Verifying an export&rdquo;.
            </p>
          </CardBody>
        </Card>
      </div>
    </>
  );
}
