import { personIdOf } from "@/server/tickets/domain/conversation";
import { isAwaitingReply } from "@/server/tickets/domain/types";
import type { TicketDocument } from "@/server/tickets/write-model";

/**
 * What one ticket adds to the dashboard, as a set of counter keys, each worth +1. Moving a
 * ticket from one version to the next is then "−1 on the keys it lost, +1 on the keys it
 * gained", which is what makes exact, de-duplicated counting possible.
 *
 * "Active" means not closed: workload numbers (per priority, per agent, per tag, unassigned,
 * awaiting a reply) count only active tickets.
 */
export function contribution(
  ticket: Pick<
    TicketDocument,
    | "status"
    | "priority"
    | "assigneeId"
    | "noteCount"
    | "createdAt"
    | "triagedAt"
    | "closedAt"
    | "tags"
    | "lastMessageFrom"
    | "firstResponseAt"
    | "firstResponderId"
  >,
): string[] {
  const keys = ["total", `s:${ticket.status}`, `c:${day(ticket.createdAt)}`];
  const active = ticket.status !== "closed";
  if (active) {
    keys.push(`p:${ticket.priority}`);
    keys.push(ticket.assigneeId === null ? "u" : `a:${encodeKey(ticket.assigneeId)}`);
    for (const tag of ticket.tags) keys.push(`g:${encodeKey(tag)}`);
    if (isAwaitingReply(ticket)) keys.push("w");
  }
  if (ticket.firstResponseAt) {
    const ms = ticket.firstResponseAt.getTime() - ticket.createdAt.getTime();
    keys.push(`fr:${day(ticket.firstResponseAt)}:${durationBin(ms)}`);
    // Per person who answered first (an API caller is in the overall figure only).
    const personId = ticket.firstResponderId ? personIdOf(ticket.firstResponderId) : undefined;
    if (personId)
      keys.push(`fa:${encodeKey(personId)}:${day(ticket.firstResponseAt)}:${durationBin(ms)}`);
  }
  if (ticket.noteCount > 0) keys.push("n");
  if (ticket.triagedAt) {
    const ms = ticket.triagedAt.getTime() - ticket.createdAt.getTime();
    keys.push(`tt:${day(ticket.triagedAt)}:${durationBin(ms)}`);
  }
  if (ticket.status === "closed" && ticket.closedAt) {
    keys.push(`x:${day(ticket.closedAt)}`);
    const ms = ticket.closedAt.getTime() - ticket.createdAt.getTime();
    keys.push(`tc:${day(ticket.closedAt)}:${durationBin(ms)}`);
  }
  return keys;
}

/** The UTC calendar day, YYYY-MM-DD. */
export const day = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Durations are counted in logarithmic bins, each 25% wider than the one before, so
 * percentiles come out within about ±12% whatever the scale (seconds or weeks) and a bin count
 * stays small. Bin 0 holds everything under 1.25 s.
 */
const BASE = 1.25;
const durationBin = (ms: number) =>
  Math.max(0, Math.floor(Math.log(Math.max(ms, 1) / 1000) / Math.log(BASE)));
/** A representative duration for a bin: its geometric middle. */
export const binMidpointMs = (bin: number) => Math.round(1000 * BASE ** (bin + 0.5));

// Counter keys become field names, which may not contain "." or start with "$".
const encodeKey = (name: string) => encodeURIComponent(name).replaceAll(".", "%2E");
export const decodeKey = (key: string) => decodeURIComponent(key);
