import { ObjectId } from "mongodb";
import { TicketNotFoundError } from "@/server/tickets/domain/errors";
import { ticketIdSchema } from "@/server/tickets/domain/schemas";

/** A ticket id from outside (a URL, a form): malformed ones are simply not found. */
export function parseTicketId(ticketId: string): ObjectId {
  if (!ticketIdSchema.safeParse(ticketId).success) throw new TicketNotFoundError(ticketId);
  return ObjectId.createFromHexString(ticketId.toLowerCase());
}
