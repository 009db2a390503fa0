// The event feed's collections. They sit outside the read models' generations: a position,
// once given, never changes, so a rebuild must not start the feed again (docs/projections.md,
// "The event feed").
import type { Db } from "mongodb";
import type { FeedType } from "@/server/events/event";

export const FEED_COLLECTIONS = {
  /** The feed itself: `_id` is the position, zero-padded, so `_id` order is feed order. */
  events: "events",
  /** One key per event, `<ticket id>|<position>`: a ticket's events without scanning the feed. */
  byTicket: "events_by_ticket",
  /** Staged events, waiting for a position: `_id` `<ticket id>:<version, 10 digits>`. */
  inbox: "events_inbox",
  /** Per ticket, the last version that has a position. */
  tickets: "events_tickets",
  /** The one sequence document. */
  sequence: "events_sequence",
} as const;

export interface EventDocument {
  _id: string;
  position: number;
  ticketId: string;
  version: number;
  type: FeedType;
  at: Date;
  /** The event as served (position included), as JSON text: one field to read and write. */
  json: string;
}

export interface EventInboxDocument {
  _id: string;
  ticketId: string;
  version: number;
  /**
   * The version this one follows in the feed: `version - 1`, or, for the first version staged
   * when the feed had less of the ticket than its history, the version the feed had then.
   */
  prev: number;
  at: Date;
  /** The FeedEvent, as JSON text. */
  json: string;
}

export interface EventTicketDocument {
  _id: string;
  version: number;
}

export interface EventKeyDocument {
  _id: string;
}

export interface SequenceDocument {
  _id: "feed";
  /** The last position given. */
  seq: number;
  /** The last position readers may see: every position up to it is in `events`. */
  visible: number;
  /** The first position still kept (EVENTS_RETENTION_DAYS prunes older ones). */
  start: number;
  /** The follow-up of the last compare-and-set while it is not finished, as JSON text. */
  pending: string | null;
  sequencedAt: Date | null;
}

export const SEQUENCE_ID = "feed" as const;

export function feedCollections(db: Db) {
  return {
    events: db.collection<EventDocument>(FEED_COLLECTIONS.events),
    byTicket: db.collection<EventKeyDocument>(FEED_COLLECTIONS.byTicket),
    inbox: db.collection<EventInboxDocument>(FEED_COLLECTIONS.inbox),
    tickets: db.collection<EventTicketDocument>(FEED_COLLECTIONS.tickets),
    sequence: db.collection<SequenceDocument>(FEED_COLLECTIONS.sequence),
  };
}

const POSITION_DIGITS = 15;
export const positionId = (position: number) => String(position).padStart(POSITION_DIGITS, "0");
export const ticketKey = (ticketId: string, position: number) =>
  `${ticketId}|${positionId(position)}`;
export const inboxId = (ticketId: string, version: number) =>
  `${ticketId}:${String(version).padStart(10, "0")}`;
