import type { TicketDocument } from "@/server/tickets/write-model";

/** Everything one ticket page shows: the message, every note and the timeline. */
export type TicketDetailDocument = Pick<
  TicketDocument,
  | "_id"
  | "subject"
  | "message"
  | "customerEmail"
  | "status"
  | "priority"
  | "assignee"
  | "notes"
  | "history"
  | "createdAt"
  | "updatedAt"
  | "version"
> & { projectedAt: Date };

export function toTicketDetailDocument(
  ticket: TicketDocument,
  projectedAt: Date,
): TicketDetailDocument {
  return {
    _id: ticket._id,
    subject: ticket.subject,
    message: ticket.message,
    customerEmail: ticket.customerEmail,
    status: ticket.status,
    priority: ticket.priority,
    assignee: ticket.assignee,
    notes: ticket.notes,
    history: ticket.history,
    createdAt: ticket.createdAt,
    updatedAt: ticket.updatedAt,
    version: ticket.version,
    projectedAt,
  };
}
