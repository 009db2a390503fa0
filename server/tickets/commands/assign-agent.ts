import { z } from "zod";
import { assignableById, assignableByName } from "@/server/people/resolve-assignee";
import { InvalidTransitionError, ValidationError } from "@/server/tickets/domain/errors";
import {
  assigneeSchema,
  expectedVersionSchema,
  personIdSchema,
} from "@/server/tickets/domain/schemas";
import type { Assignable, TicketState } from "@/server/tickets/domain/types";
import type { CommandOptions, CommandResult } from "@/server/tickets/commands/command-options";
import { runTicketCommand, type Decision } from "@/server/tickets/commands/run-ticket-command";

/**
 * `assigneeId`: a person's id, or null to unassign. `assignee` (a name, the first version's
 * field) is still accepted when it names exactly one active person.
 */
export const assignAgentInput = z
  .strictObject({
    assigneeId: personIdSchema.nullable().optional(),
    assignee: assigneeSchema.optional(),
    expectedVersion: expectedVersionSchema.optional(),
  })
  .refine((input) => (input.assigneeId === undefined) !== (input.assignee === undefined), {
    error: "Give assigneeId (a person's id, or null to unassign).",
    path: ["assigneeId"],
  });
export type AssignAgentInput = z.infer<typeof assignAgentInput>;

/** `null` unassigns. A closed ticket keeps the assignee it was closed with (who resolved it). */
export function decideAssignAgent(state: TicketState, person: Assignable | null): Decision {
  const to = person?.id ?? null;
  if (state.assigneeId === to) return null;
  if (state.status === "closed") {
    return new InvalidTransitionError(
      "This ticket is closed: its assignee is kept as the record of who resolved it.",
    );
  }
  return { type: "AgentAssigned", from: state.assigneeId, to, toName: person?.name ?? null };
}

/** The person an input names, or null to unassign; unknown and deactivated people are refused. */
async function resolveAssignee(input: AssignAgentInput): Promise<Assignable | null> {
  if (input.assigneeId !== undefined) {
    return input.assigneeId === null ? null : assignableById(input.assigneeId);
  }
  if (input.assignee === undefined) throw new ValidationError("Give assigneeId.");
  return input.assignee === null ? null : assignableByName(input.assignee);
}

export async function assignAgent(
  ticketId: string,
  input: AssignAgentInput,
  options: CommandOptions,
): Promise<CommandResult> {
  const person = await resolveAssignee(input);
  return runTicketCommand(
    "AssignAgent",
    ticketId,
    { assigneeId: person?.id ?? null },
    (state) => decideAssignAgent(state, person),
    { ...options, expectedVersion: input.expectedVersion ?? options.expectedVersion },
  );
}
