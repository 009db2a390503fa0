import type { IndexDescription } from "mongodb";
import { readCollection, type ReadTarget } from "@/server/db/generations";
import type { TicketDetailDocument } from "@/server/read-models/ticket-detail/document";

export const TICKET_DETAIL = "ticket_detail";

/** Read and written by `_id` only. */
export const TICKET_DETAIL_INDEXES: Record<string, IndexDescription[]> = { [TICKET_DETAIL]: [] };

export const ticketDetailCollection = (target: ReadTarget) =>
  readCollection<TicketDetailDocument>(target, TICKET_DETAIL);
