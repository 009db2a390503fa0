// SLA clocks computed from a ticket's facts and one policy version. Pure and independent of the
// present moment, so the projector, a rebuild and `projections:verify` compute the same clocks;
// what only the present decides (a running clock past its due time is breached) is derived
// when the clocks are read (clockState).
import { addBusinessTime, businessTimeBetween, type BusinessCalendar } from "@/server/sla/calendar";
import {
  SLA_TARGETS,
  targetMinutes,
  type SlaPolicy,
  type SlaTarget,
} from "@/server/sla/policy-schema";
import type { Priority } from "@/server/tickets/domain/types";

/** What the clocks depend on, and nothing else. */
export interface SlaFacts {
  createdAt: Date;
  priority: Priority;
  closedAt: Date | null;
  /** The public messages after the customer's first one, oldest first. */
  publics: { from: "customer" | "agent"; at: Date }[];
}

/** One target's clock. A clock whose `metAt` and `breachedAt` are null and has a due time runs. */
export interface Clock {
  target: SlaTarget;
  /** The target, in minutes of working time. */
  minutes: number;
  /** When it started: creation, or (next response) the customer message that restarted it. */
  startedAt: Date;
  /** When the target passes, if it runs; null while paused, or when no working time is left. */
  dueAt: Date | null;
  /** When 80% of the target is used, if it runs. */
  warnAt: Date | null;
  /** When it was met: the reply, or the ticket closing. */
  metAt: Date | null;
  /** When it was breached, if the facts alone say so (met late, or ran out before a pause). */
  breachedAt: Date | null;
  /** Paused since (resolution, while the ticket waits for the customer). */
  pausedAt: Date | null;
  /** Working time left when paused (ms; negative when overdue). */
  remainingMs: number | null;
}

export type ClockState = "running" | "paused" | "met" | "breached";

export interface SlaClocks {
  policyVersion: number;
  clocks: Clock[];
}

/** How long a policy "minute" is: 60,000 ms, or less in tests (SLA_MINUTE_MS). */
export interface ClockOptions {
  minuteMs: number;
}

const WARN_SHARE = 0.8;

/** Every clock of a ticket under one policy version, one per target the policy sets. */
export function computeClocks(
  facts: SlaFacts,
  policy: SlaPolicy,
  options: ClockOptions,
): SlaClocks {
  const clocks: Clock[] = [];
  for (const target of SLA_TARGETS) {
    const minutes = targetMinutes(policy, facts.priority, target);
    if (minutes === null) continue;
    const clock = CLOCKS[target](facts, policy.calendar, minutes, minutes * options.minuteMs);
    if (clock) clocks.push(clock);
  }
  return { policyVersion: policy.version, clocks };
}

type ClockOf = (
  facts: SlaFacts,
  calendar: BusinessCalendar,
  minutes: number,
  targetMs: number,
) => Clock | null;

/** A clock that ran from `startedAt` until `endedAt` (null: still runs), without pauses. */
function straightClock(
  target: SlaTarget,
  calendar: BusinessCalendar,
  minutes: number,
  targetMs: number,
  startedAt: Date,
  endedAt: Date | null,
): Clock {
  const dueAt = addBusinessTime(calendar, startedAt, targetMs);
  const late = endedAt !== null && dueAt !== null && endedAt > dueAt;
  return {
    target,
    minutes,
    startedAt,
    dueAt,
    warnAt: addBusinessTime(calendar, startedAt, targetMs * WARN_SHARE),
    metAt: endedAt,
    breachedAt: late ? dueAt : null,
    pausedAt: null,
    remainingMs: null,
  };
}

/** Public messages before the ticket closed (later ones open a follow-up instead). */
const publicsOf = (facts: SlaFacts) =>
  facts.publics.filter((m) => facts.closedAt === null || m.at <= facts.closedAt);

/** Creation → the first public reply; closing without one fulfils it. */
const firstResponse: ClockOf = (facts, calendar, minutes, targetMs) => {
  const reply = publicsOf(facts).find((m) => m.from === "agent");
  return straightClock(
    "firstResponse",
    calendar,
    minutes,
    targetMs,
    facts.createdAt,
    reply?.at ?? facts.closedAt,
  );
};

/**
 * Each customer message after an agent's reply → the next public reply. The clock is the last
 * such cycle (none before the customer has written again after a reply).
 */
const nextResponse: ClockOf = (facts, calendar, minutes, targetMs) => {
  let last: "customer" | "agent" = "customer";
  let cycle: { startedAt: Date; endedAt: Date | null } | null = null;
  for (const message of publicsOf(facts)) {
    if (message.from === "customer" && last === "agent") {
      cycle = { startedAt: message.at, endedAt: null };
    } else if (message.from === "agent" && cycle && cycle.endedAt === null) {
      cycle.endedAt = message.at;
    }
    last = message.from;
  }
  if (!cycle) return null;
  return straightClock(
    "nextResponse",
    calendar,
    minutes,
    targetMs,
    cycle.startedAt,
    cycle.endedAt ?? facts.closedAt,
  );
};

/**
 * Creation → closed, counting only the stretches when the ticket waits for the desk: it pauses
 * at each public reply (waiting for the customer) and runs again at the customer's next message.
 */
const resolution: ClockOf = (facts, calendar, minutes, targetMs) => {
  const stretches: { start: Date; end: Date | null }[] = [{ start: facts.createdAt, end: null }];
  for (const message of publicsOf(facts)) {
    const open = stretches.at(-1)!;
    if (message.from === "agent" && open.end === null) open.end = message.at;
    else if (message.from === "customer" && open.end !== null)
      stretches.push({ start: message.at, end: null });
  }
  const running = stretches.at(-1)!.end === null;
  if (running && facts.closedAt) stretches.at(-1)!.end = facts.closedAt;

  let used = 0;
  let warnAt: Date | null = null;
  let crossedAt: Date | null = null;
  let crossedInEnded = false;
  const crossing = (start: Date, share: number) =>
    addBusinessTime(calendar, start, Math.max(0, targetMs * share - used));
  for (const { start, end } of stretches) {
    const length = end ? businessTimeBetween(calendar, start, end) : Infinity;
    if (!warnAt && used + length >= targetMs * WARN_SHARE) warnAt = crossing(start, WARN_SHARE);
    if (!crossedAt && used + length > targetMs) {
      crossedAt = crossing(start, 1);
      crossedInEnded = end !== null;
    }
    if (end) used += length;
  }
  const closed = facts.closedAt !== null;
  const paused = !closed && !running;
  return {
    target: "resolution",
    minutes,
    startedAt: facts.createdAt,
    // While it runs, due where the running stretch crosses the target; once breached, then.
    dueAt: paused || (closed && !crossedAt) ? null : crossedAt,
    warnAt: paused || closed ? null : warnAt,
    metAt: closed ? facts.closedAt : null,
    // Known from the facts alone only if it ran out in a stretch that has ended.
    breachedAt: crossedInEnded ? crossedAt : null,
    pausedAt: paused ? stretches.at(-1)!.end : null,
    remainingMs: paused ? targetMs - used : null,
  };
};

const CLOCKS: Record<SlaTarget, ClockOf> = { firstResponse, nextResponse, resolution };

/** A clock's state at `now`: a running clock past its due time is breached. */
export function clockState(clock: Clock, now: Date): ClockState {
  if (clock.breachedAt) return "breached";
  if (clock.metAt) return "met";
  if (clock.pausedAt) return "paused";
  if (clock.dueAt && clock.dueAt <= now) return "breached";
  return "running";
}

/** When the clock was (or is) breached, as of `now`. */
export const breachedAtOf = (clock: Clock, now: Date): Date | null =>
  clock.breachedAt ?? (clockState(clock, now) === "breached" ? clock.dueAt : null);

/** A running clock (not met, not paused, not breached by the facts) with a due time. */
export const isRunning = (clock: Clock) =>
  clock.metAt === null &&
  clock.pausedAt === null &&
  clock.breachedAt === null &&
  clock.dueAt !== null;
