import type { IndexDescription } from "mongodb";
import { readCollection, type ReadTarget } from "@/server/db/generations";
import type { Clock } from "@/server/sla/clocks";
import type { SlaTarget } from "@/server/sla/policy-schema";
import type { Priority, Status } from "@/server/tickets/domain/types";

const CLOCKS = "sla_clocks";
const DUE_KEYS = "sla_due_keys";
const TIMERS = "sla_timers";
const PROGRESS = "sla_progress";

/** A clock as stored: what server/sla/clocks.ts computes, as it computes it. */
export type StoredClock = Clock;

/**
 * One ticket's SLA clocks, `_id` the ticket id. `version` orders copies by policy version first,
 * then ticket version (stampOf), so the version guard keeps the clocks of the newest policy and
 * the newest history; `ticketVersion` and `policyVersion` say which they are.
 */
export interface SlaClockDocument {
  _id: string;
  version: number;
  ticketVersion: number;
  policyVersion: number;
  status: Status;
  priority: Priority;
  assigneeId: string | null;
  createdAt: Date;
  closedAt: Date | null;
  clocks: StoredClock[];
  /** Its live key in sla_due_keys. */
  dueKey: string;
  /** Its live timers in sla_timers. */
  timers: string[];
  projectedAt: Date;
}

/** `_id` only: `<soonest running due, ms, 13 digits>|<ticket id>|<stamp>`; the list's "due soonest". */
export interface SlaDueKeyDocument {
  _id: string;
}

/**
 * `_id` only: `<fire at, ms, 13 digits>|<ticket id>|<kind>|<target>|<ticket version>|<policy
 * version>|<clock start ms>|<due ms>`: what the desk must record when, read by time range.
 */
export interface SlaTimerDocument {
  _id: string;
}

/** The background recompute after a policy change: how far it is (one document). */
export interface SlaProgressDocument {
  _id: "recompute";
  policyVersion: number;
  /** The last clock document recomputed (`_id` order). */
  cursor: string;
  done: number;
  total: number;
  startedAt: Date;
  finishedAt: Date | null;
  leaseUntil: Date;
  owner: string;
}

export const SLA_INDEXES: Record<string, IndexDescription[]> = {
  [CLOCKS]: [],
  [DUE_KEYS]: [],
  [TIMERS]: [],
  [PROGRESS]: [],
};

export const slaCollections = (target: ReadTarget) => ({
  clocks: readCollection<SlaClockDocument>(target, CLOCKS),
  dueKeys: readCollection<SlaDueKeyDocument>(target, DUE_KEYS),
  timers: readCollection<SlaTimerDocument>(target, TIMERS),
  progress: readCollection<SlaProgressDocument>(target, PROGRESS),
});

/** Tickets with no running clock sort after every due time. */
export const NO_DUE = 9_999_999_999_999;
const ms13 = (ms: number) => String(ms).padStart(13, "0");

/** Copies ordered by policy version, then ticket version. */
export const stampOf = (policyVersion: number, ticketVersion: number) =>
  policyVersion * 2 ** 32 + ticketVersion;

export const dueKeyOf = (dueMs: number, ticketId: string, stamp: number) =>
  `${ms13(dueMs)}|${ticketId}|${stamp}`;

export function parseDueKey(id: string) {
  const [due = "0", ticketId = "", stamp = "0"] = id.split("|");
  return { dueMs: Number(due), ticketId, stamp: Number(stamp) };
}

/** The due-key range after a (due, ticket) position, soonest first. */
export const dueKeysAfter = (after?: { dueMs: number; ticketId: string }) => ({
  $gt: after ? `${ms13(after.dueMs)}|${after.ticketId}|~` : "0",
  $lt: "~",
});

export interface SlaTimer {
  fireAt: number;
  ticketId: string;
  kind: "SlaWarning" | "SlaBreached";
  target: SlaTarget;
  ticketVersion: number;
  policyVersion: number;
  startedAt: number;
  dueAt: number;
}

export const timerId = (t: SlaTimer) =>
  [
    ms13(t.fireAt),
    t.ticketId,
    t.kind,
    t.target,
    t.ticketVersion,
    t.policyVersion,
    t.startedAt,
    t.dueAt,
  ].join("|");

export function parseTimerId(id: string): SlaTimer {
  const [fireAt, ticketId, kind, target, ticketVersion, policyVersion, startedAt, dueAt] =
    id.split("|");
  return {
    fireAt: Number(fireAt),
    ticketId: ticketId ?? "",
    kind: kind === "SlaWarning" ? "SlaWarning" : "SlaBreached",
    target: (target ?? "resolution") as SlaTarget,
    ticketVersion: Number(ticketVersion),
    policyVersion: Number(policyVersion),
    startedAt: Number(startedAt),
    dueAt: Number(dueAt),
  };
}

/** Timers due at or before `now`. */
export const timersDue = (now: number) => ({ $gte: "0", $lt: `${ms13(now)}|~` });
