import "server-only";
import type { ReadTarget } from "@/server/db/generations";
import { chunks } from "@/server/projections/chunks";
import { breachedAtOf, clockState, isRunning } from "@/server/sla/clocks";
import { SLA_TARGETS } from "@/server/sla/policy-schema";
import {
  dueKeysAfter,
  parseDueKey,
  slaCollections,
  type SlaClockDocument,
  type StoredClock,
} from "@/server/read-models/sla/collections";
import type { SlaClockView, SlaOverall, SlaView } from "@/server/read-models/api-fields";

/** These tickets' clocks documents, by ticket id (one `_id $in` read per 500). */
export async function slaClocksFor(
  target: ReadTarget,
  ticketIds: string[],
): Promise<Map<string, SlaClockDocument>> {
  const found = new Map<string, SlaClockDocument>();
  const { clocks } = slaCollections(target);
  for (const chunk of chunks([...new Set(ticketIds)])) {
    for await (const doc of clocks.find({ _id: { $in: chunk } })) found.set(doc._id, doc);
  }
  return found;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function clockView(clock: StoredClock, now: Date): SlaClockView {
  const state = clockState(clock, now);
  const atRisk = state === "running" && clock.warnAt !== null && clock.warnAt <= now;
  return {
    state,
    atRisk,
    minutes: clock.minutes,
    startedAt: clock.startedAt.toISOString(),
    dueAt: iso(clock.dueAt),
    warnAt: iso(clock.warnAt),
    metAt: iso(clock.metAt),
    breachedAt: iso(breachedAtOf(clock, now)),
    pausedAt: iso(clock.pausedAt),
    remainingMs:
      state === "running" && clock.dueAt
        ? clock.dueAt.getTime() - now.getTime()
        : clock.remainingMs,
  };
}

/** The ticket page's and the API detail's `sla`: every target's clock as of `now`. */
export function slaViewOf(doc: SlaClockDocument | undefined, now: Date): SlaView | null {
  if (!doc) return null;
  const targets = Object.fromEntries(
    SLA_TARGETS.map((target) => {
      const clock = doc.clocks.find((c) => c.target === target);
      return [target, clock ? clockView(clock, now) : null];
    }),
  ) as SlaView["targets"];
  return { policyVersion: doc.policyVersion, targets };
}

/**
 * A list row's summary: the soonest due time of a running clock, and the worst state of any
 * (breached, then at risk, running, paused, met); null without clocks.
 */
export function slaOverallOf(doc: SlaClockDocument | undefined, now: Date): SlaOverall {
  if (!doc || doc.clocks.length === 0) return { slaDueAt: null, slaState: null };
  const views = doc.clocks.map((c) => clockView(c, now));
  const running = doc.clocks.filter((c) => isRunning(c) && c.dueAt! > now);
  const slaDueAt = running.length
    ? new Date(Math.min(...running.map((c) => c.dueAt!.getTime()))).toISOString()
    : null;
  const has = (s: string) => views.some((v) => v.state === s);
  const slaState = has("breached")
    ? "breached"
    : views.some((v) => v.atRisk)
      ? "at_risk"
      : has("running")
        ? "running"
        : has("paused")
          ? "paused"
          : "met";
  return { slaDueAt, slaState };
}

/** A key of the "due soonest" order, shaped like the list's own keys. */
export interface DueKey {
  ticketId: string;
  dueMs: number;
}

/**
 * The tickets in "due soonest" order: overdue first, then by due time, then those with no
 * running clock. Reads `sla_due_keys` forward from a position; a key counts only while the
 * ticket's clocks document names it (others are a replaced copy's leftovers, deleted here).
 */
export class SlaDueKeys {
  private after: { dueMs: number; ticketId: string } | undefined;
  private done = false;

  constructor(
    private readonly target: ReadTarget,
    after?: { dueMs: number; ticketId: string },
  ) {
    this.after = after;
  }

  async next(round: number): Promise<DueKey[] | null> {
    if (this.done) return null;
    const { dueKeys } = slaCollections(this.target);
    const keys = await dueKeys
      .find({ _id: dueKeysAfter(this.after) })
      .sort({ _id: 1 })
      .limit(round)
      .toArray();
    this.done = keys.length < round;
    if (keys.length === 0) return null;
    const parsed = keys.map((k) => ({ id: k._id, ...parseDueKey(k._id) }));
    const last = parsed.at(-1)!;
    this.after = { dueMs: last.dueMs, ticketId: last.ticketId };
    const docs = await slaClocksFor(
      this.target,
      parsed.map((k) => k.ticketId),
    );
    const dead = parsed.filter((k) => {
      const doc = docs.get(k.ticketId);
      return doc !== undefined && doc.dueKey !== k.id && doc.version > k.stamp;
    });
    if (dead.length > 0)
      void dueKeys.deleteMany({ _id: { $in: dead.map((k) => k.id) } }).catch(() => undefined);
    return parsed
      .filter((k) => docs.get(k.ticketId)?.dueKey === k.id)
      .map((k) => ({ ticketId: k.ticketId, dueMs: k.dueMs }));
  }
}

/** The recompute's progress, for the lead's screens and GET /api/sla. */
export async function slaRecomputeProgress(target: ReadTarget) {
  const job = await slaCollections(target).progress.findOne({ _id: "recompute" });
  if (!job) return null;
  return {
    policyVersion: job.policyVersion,
    done: Math.min(job.done, job.total),
    total: job.total,
    startedAt: job.startedAt.toISOString(),
    finishedAt: iso(job.finishedAt),
  };
}
