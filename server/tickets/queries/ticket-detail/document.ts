import type { ObjectId } from "mongodb";
import type { Note, Priority, Status } from "@/server/tickets/domain/types";
import type { HistoryEntry, TicketDocument } from "@/server/tickets/write-model";

/** Everything one ticket page shows: the message, every note and the timeline. */
export interface TicketDetailDocument {
  _id: ObjectId;
  subject: string;
  message: string;
  customerEmail: string | null;
  status: Status;
  priority: Priority;
  assignee: string | null;
  notes: Note[];
  history: HistoryEntry[];
  createdAt: Date;
  updatedAt: Date;
  version: number;
  projectedAt: Date;
}

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
