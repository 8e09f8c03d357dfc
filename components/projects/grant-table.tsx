import Link from "next/link";
import { GrantActions } from "@/components/grants/grant-actions";
import { GrantEnd } from "@/components/grants/grant-end";
import { permissionsText, subjectLabel } from "@/components/grants/format";
import { RelativeTime } from "@/components/ui/relative-time";
import { StateBadge } from "@/components/ui/state-badge";
import { Table, Td, Th, Tr } from "@/components/ui/table";

export interface ProjectGrant {
  id: string;
  subjectType: "GROUP" | "ROBOT";
  subjectName: string;
  projectName: string;
  harborRobotName: string | null;
  roleLabel: string;
  permissions: unknown;
  state: string;
  startsAt: Date | null;
  endsAt: Date | null;
  endedAt: Date | null;
  endReason: string | null;
  request: { id: string; number: number; requesterName: string; approvals: { approverName: string }[] };
}

/** A project's groups or robots with their grants: role, state, dates, the request behind each and what a manager may do. */
export function GrantTable({ grants, kind, caption, canManage, ownerGroup, now, warningDays }: { grants: ProjectGrant[]; kind: "GROUP" | "ROBOT"; caption: string; canManage: boolean; ownerGroup: string; now: Date; warningDays: number }) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>{kind === "GROUP" ? "Group" : "Robot"}</Th>
          <Th>{kind === "GROUP" ? "Role" : "Permissions"}</Th>
          <Th>State</Th>
          <Th>Start</Th>
          <Th>End</Th>
          <Th>Request</Th>
          <Th className="relative">{canManage ? "Actions" : <span className="sr-only">Actions</span>}</Th>
        </tr>
      </thead>
      <tbody>
        {grants.map((g) => (
          <Tr key={g.id} data-testid="grant-row">
            <Td className="font-medium">
              <span className={kind === "ROBOT" ? "whitespace-nowrap font-mono text-xs" : undefined}>{subjectLabel(g)}</span>
              {kind === "GROUP" && g.subjectName === ownerGroup ? <span className="ml-1.5 rounded bg-slate-100 px-1.5 text-xs font-normal text-slate-700">owner</span> : null}
            </Td>
            <Td className={kind === "ROBOT" ? "text-xs" : "whitespace-nowrap"}>{kind === "GROUP" ? g.roleLabel : permissionsText(g.permissions)}</Td>
            <Td><StateBadge state={g.state} /></Td>
            <Td><RelativeTime value={g.startsAt} /></Td>
            <Td>
              <GrantEnd grant={g} now={now} warningDays={warningDays} />
              {g.endReason && g.state !== "ACTIVE" ? <span className="block text-xs text-slate-600">{g.endReason}</span> : null}
            </Td>
            <Td className="min-w-40">
              <Link href={`/requests/${g.request.id}`} className="underline">#{g.request.number}</Link> <span className="text-slate-600">by {g.request.requesterName}</span>
              <span className="block text-xs text-slate-600">
                {g.request.approvals.length ? `approved by ${g.request.approvals.map((a) => a.approverName).join(", ")}` : "no approvals recorded"}
              </span>
            </Td>
            <Td><GrantActions grant={g} canManage={canManage} ownerGroup={ownerGroup} /></Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
