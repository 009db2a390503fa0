import type { ReactNode } from "react";
import { NumberCard } from "@/app/dashboard/_components/number-card";
import { NumberLink } from "@/app/dashboard/_components/number-link";
import { PerDayChart } from "@/app/dashboard/_components/per-day-chart";
import { slaLinks, type SlaLinks } from "@/server/read-models/sla/links";
import type { SlaDashboard } from "@/server/read-models/sla/schema";

const TARGETS = [
  ["firstResponse", "First response", "first-response"],
  ["nextResponse", "Next response", "next-response"],
  ["resolution", "Resolution", "resolution"],
] as const;
const PRIORITIES = [
  ["urgent", "Urgent"],
  ["high", "High"],
  ["normal", "Normal"],
  ["low", "Low"],
] as const;

/** "66.6%": rounded down, so a target missed even once never reads 100%. */
const percentText = (percent: number) => `${(Math.floor(percent * 10) / 10).toLocaleString("en")}%`;

/** The share met, linking to the tickets it is a share of; a dash when there are none. */
function Percent({ metric, outcome, what }: { metric: string; outcome: Outcome; what: string }) {
  if (outcome.percentMet === null) {
    return (
      <span data-metric={metric}>
        <span aria-hidden="true">–</span>
        <span className="sr-only">none of {what} counted yet</span>
      </span>
    );
  }
  return (
    <NumberLink metric={metric} number={outcome.all} context={`of ${what} met`}>
      {percentText(outcome.percentMet)}
    </NumberLink>
  );
}

type Outcome = SlaLinks["targets"]["firstResponse"]["byPriority"][string];

const th = "py-1 pr-3 font-medium";
const td = "py-1 pr-3 text-right tabular-nums";

/** One row of a breakdown: who or what, the share met, and the met and breached tickets. */
function OutcomeRow({
  name,
  metric,
  outcome,
  what,
}: {
  name: string;
  metric: string;
  outcome: Outcome;
  what: string;
}) {
  return (
    <tr className="border-b border-slate-100 dark:border-slate-800">
      <th scope="row" className="break-words py-1 pr-3 font-normal">
        {name}
      </th>
      <td className={td}>
        <Percent metric={`${metric}.percentMet`} outcome={outcome} what={what} />
      </td>
      <td className={td}>
        <NumberLink metric={`${metric}.met`} number={outcome.met} context={`${what} met`} />
      </td>
      <td className={td}>
        <NumberLink
          metric={`${metric}.breached`}
          number={outcome.breached}
          context={`${what} breached`}
        />
      </td>
    </tr>
  );
}

function Breakdown({
  caption,
  first,
  children,
}: {
  caption: string;
  first: string;
  children: ReactNode;
}) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="mb-1 text-left font-medium">{caption}</caption>
      <thead className="text-xs text-slate-700 dark:text-slate-300">
        <tr className="border-b border-slate-200 dark:border-slate-700">
          <th scope="col" className={th}>
            {first}
          </th>
          <th scope="col" className={`${th} text-right`}>
            % met
          </th>
          <th scope="col" className={`${th} text-right`}>
            Met
          </th>
          <th scope="col" className={`${th} text-right`}>
            Breached
          </th>
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

function TargetFigures({
  target,
  name,
  id,
  figures,
}: {
  target: string;
  name: string;
  id: string;
  figures: SlaLinks["targets"]["firstResponse"];
}) {
  const what = `${name.toLowerCase()} targets in the last 30 days`;
  const metric = `sla.${target}`;
  const priorities = PRIORITIES.filter(([p]) => (figures.byPriority[p]?.all.value ?? 0) > 0);
  return (
    <section
      aria-labelledby={`sla-${id}`}
      data-sla-target={target}
      className="grid content-start gap-3 rounded-lg border border-slate-200 p-3 dark:border-slate-800"
    >
      <h3 id={`sla-${id}`} className="font-semibold">
        {name}
      </h3>
      <div className="text-sm">
        <p>
          <span className="text-3xl font-semibold">
            <Percent metric={`${metric}.percentMet`} outcome={figures} what={what} />
          </span>{" "}
          met
        </p>
        <p className="mt-1 text-slate-700 dark:text-slate-300">
          <NumberLink metric={`${metric}.met`} number={figures.met} context={`${what} met`} /> met ·{" "}
          <NumberLink
            metric={`${metric}.breached`}
            number={figures.breached}
            context={`${what} breached`}
          />{" "}
          breached
        </p>
      </div>
      {figures.all.value === 0 ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">
          No ticket met or missed this target in the last 30 days.
        </p>
      ) : (
        <>
          <Breakdown caption="By priority" first="Priority">
            {priorities.map(([priority, label]) => (
              <OutcomeRow
                key={priority}
                name={label}
                metric={`${metric}.byPriority.${priority}`}
                outcome={figures.byPriority[priority]!}
                what={`${what}, ${priority} tickets`}
              />
            ))}
          </Breakdown>
          <Breakdown caption="By agent (the assignee)" first="Agent">
            {figures.byAgent.map((a) => (
              <OutcomeRow
                key={a.personId ?? "unassigned"}
                name={a.agent}
                metric={`${metric}.byAgent.${a.personId ?? "unassigned"}`}
                outcome={a}
                what={`${what}, ${a.personId ? `tickets of ${a.agent}` : "unassigned tickets"}`}
              />
            ))}
          </Breakdown>
        </>
      )}
    </section>
  );
}

/**
 * The promises kept: per target, the share met in the last 30 days, by priority and by agent;
 * breaches per day; what is at risk or breached now. Every number links to the list filtered to
 * exactly its tickets (`slaLinks`).
 */
export function SlaSection({ sla }: { sla: SlaDashboard }) {
  const links = slaLinks(sla);
  return (
    <div className="grid gap-4" data-testid="sla-figures">
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Targets met or breached from {sla.window.from} to {sla.window.to} (UTC), as the clocks of
        SLA policy version {sla.policyVersion} count them.
      </p>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
        <NumberCard
          metric="sla.atRisk"
          number={links.atRisk}
          label="At risk now"
          hint="80% of a target used"
        />
        <NumberCard
          metric="sla.breachedOpen"
          number={links.breachedOpen}
          label="Breached, still open"
        />
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        {TARGETS.map(([target, name, id]) => (
          <TargetFigures
            key={target}
            target={target}
            name={name}
            id={id}
            figures={links.targets[target]}
          />
        ))}
      </div>
      <div className="grid gap-2">
        <h3 className="font-semibold">Breaches per day</h3>
        <PerDayChart
          id="sla-breaches"
          title="SLA targets breached per day, last 30 UTC days"
          tableLabel="Show the breaches per day"
          series={[
            {
              name: "Breached",
              counted: (n) => `${n} ${n === 1 ? "target" : "targets"} breached`,
              busiest: "Most breaches",
              swatch: "bg-red-600 dark:bg-red-400",
              fill: "fill-red-600 dark:fill-red-400",
              days: links.breachesPerDay.map(({ day, count }) => ({ day, number: count })),
              metric: (day) => `sla.breachesPerDay.${day}`,
              context: (day) => `tickets with a target breached on ${day}`,
            },
          ]}
        />
      </div>
    </div>
  );
}
