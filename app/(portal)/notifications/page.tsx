import type { Metadata } from "next";
import Link from "next/link";
import { DeliveryAttempts } from "@/components/notify/delivery-attempts";
import { answerText, DELIVERY_STATE_LABEL, SINK_LABEL } from "@/components/notify/delivery-format";
import { RetryDeliveryButton } from "@/components/notify/retry-delivery-button";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/field";
import { FilterBar, FilterField, fieldAria } from "@/components/ui/filter-bar";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { RelativeTime } from "@/components/ui/relative-time";
import { StateBadge } from "@/components/ui/state-badge";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { searchParamsToObject } from "@/lib/audit";
import { requirePagePrincipal } from "@/lib/authz/guards";
import { can } from "@/lib/authz/permissions";
import { database } from "@/lib/db";
import { MESSAGE_KINDS } from "@/lib/notify";
import { DELIVERY_SINKS, DELIVERY_STATES, deliveryLog, parseDeliveryLogQuery, type DeliveryLogFilters } from "@/lib/notify/queries";

export const metadata: Metadata = { title: "Notification deliveries" };

const FILTER_KEYS = ["sink", "state", "kind", "target"] as const satisfies readonly (keyof DeliveryLogFilters)[];

// a message's link is a path in the portal; anything else is shown as text
const portalPath = (link: string | null) => (link && /^\/(?![/\\])/.test(link) ? link : null);

export default async function NotificationDeliveriesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const principal = await requirePagePrincipal("notify:read-log");
  const { filters, raw, cursor, errors, cursorIgnored } = parseDeliveryLogQuery(searchParamsToObject(await searchParams));
  const { rows, nextCursor, prevCursor } = await deliveryLog(database().pool, filters, { cursor });
  const mayRetry = can(principal, "notify:retry");

  const filterQuery = new URLSearchParams(FILTER_KEYS.flatMap((k) => (filters[k] === undefined ? [] : [[k, filters[k]]])));
  const filtered = filterQuery.size > 0;
  const link = (pageCursor?: string) => {
    const q = new URLSearchParams(filterQuery);
    if (pageCursor) q.set("cursor", pageCursor);
    return q.size ? `/notifications?${q.toString()}` : "/notifications";
  };
  const problems = Object.values(errors).flat();

  return (
    <>
      <PageHeader
        title="Notification deliveries"
        description="Every email, chat post and webhook call Berth made or is still trying, newest first: to whom, in what state, and what the receiver answered on each attempt. Channels and webhooks are named, never their addresses."
      />
      <FilterBar action="/notifications" clearHref={filtered || problems.length ? "/notifications" : undefined}>
        <FilterField label="Sink" htmlFor="f-sink" errors={errors.sink}>
          <Select id="f-sink" name="sink" defaultValue={filters.sink ?? ""} {...fieldAria("f-sink", errors.sink)}>
            <option value="">Any</option>
            {DELIVERY_SINKS.map((s) => <option key={s} value={s}>{SINK_LABEL[s]}</option>)}
          </Select>
        </FilterField>
        <FilterField label="State" htmlFor="f-state" errors={errors.state}>
          <Select id="f-state" name="state" defaultValue={filters.state ?? ""} {...fieldAria("f-state", errors.state)}>
            <option value="">Any</option>
            {DELIVERY_STATES.map((s) => <option key={s} value={s}>{DELIVERY_STATE_LABEL[s]}</option>)}
          </Select>
        </FilterField>
        <FilterField label="Message" htmlFor="f-kind" errors={errors.kind}>
          <Select id="f-kind" name="kind" defaultValue={filters.kind ?? ""} className="max-w-72" {...fieldAria("f-kind", errors.kind)}>
            <option value="">Any</option>
            {MESSAGE_KINDS.map((k) => <option key={k.kind} value={k.kind}>{k.label}</option>)}
          </Select>
        </FilterField>
        <FilterField label="To" htmlFor="f-target" errors={errors.target} help="Channel, webhook or person, exact">
          <Input id="f-target" name="target" defaultValue={raw.target ?? ""} {...fieldAria("f-target", errors.target, "Channel, webhook or person, exact")} />
        </FilterField>
      </FilterBar>
      {problems.length ? (
        <Alert tone="warning" className="mb-4" title="Some filters were not understood and were not applied">
          {problems.join(" ")}
        </Alert>
      ) : null}
      {cursorIgnored ? <Alert className="mb-4">The page link was not understood, so this is the first page.</Alert> : null}
      {rows.length === 0 ? (
        filtered || cursor ? (
          <EmptyState title="No delivery matches these filters" action={<Link href="/notifications" className={buttonClass("secondary")}>Clear filters</Link>}>
            Loosen the filters to see more.
          </EmptyState>
        ) : (
          <EmptyState title="No notifications sent yet">
            Deliveries appear here once something happens that someone is told about — a request submitted, approved or rejected — and email, chat channels or webhooks are set up (docs/notifications.md).
          </EmptyState>
        )
      ) : (
        <>
          <Table caption={`Notification deliveries${filtered ? " (filtered)" : ""}, newest first`}>
            <thead>
              <tr>
                <Th>When</Th>
                <Th>Message</Th>
                <Th>Sink</Th>
                <Th>To</Th>
                <Th>State</Th>
                <Th>Attempts</Th>
                <Th>Last answer</Th>
                {mayRetry ? <Th className="relative"><span className="sr-only">Actions</span></Th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => {
                const href = portalPath(d.link);
                const answer = answerText(d.sink, d.lastStatus, d.lastError);
                return (
                  <Tr key={d.id} data-testid="delivery-row" data-sink={d.sink} data-state={d.state}>
                    <Td><RelativeTime value={d.createdAt} /></Td>
                    <Td className="min-w-56">
                      <span className="block text-xs text-slate-600">{d.kindLabel}</span>
                      {href ? <Link href={href} className="font-medium">{d.title}</Link> : <span className="font-medium">{d.title}</span>}
                    </Td>
                    <Td>{SINK_LABEL[d.sink]}</Td>
                    <Td className="min-w-32" data-testid="delivery-recipient">
                      <span>{d.recipient}</span>
                      {d.address ? <span className="block font-mono text-xs text-slate-600">{d.address}</span> : null}
                    </Td>
                    <Td><StateBadge state={d.state} label={DELIVERY_STATE_LABEL[d.state]} /></Td>
                    <Td><DeliveryAttempts delivery={d} /></Td>
                    <Td className="min-w-28" data-testid="delivery-answer">
                      {answer ? <span className="whitespace-nowrap font-mono text-xs">{answer}</span> : <span className="text-slate-600">—</span>}
                      {d.lastError && d.lastError !== answer ? <span className="block text-xs text-red-800">{d.lastError}</span> : null}
                    </Td>
                    {mayRetry ? (
                      <Td className="relative whitespace-nowrap">
                        {d.state === "DEAD" ? <RetryDeliveryButton deliveryId={d.id} what={`${SINK_LABEL[d.sink].toLowerCase()} to ${d.recipient}: ${d.title}`} /> : null}
                      </Td>
                    ) : null}
                  </Tr>
                );
              })}
            </tbody>
          </Table>
          <Pager
            summary={`${rows.length} ${rows.length === 1 ? "delivery" : "deliveries"} on this page${prevCursor ? "" : nextCursor ? ", the newest" : ""}.`}
            first={{ label: "First page", href: prevCursor ? link() : null }}
            prev={{ label: "Previous page", href: prevCursor ? link(prevCursor) : null }}
            next={{ label: "Next page", href: nextCursor ? link(nextCursor) : null }}
          />
        </>
      )}
    </>
  );
}
