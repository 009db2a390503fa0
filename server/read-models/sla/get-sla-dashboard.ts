import "server-only";
import type { ReadTarget } from "@/server/db/generations";
import { displayName, personNames } from "@/server/people/names";
import { currentSlaPolicy } from "@/server/sla/policy";
import { SLA_TARGETS, type SlaTarget } from "@/server/sla/policy-schema";
import { PRIORITIES, type Priority } from "@/server/tickets/domain/types";
import { slaCollections } from "@/server/read-models/sla/collections";
import { slaOverallOf } from "@/server/read-models/sla/get-clocks";
import { outcomeOf, slaWindow, utcDay } from "@/server/read-models/sla/outcome";
import type { SlaDashboard } from "@/server/read-models/sla/schema";

const DAY = 86_400_000;

/** Every UTC day of the window, oldest first. */
function daysOf(window: { from: string; to: string }): string[] {
  const days: string[] = [];
  for (let t = Date.parse(window.from); utcDay(t) <= window.to; t += DAY) days.push(utcDay(t));
  return days;
}

interface Tally {
  met: number;
  breached: number;
}

const percent = ({ met, breached }: Tally) =>
  met + breached === 0 ? null : Math.round((met / (met + breached)) * 1000) / 10;
const withPercent = (t: Tally) => ({ ...t, percentMet: percent(t) });
const tally = (): Tally => ({ met: 0, breached: 0 });

/**
 * Requests that arrive while a count is running share it (a dashboard open in many tabs, or
 * polled every second, would otherwise scan the clocks once per request at once): a request
 * gets the count in flight when it arrived, which started at most one count's time before it.
 */
const inFlight = new Map<string, Promise<SlaDashboard>>();

export function getSlaDashboard(target: ReadTarget, now: Date): Promise<SlaDashboard> {
  const key = `${target.db.databaseName}:${target.generation}`;
  const running = inFlight.get(key);
  if (running) return running;
  const count = countSlaDashboard(target, now).finally(() => inFlight.delete(key));
  inFlight.set(key, count);
  return count;
}

/**
 * The dashboard's SLA figures, counted from the clocks documents with the same predicates the
 * list's SLA filters use (outcome.ts), so each number drills down to exactly its tickets. It
 * reads every clocks document (the ticket's current priority and assignee): fine at a few
 * thousand tickets, and measured by `npm run bench` at 100,000 (docs/benchmarks.md).
 */
async function countSlaDashboard(target: ReadTarget, now: Date): Promise<SlaDashboard> {
  const window = slaWindow(now);
  const totals = Object.fromEntries(SLA_TARGETS.map((t) => [t, tally()])) as Record<
    SlaTarget,
    Tally
  >;
  const byPriority = Object.fromEntries(
    SLA_TARGETS.map((t) => [t, Object.fromEntries(PRIORITIES.map((p) => [p, tally()]))]),
  ) as Record<SlaTarget, Record<Priority, Tally>>;
  const byAgent = Object.fromEntries(
    SLA_TARGETS.map((t) => [t, new Map<string, Tally>()]),
  ) as Record<SlaTarget, Map<string, Tally>>;
  const perDay = new Map<string, number>();
  let atRisk = 0;
  let breachedOpen = 0;

  const docs = slaCollections(target).clocks.find(
    {},
    { projection: { clocks: 1, priority: 1, assigneeId: 1, status: 1 }, batchSize: 1_000 },
  );
  for await (const doc of docs) {
    const breachDays = new Set<string>();
    if (doc.status !== "closed") {
      const state = slaOverallOf(doc, now).slaState;
      if (state === "at_risk") atRisk++;
      if (state === "breached") breachedOpen++;
    }
    for (const clock of doc.clocks) {
      const outcome = outcomeOf(clock, now);
      if (!outcome) continue;
      const day = utcDay(outcome.at);
      if (day < window.from || day > window.to) continue;
      const agent = doc.assigneeId ?? "";
      const mine = byAgent[clock.target].get(agent) ?? tally();
      byAgent[clock.target].set(agent, mine);
      for (const t of [totals[clock.target], byPriority[clock.target][doc.priority], mine])
        t[outcome.result]++;
      if (outcome.result === "breached") breachDays.add(day);
    }
    // Tickets, not clocks: a day's number drills down to the tickets breached that day.
    for (const day of breachDays) perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }

  const people = await personNames(
    SLA_TARGETS.flatMap((t) => [...byAgent[t].keys()]).filter(Boolean),
  );
  const figures = (t: SlaTarget) => ({
    ...withPercent(totals[t]),
    byPriority: Object.fromEntries(
      PRIORITIES.map((p) => [p, withPercent(byPriority[t][p])]),
    ) as Record<Priority, ReturnType<typeof withPercent>>,
    byAgent: [...byAgent[t]]
      .map(([id, counts]) => ({
        personId: id || null,
        agent: id ? (displayName(people, id) ?? id) : "Unassigned",
        ...withPercent(counts),
      }))
      .sort((a, b) => a.agent.localeCompare(b.agent)),
  });
  return {
    policyVersion: (await currentSlaPolicy(target.db)).version,
    window,
    targets: {
      firstResponse: figures("firstResponse"),
      nextResponse: figures("nextResponse"),
      resolution: figures("resolution"),
    },
    breachesPerDay: daysOf(window).map((day) => ({ day, count: perDay.get(day) ?? 0 })),
    atRisk,
    breachedOpen,
  };
}
