import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { describeFinding, type DriftReport } from "@/lib/core/drift";

/** Harbor's live members and robots against the approved grants ("Harbor differs from what was approved"). */
export function DriftCard({ report, unavailable, checkedAt, backgroundCheck = false }: { report: DriftReport | null; unavailable: string | null; checkedAt: Date | null; backgroundCheck?: boolean }) {
  const differs = !!report?.findings.length;
  return (
    <Card aria-labelledby="drift-heading" data-testid="drift">
      <CardHeader id="drift-heading" title={differs ? "Harbor differs from what was approved" : "Harbor compared with the approvals"} description="Harbor's members and robots, read live, against the active grants in Berth." />
      <CardBody className="space-y-2 text-sm">
        {unavailable ? (
          <p className="text-slate-700" role="status">Not compared: {unavailable}</p>
        ) : !report ? null : differs ? (
          <Alert tone="warning" title={`${report.findings.length} difference${report.findings.length === 1 ? "" : "s"}`}>
            <ul className="list-disc space-y-1 pl-5">
              {report.findings.map((f, i) => (
                <li key={i} data-testid="drift-finding">{describeFinding(f)}</li>
              ))}
            </ul>
            <p className="mt-2">Someone changed Harbor directly, or a provisioning step did not finish. Approvers can revoke or retry. Changes made only in Harbor leave no request behind{backgroundCheck ? <>; Berth&rsquo;s background check records each new difference it finds in the audit trail (project.drift.found)</> : null}.</p>
          </Alert>
        ) : (
          <p className="text-green-800">Harbor matches what was approved.</p>
        )}
        {report?.explained.length ? (
          <p className="text-slate-600">Also in Harbor, as expected: {report.explained.map((e) => `${e.name} (${e.why})`).join("; ")}.</p>
        ) : null}
        {checkedAt && !unavailable ? <p className="text-xs text-slate-500">Checked <RelativeTime value={checkedAt} />.</p> : null}
      </CardBody>
    </Card>
  );
}
