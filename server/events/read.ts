// Reading the feed: only positions up to the sequence's `visible` mark, which moves only after
// every position below it is written, so a reader never sees N + 1 while N can still appear.
import type { Db } from "mongodb";
import {
  feedCollections,
  positionId,
  ticketKey,
  type EventDocument,
} from "@/server/events/collections";
import type { FeedType, PositionedEvent } from "@/server/events/event";
import { readSequence } from "@/server/events/sequence";

export interface FeedQuery {
  /** The position read last (0: from the start). */
  after: number;
  limit: number;
  types?: ReadonlySet<FeedType>;
  ticketId?: string;
}

export interface FeedPage {
  items: PositionedEvent[];
  /** The position to resume after: the last one read, even when no event of it matched. */
  next: number;
  /** The last position readers may see now. */
  visible: number;
}

/** A cursor from before the oldest kept event: the events in between were pruned. */
export class FeedGoneError extends Error {
  constructor(readonly start: number) {
    super(`The feed now starts at position ${start}; events before it were pruned.`);
  }
}

/** Events a filtered read looks at, at most, before it answers (with the cursor moved on). */
const SCAN_LIMIT = 5_000;
const PAGE = 500;

const parse = (doc: EventDocument) => JSON.parse(doc.json) as PositionedEvent;

export async function readFeed(db: Db, query: FeedQuery): Promise<FeedPage> {
  const sequence = await readSequence(db);
  if (query.after < sequence.start - 1) throw new FeedGoneError(sequence.start);
  const visible = sequence.visible;
  if (query.after >= visible) return { items: [], next: query.after, visible };
  const page = query.ticketId
    ? await readTicket(db, { ...query, ticketId: query.ticketId }, visible)
    : await scan(db, query, visible);
  return { ...page, visible };
}

/** The feed in position order from `after`, filtered by type, within SCAN_LIMIT. */
async function scan(db: Db, query: FeedQuery, visible: number) {
  const { events } = feedCollections(db);
  const items: PositionedEvent[] = [];
  let next = query.after;
  let scanned = 0;
  while (items.length < query.limit && next < visible && scanned < SCAN_LIMIT) {
    const size = query.types ? PAGE : query.limit - items.length;
    const docs = await events
      .find({ _id: { $gt: positionId(next), $lte: positionId(visible) } })
      .sort({ _id: 1 })
      .limit(size)
      .toArray();
    if (docs.length === 0) break; // pruned meanwhile
    for (const doc of docs) {
      next = doc.position;
      scanned++;
      if (query.types && !query.types.has(doc.type)) continue;
      items.push(parse(doc));
      if (items.length === query.limit) break;
    }
  }
  return { items, next };
}

/** One ticket's events, through its keys (`<ticket>|<position>`). */
async function readTicket(db: Db, query: FeedQuery & { ticketId: string }, visible: number) {
  const { byTicket, events } = feedCollections(db);
  const items: PositionedEvent[] = [];
  let after = query.after;
  let exhausted = false;
  for (let round = 0; round < SCAN_LIMIT / PAGE && items.length < query.limit; round++) {
    const keys = await byTicket
      .find({
        _id: {
          $gt: ticketKey(query.ticketId, after),
          $lte: ticketKey(query.ticketId, visible),
        },
      })
      .sort({ _id: 1 })
      .limit(PAGE)
      .toArray();
    if (keys.length < PAGE) exhausted = true;
    if (keys.length === 0) break;
    const positions = keys.map((k) => Number(k._id.slice(k._id.indexOf("|") + 1)));
    const docs = await events.find({ _id: { $in: positions.map(positionId) } }).toArray();
    const byPosition = new Map(docs.map((d) => [d.position, d]));
    for (const position of positions) {
      after = position;
      const doc = byPosition.get(position);
      if (!doc || (query.types && !query.types.has(doc.type))) continue; // pruned, or filtered
      items.push(parse(doc));
      if (items.length === query.limit) break;
    }
  }
  // Nothing more of this ticket up to `visible`: resume from there.
  const full = items.length === query.limit;
  return { items, next: exhausted && !full ? visible : after };
}

/** Until the visible mark passes `after` or `deadline` comes; polls the one sequence document. */
export async function waitForEvents(db: Db, after: number, deadline: number, signal?: AbortSignal) {
  while (Date.now() < deadline && !signal?.aborted) {
    if ((await readSequence(db)).visible > after) return true;
    await new Promise((resolve) => setTimeout(resolve, Math.min(200, deadline - Date.now())));
  }
  return false;
}
