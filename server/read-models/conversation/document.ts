import type { ObjectId } from "mongodb";
import { customerAuthor } from "@/server/tickets/domain/conversation";
import type { Author, ConversationKind } from "@/server/tickets/domain/types";
import type { MessageDocument, TicketDocument } from "@/server/tickets/write-model";

/**
 * One entry of a ticket's conversation, in order: `_id` is `<ticket id>|<seq, 6 digits>`, so a
 * ticket's conversation is one `_id` range read. Entry 0 is the ticket's first message.
 */
export interface ConversationEntryDocument {
  _id: string;
  ticketId: string;
  seq: number;
  entryId: string;
  kind: ConversationKind;
  body: string;
  author: Author;
  at: Date;
}

/** How far a ticket's conversation is projected: the version, and how many entries it has. */
export interface ConversationHeadDocument {
  _id: ObjectId;
  version: number;
  length: number;
  /** Entry 0's author: rewritten if a ticket without a customer gets one. */
  customerEmail: string | null;
  projectedAt: Date;
}

const SEQ_DIGITS = 6;

export const entryKey = (ticketId: string, seq: number) =>
  `${ticketId}|${String(seq).padStart(SEQ_DIGITS, "0")}`;

/** Every entry of one ticket, as an `_id` range ("|" < every digit < "}"). */
export const entriesOf = (ticketId: string) => ({
  $gt: `${ticketId}|`,
  $lt: `${ticketId}}`,
});

export function firstEntry(ticket: TicketDocument): ConversationEntryDocument {
  const ticketId = ticket._id.toHexString();
  return {
    _id: entryKey(ticketId, 0),
    ticketId,
    seq: 0,
    entryId: ticketId,
    kind: "customer",
    body: ticket.message,
    author: customerAuthor(ticket.customer),
    at: ticket.createdAt,
  };
}

export function laterEntry(
  ticketId: string,
  seq: number,
  message: MessageDocument,
): ConversationEntryDocument {
  return {
    _id: entryKey(ticketId, seq),
    ticketId,
    seq,
    entryId: message._id.slice(ticketId.length + 1),
    kind: message.kind,
    body: message.body,
    author: message.author,
    at: message.at,
  };
}

export function conversationHead(
  ticket: TicketDocument,
  projectedAt: Date,
): ConversationHeadDocument {
  return {
    _id: ticket._id,
    version: ticket.version,
    length: 1 + ticket.messageIds.length,
    customerEmail: ticket.customer?.email ?? null,
    projectedAt,
  };
}
