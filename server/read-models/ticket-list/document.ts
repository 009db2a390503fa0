import type { TicketDocument } from "@/server/tickets/write-model";
import { personIdOf } from "@/server/tickets/domain/conversation";
import { isAwaitingReply } from "@/server/tickets/domain/types";
import { preview } from "@/server/read-models/ticket-list/preview";

/** One row of the ticket list: exactly what a row shows and filters on. */
export type TicketListDocument = Pick<
  TicketDocument,
  | "_id"
  | "subject"
  | "status"
  | "priority"
  | "assigneeId"
  | "customer"
  | "tags"
  | "lastMessageAt"
  | "lastMessageFrom"
  | "createdAt"
  | "updatedAt"
  // When the ticket first left "open" (null: never), and when it was closed (null: not closed).
  | "triagedAt"
  | "closedAt"
  // The write version this row reflects.
  | "version"
> & {
  preview: string;
  hasNote: boolean;
  noteCount: number;
  /** Every conversation entry: the first message, customer messages, replies and notes. */
  messageCount: number;
  awaitingReply: boolean;
  /** The first public reply (null: none yet), and the person who wrote it (null: an API caller). */
  firstResponseAt: Date | null;
  firstResponderId: string | null;
  projectedAt: Date;
};

export function toTicketListDocument(
  ticket: TicketDocument,
  projectedAt: Date,
): TicketListDocument {
  return {
    _id: ticket._id,
    subject: ticket.subject,
    status: ticket.status,
    priority: ticket.priority,
    assigneeId: ticket.assigneeId,
    customer: ticket.customer,
    tags: ticket.tags,
    lastMessageAt: ticket.lastMessageAt,
    lastMessageFrom: ticket.lastMessageFrom,
    preview: preview(ticket.message),
    hasNote: ticket.noteCount > 0,
    noteCount: ticket.noteCount,
    messageCount: 1 + ticket.messageIds.length,
    awaitingReply: isAwaitingReply(ticket),
    firstResponseAt: ticket.firstResponseAt,
    firstResponderId: ticket.firstResponderId
      ? (personIdOf(ticket.firstResponderId) ?? null)
      : null,
    createdAt: ticket.createdAt,
    updatedAt: ticket.updatedAt,
    triagedAt: ticket.triagedAt,
    closedAt: ticket.closedAt,
    version: ticket.version,
    projectedAt,
  };
}
