import type { IndexDescription, ObjectId } from "mongodb";
import { readCollection, type ReadTarget } from "@/server/db/generations";
import type { ListKeyDocument } from "@/server/read-models/ticket-list/keys";

const WORDS = "ticket_search_words";
const TICKETS = "ticket_search_tickets";
const VOCABULARY = "ticket_search_vocabulary";

/**
 * How far a ticket's words are projected. `keys` lists every word key that may exist for the
 * ticket (listed before it is written), so a projection can always find and delete the keys of
 * older versions without a scan; `words` and `messages` let the next version read only the
 * messages added since (entries never change, the subject never changes).
 */
export interface SearchTicketDocument {
  _id: ObjectId;
  version?: number;
  words?: string[];
  messages?: number;
  keys: string[];
  projectedAt?: Date;
}

/** Every word ever indexed (append-only): the last typed word's prefix is expanded over it. */
export interface VocabularyDocument {
  _id: string;
}

/** All three are read and written by `_id` only (`_id` ranges for the words and vocabulary). */
export const TICKET_SEARCH_INDEXES: Record<string, IndexDescription[]> = {
  [WORDS]: [],
  [TICKETS]: [],
  [VOCABULARY]: [],
};

export const ticketSearchCollections = (target: ReadTarget) => ({
  /** `_id` is `<word>|<updatedAt>|<ticket id>|<version>`: the list key format, a word as facet. */
  words: readCollection<ListKeyDocument>(target, WORDS),
  tickets: readCollection<SearchTicketDocument>(target, TICKETS),
  vocabulary: readCollection<VocabularyDocument>(target, VOCABULARY),
});
