import { z } from "zod";
import { InvalidTransitionError } from "@/server/tickets/domain/errors";
import { expectedVersionSchema, statusSchema } from "@/server/tickets/domain/schemas";
import type { Status, TicketState } from "@/server/tickets/domain/types";
import type { CommandOptions, CommandResult } from "@/server/tickets/commands/command-options";
import { runTicketCommand, type Decision } from "@/server/tickets/commands/run-ticket-command";

export const changeStatusInput = z.strictObject({
  status: statusSchema,
  expectedVersion: expectedVersionSchema.optional(),
});
export type ChangeStatusInput = z.infer<typeof changeStatusInput>;

/** A closed ticket is final: it never moves to another status. Same status: nothing happens. */
export function decideChangeStatus(state: TicketState, to: Status): Decision {
  if (state.status === to) return null;
  if (state.status === "closed") {
    return new InvalidTransitionError(
      `This ticket is closed and cannot be moved to "${to}": closed tickets are never reopened. Create a new ticket instead.`,
    );
  }
  return { type: "StatusChanged", from: state.status, to };
}

export function changeStatus(
  ticketId: string,
  input: ChangeStatusInput,
  options: CommandOptions,
): Promise<CommandResult> {
  return runTicketCommand(
    "ChangeStatus",
    ticketId,
    { status: input.status },
    (state) => decideChangeStatus(state, input.status),
    { ...options, expectedVersion: input.expectedVersion ?? options.expectedVersion },
  );
}
