import { z } from "zod";
import { InvalidTransitionError } from "@/server/tickets/domain/errors";
import { expectedVersionSchema, prioritySchema } from "@/server/tickets/domain/schemas";
import type { Priority, TicketState } from "@/server/tickets/domain/types";
import type { CommandOptions, CommandResult } from "@/server/tickets/commands/command-options";
import { runTicketCommand, type Decision } from "@/server/tickets/commands/run-ticket-command";

export const setPriorityInput = z.strictObject({
  priority: prioritySchema,
  expectedVersion: expectedVersionSchema.optional(),
});
export type SetPriorityInput = z.infer<typeof setPriorityInput>;

/** Priority orders open work; on a closed ticket it would only rewrite the record. */
export function decideSetPriority(state: TicketState, priority: Priority): Decision {
  if (state.priority === priority) return null;
  if (state.status === "closed") {
    return new InvalidTransitionError("This ticket is closed: its priority can no longer change.");
  }
  return { type: "PriorityChanged", from: state.priority, to: priority };
}

export function setPriority(
  ticketId: string,
  input: SetPriorityInput,
  options: CommandOptions,
): Promise<CommandResult> {
  return runTicketCommand(
    "SetPriority",
    ticketId,
    { priority: input.priority },
    (state) => decideSetPriority(state, input.priority),
    { ...options, expectedVersion: input.expectedVersion ?? options.expectedVersion },
  );
}
