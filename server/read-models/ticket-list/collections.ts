import type { IndexDescription } from "mongodb";
import { readCollection, type ReadTarget } from "@/server/db/generations";
import type { TicketListDocument } from "@/server/read-models/ticket-list/document";
import type { ListKeyDocument } from "@/server/read-models/ticket-list/keys";

export const TICKET_LIST = "ticket_list";
const TICKET_LIST_KEYS = "ticket_list_keys";

/**
 * Both collections are read and written by `_id` only: the list's filters and order are `_id`
 * ranges of the keys (keys.ts), which on the embedded database are answered from SQLite's index
 * where any other filter would scan the collection. So neither needs an index of its own.
 */
export const TICKET_LIST_INDEXES: Record<string, IndexDescription[]> = {
  [TICKET_LIST]: [],
  [TICKET_LIST_KEYS]: [],
};

export const ticketListCollections = (target: ReadTarget) => ({
  rows: readCollection<TicketListDocument>(target, TICKET_LIST),
  keys: readCollection<ListKeyDocument>(target, TICKET_LIST_KEYS),
});
