import type { TicketDocument } from "@/server/tickets/write-model";

/** One ticket page but its conversation (ticket_conversation): properties and the timeline. */
export type TicketDetailDocument = Pick<
  TicketDocument,
  | "_id"
  | "subject"
  | "message"
  | "customer"
  | "status"
  | "priority"
  | "assigneeId"
  | "tags"
  | "noteCount"
  | "publicCount"
  | "lastMessageAt"
  | "lastMessageFrom"
  | "firstResponseAt"
  | "followUpOf"
  | "followUps"
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
    customer: ticket.customer,
    status: ticket.status,
    priority: ticket.priority,
    assigneeId: ticket.assigneeId,
    tags: ticket.tags,
    noteCount: ticket.noteCount,
    publicCount: ticket.publicCount,
    lastMessageAt: ticket.lastMessageAt,
    lastMessageFrom: ticket.lastMessageFrom,
    firstResponseAt: ticket.firstResponseAt,
    followUpOf: ticket.followUpOf,
    followUps: ticket.followUps,
    history: ticket.history,
    createdAt: ticket.createdAt,
    updatedAt: ticket.updatedAt,
    version: ticket.version,
    projectedAt,
  };
}
