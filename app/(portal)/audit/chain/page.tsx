import type { Metadata } from "next";
import { shortHash } from "@/components/audit/format";
import { VerifyChainPanel } from "@/components/audit/verify-chain-panel";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { env } from "@/lib/env";
import { loadChainStatus } from "@/lib/audit/summary";
import { requirePagePrincipal } from "@/lib/authz/guards";

export const metadata: Metadata = { title: "Chain" };

export default async function ChainPage() {
  await requirePagePrincipal("audit:read", { otherwise: "not-found" });
  const status = await loadChainStatus();
  const verifyHours = env().BERTH_AUDIT_VERIFY_HOURS;
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
                <dt className="text-slate-500">Last full verification</dt>
                <dd>
                  {status.lastFullVerification ? (
                    <>
                      up to event #{status.lastFullVerification.seq}, <RelativeTime value={status.lastFullVerification.verifiedAt} mode="absolute" />{" "}
                      <span className="text-slate-600">(hash <span className="font-mono text-xs">{shortHash(status.lastFullVerification.hash)}</span>)</span>
                    </>
                  ) : (
                    "none recorded yet"
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
                      {status.anchored ? ", continuing from a verified point" : ", not anchored: verify the whole chain to cover the rest"}.
                    </>
                  )}
                </dd>
              </dl>
            ) : (
              <p className="text-sm text-slate-600">The trail could not be read just now.</p>
            )}
          </CardBody>
        </Card>
        <Card aria-labelledby="guard-heading">
          <CardHeader id="guard-heading" title="Why events cannot be rewritten" />
          <CardBody className="space-y-2 text-sm text-slate-700">
            <p>
              Each event is written in the same database transaction as the change it records, so a change without its event cannot happen. The database itself refuses <code>UPDATE</code>, <code>DELETE</code> and{" "}
              <code>TRUNCATE</code> on events (triggers), and refuses malformed hashes.
            </p>
            <p>A break can therefore only come from outside Berth: someone with superuser rights disabling those triggers, or a restored or edited backup. The verification names the first event where the chain no longer holds.</p>
          </CardBody>
        </Card>
        <Card aria-labelledby="export-heading">
          <CardHeader id="export-heading" title="Verifying an export later" />
          <CardBody className="space-y-2 text-sm text-slate-700">
            <p>
              Every export starts with the chain head it was cut at: <code className="break-all">chain-head-seq</code> and <code className="break-all">chain-head-hash</code> in the first line of a CSV file, <code>chainHeadSeq</code> and{" "}
              <code>chainHeadHash</code> in the first line of a JSON Lines file.
            </p>
            <p>
              An operator runs <code className="break-all">npm run audit:verify -- --export &lt;file&gt;</code>: it checks that the head in the file is an event of this trail with that hash and, for event exports, that each exported event still hashes to its stored value.
              Keep the head hash somewhere outside Berth (a ticket, a signed mail): that is what makes a wholesale rewrite detectable. The details are in <code>docs/audit.md</code>, &ldquo;Verifying an export against the trail&rdquo;.
            </p>
          </CardBody>
        </Card>
      </div>
    </>
  );
}
