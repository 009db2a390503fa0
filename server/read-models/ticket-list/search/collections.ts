import type { IndexDescription, ObjectId } from "mongodb";
import { readCollection, type ReadTarget } from "@/server/db/generations";

const WORDS = "ticket_search_words";
const TICKETS = "ticket_search_tickets";
const VOCABULARY = "ticket_search_vocabulary";

/**
 * How far a ticket's words are projected. `words` (space-separated: one field to rewrite, not
 * hundreds) and `messages` let the next version read only the messages added since (entries
 * never change, nor does the subject). `bucket` is the minute the ticket's keys are filed under
 * now; `buckets` lists every minute that may still hold keys of the ticket (listed before they are
 * written), so a projection can always find and delete the old ones without a scan.
 */
export interface SearchTicketDocument {
  _id: ObjectId;
  version?: number;
  words?: string;
  messages?: number;
  bucket?: number;
  buckets: number[];
  projectedAt?: Date;
}

/**
 * Word keys are filed by the minute of the ticket's last change, not its exact position: a change
 * moves a ticket's keys only when it falls in a later minute than the last one (then all of them,
 * else only the words it adds), and a search orders each minute's few matches by the list rows.
 */
const SEARCH_BUCKET_MS = 60_000;
const BUCKET_DIGITS = 9;

export const bucketOf = (updatedAt: Date | number) =>
  Math.floor((typeof updatedAt === "number" ? updatedAt : updatedAt.getTime()) / SEARCH_BUCKET_MS);

const bucketText = (bucket: number) => String(bucket).padStart(BUCKET_DIGITS, "0");

/** `<word>|<minute, 9 digits>|<ticket id>`: one word's keys, newest minute first, are a range. */
export const wordKey = (word: string, bucket: number, ticketId: string) =>
  `${word}|${bucketText(bucket)}|${ticketId}`;

/** The `_id` range of a word's keys in minutes up to `bucket` (all of them: undefined). */
export const wordRange = (word: string, upTo?: number) => ({
  $gt: `${word}|`,
  $lt: upTo === undefined ? `${word}|~` : `${word}|${bucketText(upTo + 1)}|`,
});

/** The `_id` range of a word's keys in one minute. */
export const wordBucketRange = (word: string, bucket: number) => ({
  $gt: `${word}|${bucketText(bucket)}|`,
  $lt: `${word}|${bucketText(bucket)}|~`,
});

export function parseWordKey(id: string): { word: string; bucket: number; ticketId: string } {
  const [word = "", bucket = "0", ticketId = ""] = id.split("|");
  return { word, bucket: Number(bucket), ticketId };
}

/** Space-separated words (a word holds no space), as stored in `words`. */
export const splitWords = (text: string | undefined) => (text ? text.split(" ") : []);

export interface WordKeyDocument {
  _id: string;
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
  /** `_id` is `<word>|<minute>|<ticket id>` (wordKey). */
  words: readCollection<WordKeyDocument>(target, WORDS),
  tickets: readCollection<SearchTicketDocument>(target, TICKETS),
  vocabulary: readCollection<VocabularyDocument>(target, VOCABULARY),
});
