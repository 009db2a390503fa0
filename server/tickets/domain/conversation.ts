import { ValidationError } from "@/server/tickets/domain/errors";
import type {
  Author,
  CommandContext,
  ConversationEntry,
  ConversationKind,
  Customer,
  TicketState,
} from "@/server/tickets/domain/types";

/**
 * The most entries a conversation holds after its first message. The ticket lists their ids
 * (about 30 bytes each), so even a full conversation keeps the ticket document small; the
 * bodies live in the messages collection.
 */
export const CONVERSATION_LIMIT = 5_000;

/** The person behind an actor id (`user:<id>`), if it is a person and not an API token. */
export function personIdOf(actorId: string): string | undefined {
  return actorId.startsWith("user:") ? actorId.slice(5) : undefined;
}

/** The author a person or an API caller writes as. */
export function actorAuthor(ctx: CommandContext): Author {
  const personId = personIdOf(ctx.actor.id);
  return personId ? { name: ctx.actor.name, personId } : { name: ctx.actor.name };
}

export function customerAuthor(customer: Customer | null): Author {
  if (!customer) return { name: "Customer" };
  return { name: customer.name ?? customer.email, email: customer.email };
}

/**
 * A new entry, or the refusal when the conversation is full. Its time is the write's time,
 * which never goes back behind the ticket's last change.
 */
export function newEntry(
  state: TicketState,
  ctx: CommandContext,
  kind: ConversationKind,
  body: string,
  author: Author,
): ConversationEntry | ValidationError {
  if (state.messageIds.length >= CONVERSATION_LIMIT) {
    return new ValidationError(
      `This ticket's conversation already has ${CONVERSATION_LIMIT.toLocaleString("en")} messages, the most it can hold.`,
      {
        body: [`A conversation holds at most ${CONVERSATION_LIMIT.toLocaleString("en")} messages.`],
      },
    );
  }
  const at = ctx.now < state.updatedAt ? state.updatedAt : ctx.now;
  return { id: ctx.newId(), kind, body, author, at };
}
