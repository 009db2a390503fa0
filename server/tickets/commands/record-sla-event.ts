import type { CommandOptions, CommandResult } from "@/server/tickets/commands/command-options";
import { runTicketCommand, type Decision } from "@/server/tickets/commands/run-ticket-command";
import { slaMomentKey, type SlaMoment, type TicketState } from "@/server/tickets/domain/types";

/** What the SLA timer loop asks for: a warning or breach, as computed for one ticket version. */
export interface RecordSlaEventInput extends SlaMoment {
  kind: "SlaWarning" | "SlaBreached";
  /** The ticket version the clocks were computed from. */
  ticketVersion: number;
}

/**
 * Records an SLA warning or breach once per ticket, target, policy version and clock start.
 * Only if the ticket is still at the version its clocks were computed from: any later change
 * (a reply that met the target, a priority change) is projected into new clocks, whose own
 * timers decide again. Nothing to record is a no-op, so two projectors firing the same timer,
 * or one firing it again after a crash, record it once.
 */
export function decideRecordSlaEvent(
  state: TicketState,
  input: RecordSlaEventInput,
  now: Date,
): Decision {
  if (state.version !== input.ticketVersion) return null;
  // A warning that comes after the due time (a projector that was down) says nothing new.
  if (input.kind === "SlaWarning" && input.dueAt <= now) return null;
  const { kind, target, policyVersion, startedAt, dueAt } = input;
  const moment = { target, policyVersion, startedAt, dueAt };
  if (state.slaRecorded.includes(slaMomentKey(kind, moment))) return null;
  return { type: kind, ...moment };
}

export function recordSlaEvent(
  ticketId: string,
  input: RecordSlaEventInput,
  options: CommandOptions,
): Promise<CommandResult> {
  return runTicketCommand(
    "RecordSlaEvent",
    ticketId,
    input,
    (state, ctx) => decideRecordSlaEvent(state, input, ctx.now),
    options,
  );
}
