// Pure, and shared by the dashboard's SLA figures and the list's SLA filters, so a number and
// the list it drills down to count exactly the same tickets.
import { breachedAtOf, clockState } from "@/server/sla/clocks";
import type { SlaTarget } from "@/server/sla/policy-schema";
import type { StoredClock } from "@/server/read-models/sla/collections";

const DAY = 86_400_000;

/** The days the SLA figures cover: the last 30 UTC days, today included. */
const SLA_WINDOW_DAYS = 30;

export const utcDay = (d: Date | number) => new Date(d).toISOString().slice(0, 10);

export function slaWindow(now: Date): { from: string; to: string } {
  return { from: utcDay(now.getTime() - (SLA_WINDOW_DAYS - 1) * DAY), to: utcDay(now) };
}

/** How a clock ended, as of `now`: met (when) or breached (when); null while undecided. */
export function outcomeOf(
  clock: StoredClock,
  now: Date,
): { result: "met" | "breached"; at: Date } | null {
  const state = clockState(clock, now);
  if (state === "met") return { result: "met", at: clock.metAt! };
  if (state === "breached") return { result: "breached", at: breachedAtOf(clock, now)! };
  return null;
}

/** What the list's SLA filters ask of one target's clocks (GET /api/tickets, slaTarget…). */
export interface OutcomeFilter {
  target?: SlaTarget;
  result?: "met" | "breached" | "at_risk";
  from?: string;
  to?: string;
}

/** Whether a ticket's clocks pass the filter: some clock of the target ended so in the days. */
export function clocksMatch(clocks: StoredClock[], filter: OutcomeFilter, now: Date): boolean {
  return clocks.some((clock) => {
    if (filter.target && clock.target !== filter.target) return false;
    if (filter.result === "at_risk") {
      return clockState(clock, now) === "running" && clock.warnAt !== null && clock.warnAt <= now;
    }
    const outcome = outcomeOf(clock, now);
    if (!outcome || (filter.result && outcome.result !== filter.result)) return false;
    const day = utcDay(outcome.at);
    return (!filter.from || day >= filter.from) && (!filter.to || day <= filter.to);
  });
}
