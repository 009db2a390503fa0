import { z } from "zod";
import { customerAuthor, newEntry } from "@/server/tickets/domain/conversation";
import { InvalidTransitionError, ValidationError } from "@/server/tickets/domain/errors";
import { customerMessageSchema, customerSchema } from "@/server/tickets/domain/schemas";
import type { CommandContext, Customer, TicketState } from "@/server/tickets/domain/types";
import type { CommandOptions, CommandResult } from "@/server/tickets/commands/command-options";
import { createFollowUpTicket } from "@/server/tickets/commands/create-ticket";
import { linkFollowUp } from "@/server/tickets/commands/link-follow-up";
import { runTicketCommand, type Decision } from "@/server/tickets/commands/run-ticket-command";

export const receiveMessageInput = z.strictObject({
  body: customerMessageSchema,
  customer: customerSchema.nullish().transform((c) => c ?? null),
});
export type ReceiveMessageInput = z.infer<typeof receiveMessageInput>;

/** The answer to an inbound message: on a closed ticket, the follow-up that took it. */
export type ReceiveMessageResult = CommandResult & { followUpOf?: string };

/** Closed stays closed: the message goes to a follow-up instead. */
class TicketClosedForMessages extends InvalidTransitionError {}

const FOLLOW_UP_PREFIX = "Re: ";
const SUBJECT_MAX = 200;

/** The follow-up's subject: `Re: <subject>`, once, within the subject's limit. */
export function followUpSubject(subject: string): string {
  const base = subject.startsWith(FOLLOW_UP_PREFIX) ? subject : `${FOLLOW_UP_PREFIX}${subject}`;
  return base.length > SUBJECT_MAX ? `${base.slice(0, SUBJECT_MAX - 1)}…` : base;
}

/**
 * A customer's message joins the conversation. The customer is the one given, else the
 * ticket's; a ticket without one takes the given one as its customer.
 */
export function decideReceiveMessage(
  state: TicketState,
  input: { body: string; customer: Customer | null },
  ctx: CommandContext,
): Decision {
  if (state.status === "closed") {
    return new TicketClosedForMessages("This ticket is closed: the message opens a follow-up.");
  }
  const entry = newEntry(
    state,
    ctx,
    "customer",
    input.body,
    customerAuthor(input.customer ?? state.customer),
  );
  return entry instanceof ValidationError
    ? entry
    : { type: "MessageReceived", entry, customer: input.customer };
}

/**
 * Records an inbound customer message. On a closed ticket it creates a follow-up for the same
 * customer (`Re: <subject>`) holding the message, and links the closed ticket to it. The
 * follow-up's id is derived from the message's, so a retry creates no second one; if the link
 * is interrupted, the projector completes it (ensureFollowUpLinked).
 */
export async function receiveMessage(
  ticketId: string,
  input: ReceiveMessageInput,
  options: CommandOptions,
): Promise<ReceiveMessageResult> {
  let closed: TicketState | null = null;
  let messageId = "";
  try {
    return await runTicketCommand(
      "ReceiveMessage",
      ticketId,
      input,
      (state, ctx) => {
        const decision = decideReceiveMessage(state, input, ctx);
        if (decision instanceof TicketClosedForMessages) {
          closed = state;
          messageId = ctx.newId();
        }
        return decision;
      },
      options,
    );
  } catch (error) {
    if (!(error instanceof TicketClosedForMessages) || !closed) throw error;
  }
  const original: TicketState = closed;
  const followUp = await createFollowUpTicket(
    {
      subject: followUpSubject(original.subject),
      message: input.body,
      customer: input.customer ?? original.customer,
      priority: original.priority,
      tags: [],
    },
    original.id,
    `${original.id}:${messageId}`,
    options.ctx,
  );
  await linkFollowUp(original.id, followUp.ticketId, options.ctx);
  return { ...followUp, followUpOf: original.id };
}
