import type { ObjectId } from "mongodb";
import type { Priority, Status } from "@/server/tickets/domain/types";
import type { TicketDocument } from "@/server/tickets/write-model";
import { preview } from "@/server/tickets/queries/ticket-list/preview";

/** One row of the ticket list: exactly what a row shows and filters on. */
export interface TicketListDocument {
  _id: ObjectId;
  subject: string;
  status: Status;
  priority: Priority;
  assignee: string | null;
  customerEmail: string | null;
  preview: string;
  hasNote: boolean;
  noteCount: number;
  createdAt: Date;
  updatedAt: Date;
  /** When the ticket first left "open" (null: never), and when it was closed (null: not closed). */
  triagedAt: Date | null;
  closedAt: Date | null;
  /** The write version this row reflects, and when it was projected. */
  version: number;
  projectedAt: Date;
}

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
