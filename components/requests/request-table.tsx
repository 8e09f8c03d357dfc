import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import { StateBadge } from "@/components/ui/state-badge";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import type { RequestSummary } from "@/lib/governance/queries";

/** Requests as a table: number, what was asked, state, requester (optional), approvals, age. */
export function RequestTable({ caption, requests, showRequester = false }: { caption: string; requests: RequestSummary[]; showRequester?: boolean }) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>#</Th>
          <Th>Request</Th>
          <Th>State</Th>
          {showRequester ? <Th>Requester</Th> : null}
          <Th>Approvals</Th>
          <Th>Asked</Th>
        </tr>
      </thead>
      <tbody>
        {requests.map((r) => (
          <Tr key={r.id}>
            <Td className="font-mono text-xs text-slate-500">{r.number}</Td>
            <Td>
              <Link href={`/requests/${r.id}`} className="font-medium">{r.summary}</Link>
              <span className="block text-xs text-slate-500">{r.kindLabel}</span>
            </Td>
            <Td><StateBadge state={r.state} /></Td>
            {showRequester ? <Td>{r.requesterName}</Td> : null}
            <Td className="whitespace-nowrap">{r.approvals} of {r.requiredApprovals}</Td>
            <Td><RelativeTime value={r.createdAt} /></Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
