import { z } from "zod";
import { InvalidTransitionError } from "@/server/tickets/domain/errors";
import { assigneeSchema, expectedVersionSchema } from "@/server/tickets/domain/schemas";
import type { TicketState } from "@/server/tickets/domain/types";
import type { CommandOptions, CommandResult } from "@/server/tickets/commands/command-options";
import { runTicketCommand, type Decision } from "@/server/tickets/commands/run-ticket-command";

export const assignAgentInput = z.strictObject({
  assignee: assigneeSchema,
  expectedVersion: expectedVersionSchema.optional(),
});
export type AssignAgentInput = z.infer<typeof assignAgentInput>;

/** `null` unassigns. A closed ticket keeps the assignee it was closed with (who resolved it). */
export function decideAssignAgent(state: TicketState, assignee: string | null): Decision {
  if (state.assignee === assignee) return null;
  if (state.status === "closed") {
    return new InvalidTransitionError(
      "This ticket is closed: its assignee is kept as the record of who resolved it.",
    );
  }
  return { type: "AgentAssigned", from: state.assignee, to: assignee };
}

export function assignAgent(
  ticketId: string,
  input: AssignAgentInput,
  options: CommandOptions,
): Promise<CommandResult> {
  return runTicketCommand(
    "AssignAgent",
    ticketId,
    { assignee: input.assignee },
    (state) => decideAssignAgent(state, input.assignee),
    { ...options, expectedVersion: input.expectedVersion ?? options.expectedVersion },
  );
}
