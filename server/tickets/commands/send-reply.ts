import { z } from "zod";
import { actorAuthor, newEntry } from "@/server/tickets/domain/conversation";
import { InvalidTransitionError, ValidationError } from "@/server/tickets/domain/errors";
import { expectedVersionSchema, replyBodySchema } from "@/server/tickets/domain/schemas";
import type { CommandContext, TicketState } from "@/server/tickets/domain/types";
import type { CommandOptions, CommandResult } from "@/server/tickets/commands/command-options";
import { runTicketCommand, type Decision } from "@/server/tickets/commands/run-ticket-command";

export const sendReplyInput = z.strictObject({
  body: replyBodySchema,
  expectedVersion: expectedVersionSchema.optional(),
});
export type SendReplyInput = z.infer<typeof sendReplyInput>;

/** A public reply to the customer, by the caller. A closed ticket takes no more replies. */
export function decideSendReply(state: TicketState, body: string, ctx: CommandContext): Decision {
  if (state.status === "closed") {
    return new InvalidTransitionError(
      "This ticket is closed: it takes no more replies. The customer's next message opens a follow-up.",
    );
  }
  const entry = newEntry(state, ctx, "reply", body, actorAuthor(ctx));
  return entry instanceof ValidationError ? entry : { type: "ReplySent", entry };
}

export function sendReply(
  ticketId: string,
  input: SendReplyInput,
  options: CommandOptions,
): Promise<CommandResult> {
  return runTicketCommand(
    "SendReply",
    ticketId,
    { body: input.body },
    (state, ctx) => decideSendReply(state, input.body, ctx),
    { ...options, expectedVersion: input.expectedVersion ?? options.expectedVersion },
  );
}
