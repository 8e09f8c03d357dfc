import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import type { CampaignSummary } from "@/lib/reviews/progress";
import { OUTCOME_LABELS, scopeText } from "./format";
import { Progress } from "./progress";

/** Campaigns with their progress; each links to its page (and, closed or not, its report). */
export function CampaignTable({ campaigns, linkTo = "campaign" }: { campaigns: CampaignSummary[]; linkTo?: "campaign" | "report" }) {
  return (
    <Table caption="Access review campaigns">
      <thead>
        <tr>
          <Th>Campaign</Th>
          <Th>Covers</Th>
          <Th>Progress</Th>
          <Th>Deadline</Th>
          <Th>At the deadline</Th>
        </tr>
      </thead>
      <tbody>
        {campaigns.map((c) => (
          <Tr key={c.id} data-testid="campaign-row">
            <Td className="min-w-44">
              <Link href={linkTo === "report" ? `/reviews/${c.id}/report` : `/reviews/${c.id}`} className="font-medium">#{c.number} {c.name}</Link>
              <span className="block text-xs text-slate-600">started <RelativeTime value={c.startedAt} /> by {c.startedByName}</span>
            </Td>
            <Td className="min-w-40 text-sm">{scopeText(c.scope, c.scopeValue, c.subjects)}</Td>
            <Td className="min-w-48"><Progress decided={c.decided} total={c.total} overdue={c.overdue} closed={c.closedAt !== null} /></Td>
            <Td>{c.closedAt ? <>closed <RelativeTime value={c.closedAt} /></> : <RelativeTime value={c.deadlineAt} />}</Td>
            <Td className="text-sm">{OUTCOME_LABELS[c.deadlineOutcome]}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
