"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePollInterval } from "@/components/live-events";
import { Panel } from "@/components/ui/panel";
import { FreshnessBar } from "@/app/dashboard/_components/freshness-bar";
import { humanDuration, plural } from "@/app/dashboard/_components/format";
import { NumberCard } from "@/app/dashboard/_components/number-card";
import { NumberLink } from "@/app/dashboard/_components/number-link";
import { PerDayChart } from "@/app/dashboard/_components/per-day-chart";
import { SlaSection } from "@/app/dashboard/_components/sla-section";
import { fetchSnapshot, freshnessOf, type Snapshot } from "@/app/dashboard/_components/snapshot";
import { dashboardLinks, type LinkedNumber } from "@/server/read-models/dashboard/links";
import type { DurationStats } from "@/server/read-models/dashboard/dashboard-schema";

/**
 * While something is syncing, the projector's state is read every second until it is done.
 * Otherwise the pushed stream says when to read: its events, and its status messages, which
 * announce a change made elsewhere while it is still syncing (components/live-events.tsx).
 */
const SYNCING_POLL_MS = 1_000;

const panel = "grid content-start gap-3";
const heading = "text-lg font-semibold";
const cards = "grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5";

/**
 * The live part of the dashboard: starts from the server's read and refreshes the numbers and the
 * projector's state together on every pushed change and status (every second while something
 * syncs, or while nothing is pushed), saying plainly whether they are current.
 */
export function LiveDashboard({ initial }: { initial: Snapshot }) {
  const idlePoll = usePollInterval();
  const { data, error, isRefetchError } = useQuery({
    queryKey: ["dashboard-snapshot"],
    queryFn: fetchSnapshot,
    initialData: initial,
    refetchInterval: (query) =>
      query.state.data && query.state.data.projection.pending === 0 && !query.state.error
        ? idlePoll
        : SYNCING_POLL_MS,
    retry: false,
  });
  const freshness = freshnessOf(data, isRefetchError ? error : null);
  const links = dashboardLinks(data.dashboard);
  const { dashboard } = data;
  const updating = freshness.state !== "current";

  return (
    <div className="grid gap-6">
      <FreshnessBar snapshot={data} freshness={freshness} />

      {/* While updating, the cards' borders turn dashed: a cue beside the chip's words. */}
      <div
        aria-busy={updating}
        data-testid="numbers"
        className="grid gap-6 [&[aria-busy=true]_a[data-metric]]:border-dashed"
      >
        <Panel aria-labelledby="status-heading" className={panel}>
          <h2 id="status-heading" className={heading}>
            All tickets
          </h2>
          <div className={cards}>
            <NumberCard metric="total" number={links.total} label="Total" />
            <NumberCard metric="byStatus.open" number={links.byStatus.open} label="Open" />
            <NumberCard metric="byStatus.triaged" number={links.byStatus.triaged} label="Triaged" />
            <NumberCard metric="byStatus.closed" number={links.byStatus.closed} label="Closed" />
            <NumberCard metric="withNotes" number={links.withNotes} label="With notes" />
          </div>
        </Panel>

        <Panel aria-labelledby="active-heading" className={panel}>
          <h2 id="active-heading" className={heading}>
            Active tickets <span className="font-normal">(open or triaged)</span>
          </h2>
          <div className={cards}>
            <NumberCard
              metric="byPriority.urgent"
              number={links.byPriority.urgent}
              label="Urgent"
            />
            <NumberCard metric="byPriority.high" number={links.byPriority.high} label="High" />
            <NumberCard
              metric="byPriority.normal"
              number={links.byPriority.normal}
              label="Normal"
            />
            <NumberCard metric="byPriority.low" number={links.byPriority.low} label="Low" />
            <NumberCard metric="unassigned" number={links.unassigned} label="Unassigned" />
            <NumberCard
              metric="awaitingReply"
              number={links.awaitingReply}
              label="Awaiting a reply"
              hint={
                dashboard.oldestAwaitingReply
                  ? `longest ${humanDuration(dashboard.oldestAwaitingReply.waitingMs)}`
                  : undefined
              }
            />
          </div>
          {dashboard.oldestAwaitingReply ? (
            <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="oldest-waiting">
              The customer who has waited longest wrote{" "}
              {humanDuration(dashboard.oldestAwaitingReply.waitingMs)} ago:{" "}
              <Link
                href={`/tickets/${dashboard.oldestAwaitingReply.ticketId}`}
                className="text-blue-800 underline dark:text-blue-300"
              >
                open that ticket
              </Link>
              .
            </p>
          ) : null}
        </Panel>

        <Panel aria-labelledby="sla-heading" className={panel}>
          <h2 id="sla-heading" className={heading}>
            Service levels <span className="font-normal">(SLA, last 30 days)</span>
          </h2>
          <SlaSection sla={dashboard.sla} />
        </Panel>

        <Panel aria-labelledby="tags-heading" className={panel}>
          <h2 id="tags-heading" className={heading}>
            Active tickets per tag
          </h2>
          {links.byTag.length === 0 ? (
            <p className="text-sm text-slate-700 dark:text-slate-300">
              No active ticket has a tag.
            </p>
          ) : (
            <ul className="flex flex-wrap gap-3 text-sm">
              {links.byTag.map((t) => (
                <li key={t.tag} className="flex items-center gap-2">
                  <span>{t.tag}</span>
                  <NumberLink
                    metric={`byTag.${t.tag}`}
                    number={t}
                    context={`active tickets tagged ${t.tag}`}
                  />
                </li>
              ))}
            </ul>
          )}
        </Panel>

        <div className="grid gap-6 lg:grid-cols-2">
          <Panel aria-labelledby="agents-heading" className={panel}>
            <h2 id="agents-heading" className={heading}>
              Active tickets per agent
            </h2>
            {links.byAssignee.length === 0 ? (
              <p className="text-sm text-slate-700 dark:text-slate-300">
                No active ticket is assigned to anyone.
              </p>
            ) : (
              <table className="w-full text-left text-sm">
                <thead>
                  <tr className="border-b border-slate-200 dark:border-slate-700">
                    <th scope="col" className="py-1 pr-4 font-medium">
                      Agent
                    </th>
                    <th scope="col" className="py-1 text-right font-medium">
                      Active tickets
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {links.byAssignee.map((a) => (
                    <tr
                      key={a.personId}
                      className="border-b border-slate-100 dark:border-slate-800"
                    >
                      <th scope="row" className="break-words py-1 pr-4 font-normal">
                        {a.assignee}
                      </th>
                      <td className="py-1 text-right">
                        <NumberLink
                          metric={`byAssignee.${a.personId}`}
                          number={a}
                          context={`active tickets assigned to ${a.assignee}`}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Panel>

          <Panel aria-labelledby="durations-heading" className={panel}>
            <h2 id="durations-heading" className={heading}>
              Time to triage, to close and to first response
            </h2>
            <p className="text-sm text-slate-700 dark:text-slate-300">
              Over tickets triaged, closed or first answered in the last 30 days, from when they
              were created. Estimates, within about 12%.
            </p>
            <Durations
              name="Time to triage"
              metric="timeToTriage"
              stats={dashboard.timeToTriage}
              population={links.timeToTriage}
              verb="triaged"
            />
            <Durations
              name="Time to close"
              metric="timeToClose"
              stats={dashboard.timeToClose}
              population={links.timeToClose}
              verb="closed"
            />
            <Durations
              name="First response"
              metric="firstResponse"
              stats={dashboard.firstResponse}
              population={links.firstResponse}
              verb="first answered"
            />
          </Panel>
        </div>

        <Panel aria-labelledby="first-response-heading" className={panel}>
          <h2 id="first-response-heading" className={heading}>
            First response per agent
          </h2>
          {links.firstResponseByAgent.length === 0 ? (
            <p className="text-sm text-slate-700 dark:text-slate-300">
              Nobody has written a first reply in the last 30 days.
            </p>
          ) : (
            <table className="w-full text-left text-sm">
              <thead>
                <tr className="border-b border-slate-200 dark:border-slate-700">
                  <th scope="col" className="py-1 pr-4 font-medium">
                    Agent
                  </th>
                  <th scope="col" className="py-1 pr-4 text-right font-medium">
                    Median
                  </th>
                  <th scope="col" className="py-1 pr-4 text-right font-medium">
                    90th percentile
                  </th>
                  <th scope="col" className="py-1 text-right font-medium">
                    Tickets
                  </th>
                </tr>
              </thead>
              <tbody>
                {dashboard.firstResponseByAgent.map((a, i) => {
                  const number = links.firstResponseByAgent[i]!;
                  return (
                    <tr
                      key={a.personId}
                      className="border-b border-slate-100 dark:border-slate-800"
                    >
                      <th scope="row" className="break-words py-1 pr-4 font-normal">
                        {a.name}
                      </th>
                      <td className="py-1 pr-4 text-right">
                        {a.p50Ms === null ? "–" : humanDuration(a.p50Ms)}
                      </td>
                      <td className="py-1 pr-4 text-right">
                        {a.p90Ms === null ? "–" : humanDuration(a.p90Ms)}
                      </td>
                      <td className="py-1 text-right">
                        <NumberLink
                          metric={`firstResponseByAgent.${a.personId}`}
                          number={number}
                          context={`tickets ${a.name} answered first in the last 30 days`}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </Panel>

        <Panel aria-labelledby="per-day-heading" className={panel}>
          <h2 id="per-day-heading" className={heading}>
            Created vs closed per day
          </h2>
          <PerDayChart
            id="per-day"
            title="Tickets created and closed per day, last 30 UTC days"
            tableLabel="Show the numbers per day"
            series={[
              {
                name: "Created",
                counted: (n) => `${n} created`,
                busiest: "Most created",
                swatch: "bg-sky-600 dark:bg-sky-400",
                fill: "fill-sky-600 dark:fill-sky-400",
                days: links.perDay.map(({ day, created }) => ({ day, number: created })),
                metric: (day) => `perDay.${day}.created`,
                context: (day) => `tickets created on ${day}`,
              },
              {
                name: "Closed",
                counted: (n) => `${n} closed`,
                busiest: "Most closed",
                swatch: "bg-orange-600 dark:bg-orange-400",
                fill: "fill-orange-600 dark:fill-orange-400",
                days: links.perDay.map(({ day, closed }) => ({ day, number: closed })),
                metric: (day) => `perDay.${day}.closed`,
                context: (day) => `tickets closed on ${day}`,
              },
            ]}
          />
        </Panel>
      </div>
    </div>
  );
}

function Durations({
  name,
  metric,
  stats,
  population,
  verb,
}: {
  name: string;
  metric: string;
  stats: DurationStats;
  population: LinkedNumber;
  verb: string;
}) {
  const tickets = `the ${plural(stats.count, "ticket")} ${verb} in the last 30 days`;
  return (
    <div className="grid gap-1">
      <h3 className="font-medium">{name}</h3>
      {stats.count === 0 || stats.p50Ms === null || stats.p90Ms === null ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">
          No ticket {verb} in the last 30 days (
          <NumberLink metric={`${metric}.count`} number={population} context={`tickets ${verb}`} />
          ).
        </p>
      ) : (
        <dl className="grid grid-cols-3 gap-2 text-sm">
          <div>
            <dt className="text-slate-700 dark:text-slate-300">Median</dt>
            <dd className="text-lg font-semibold">
              <NumberLink metric={`${metric}.p50`} number={population} context={`over ${tickets}`}>
                {humanDuration(stats.p50Ms)}
              </NumberLink>
            </dd>
          </div>
          <div>
            <dt className="text-slate-700 dark:text-slate-300">90th percentile</dt>
            <dd className="text-lg font-semibold">
              <NumberLink metric={`${metric}.p90`} number={population} context={`over ${tickets}`}>
                {humanDuration(stats.p90Ms)}
              </NumberLink>
            </dd>
          </div>
          <div>
            <dt className="text-slate-700 dark:text-slate-300">Tickets</dt>
            <dd className="text-lg font-semibold">
              <NumberLink metric={`${metric}.count`} number={population} context={tickets} />
            </dd>
          </div>
        </dl>
      )}
    </div>
  );
}
