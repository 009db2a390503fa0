import "server-only";
import type { ReadTarget } from "@/server/db/generations";
import { isTransientDatabaseError } from "@/server/db/errors";
import { parseTimerId, slaCollections, timersDue } from "@/server/read-models/sla/collections";
import { recomputeClocks } from "@/server/read-models/sla/recompute";
import { currentSlaPolicy } from "@/server/sla/policy";
import { systemContext } from "@/server/tickets/commands/command-options";
import { recordSlaEvent } from "@/server/tickets/commands/record-sla-event";
import { TicketNotFoundError } from "@/server/tickets/domain/errors";

/** Who records SLA warnings and breaches: the desk itself. */
const SLA_ACTOR = { id: "system:sla", name: "SLA" };

const PER_TICK = 100;

/**
 * Records every SLA warning and breach whose time has come: reads the timers due (one `_id`
 * range read), records each with the RecordSlaEvent command, then deletes it. The command is
 * the guard: it records a moment once per ticket, target, policy version and clock start, and
 * only while the ticket is at the version the timer was computed from, so several projector
 * processes, a crash between the command and the delete, or a replaced copy's leftover timer
 * never record anything twice. Timers of an older policy are dropped: the recompute writes
 * the new ones. Returns how many timers it handled.
 */
export async function fireDueTimers(target: ReadTarget, now: Date): Promise<number> {
  const { timers } = slaCollections(target);
  const due = await timers
    .find({ _id: timersDue(now.getTime()) })
    .sort({ _id: 1 })
    .limit(PER_TICK)
    .toArray();
  if (due.length === 0) return 0;
  const policy = await currentSlaPolicy(target.db);
  for (const { _id } of due) {
    const timer = parseTimerId(_id);
    if (timer.policyVersion >= policy.version) {
      try {
        await recordSlaEvent(
          timer.ticketId,
          {
            kind: timer.kind,
            target: timer.target,
            policyVersion: timer.policyVersion,
            startedAt: new Date(timer.startedAt),
            dueAt: new Date(timer.dueAt),
            ticketVersion: timer.ticketVersion,
          },
          { ctx: systemContext(SLA_ACTOR) },
        );
      } catch (error) {
        if (!(error instanceof TicketNotFoundError)) throw error;
      }
    }
    await timers.deleteOne({ _id });
  }
  return due.length;
}

/** One round of the SLA upkeep: due warnings and breaches, then a slice of any recompute. */
export async function slaTick(target: ReadTarget, now: Date): Promise<void> {
  try {
    while ((await fireDueTimers(target, now)) === PER_TICK);
    await recomputeClocks(target, now, { budgetMs: 2_000 });
  } catch (error) {
    if (!isTransientDatabaseError(error)) throw error;
  }
}
