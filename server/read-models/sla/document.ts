import { isRunning, type SlaClocks } from "@/server/sla/clocks";
import { slaMomentKey } from "@/server/tickets/domain/types";
import type { TicketDocument } from "@/server/tickets/write-model";
import {
  NO_DUE,
  dueKeyOf,
  stampOf,
  timerId,
  type SlaClockDocument,
  type SlaTimer,
} from "@/server/read-models/sla/collections";

/**
 * A ticket's clocks document: its clocks, its due key (the soonest due time of a running clock)
 * and the timers of the SLA events still to record (a warning at 80%, a breach at the due time,
 * each unless the ticket has recorded it already for this policy version and clock start).
 */
export function toSlaClockDocument(
  ticket: TicketDocument,
  computed: SlaClocks,
  projectedAt: Date,
): SlaClockDocument {
  const ticketId = ticket._id.toHexString();
  const stamp = stampOf(computed.policyVersion, ticket.version);
  const recorded = new Set(ticket.slaRecorded ?? []);
  const running = computed.clocks.filter(isRunning);
  const timers: SlaTimer[] = running.flatMap((clock) => {
    const moment = {
      target: clock.target,
      policyVersion: computed.policyVersion,
      startedAt: clock.startedAt,
      dueAt: clock.dueAt!,
    };
    const base = {
      ticketId,
      target: clock.target,
      ticketVersion: ticket.version,
      policyVersion: computed.policyVersion,
      startedAt: clock.startedAt.getTime(),
      dueAt: clock.dueAt!.getTime(),
    };
    const due: SlaTimer[] = [];
    const breached = recorded.has(slaMomentKey("SlaBreached", moment));
    const warned = recorded.has(slaMomentKey("SlaWarning", moment));
    if (clock.warnAt && clock.warnAt < clock.dueAt! && !warned && !breached)
      due.push({ ...base, kind: "SlaWarning", fireAt: clock.warnAt.getTime() });
    if (!breached) due.push({ ...base, kind: "SlaBreached", fireAt: clock.dueAt!.getTime() });
    return due;
  });
  const soonest = Math.min(NO_DUE, ...running.map((c) => c.dueAt!.getTime()));
  return {
    _id: ticketId,
    version: stamp,
    ticketVersion: ticket.version,
    policyVersion: computed.policyVersion,
    status: ticket.status,
    priority: ticket.priority,
    assigneeId: ticket.assigneeId,
    createdAt: ticket.createdAt,
    closedAt: ticket.status === "closed" ? ticket.closedAt : null,
    clocks: computed.clocks.map((c) => ({ ...c })),
    dueKey: dueKeyOf(soonest, ticketId, stamp),
    timers: timers.map(timerId).sort(),
    projectedAt,
  };
}
