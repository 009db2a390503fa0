import type { TicketDocument } from "@/server/tickets/write-model";
import { preview } from "@/server/read-models/ticket-list/preview";

/** One row of the ticket list: exactly what a row shows and filters on. */
export type TicketListDocument = Pick<
  TicketDocument,
  | "_id"
  | "subject"
  | "status"
  | "priority"
  | "assignee"
  | "customerEmail"
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
    assignee: ticket.assignee,
    customerEmail: ticket.customerEmail,
    preview: preview(ticket.message),
    hasNote: ticket.notes.length > 0,
    noteCount: ticket.notes.length,
    createdAt: ticket.createdAt,
    updatedAt: ticket.updatedAt,
    triagedAt: ticket.triagedAt,
    closedAt: ticket.closedAt,
    version: ticket.version,
    projectedAt,
  };
}
