// The sequencer: gives staged events their positions, exactly once and without gaps, with one
// compare-and-set on the sequence document, the way the dashboard's aggregation counts
// (docs/projections.md, "The event feed"). Safe in several processes at once.
import type { Db } from "mongodb";
import { z } from "zod";
import { isDuplicateKey } from "@/server/db/errors";
import {
  SEQUENCE_ID,
  feedCollections,
  positionId,
  ticketKey,
  type EventDocument,
  type EventInboxDocument,
  type SequenceDocument,
} from "@/server/events/collections";
import type { FeedEvent, PositionedEvent } from "@/server/events/event";
import { insertMissing, insertOrUpsert } from "@/server/projections/bulk-writes";
import { chunks } from "@/server/projections/chunks";
import { fedVersions } from "@/server/events/stage";

/** Inbox documents one round takes; and the most event text one round holds. */
const BATCH = 500;
const BATCH_BYTES = 2_000_000;
/** Compare-and-set attempts before a round gives up (another process keeps winning). */
const MAX_ROUNDS = 50;

/** What a compare-and-set commits to: every write of its follow-up, so anyone can finish it. */
const pendingSchema = z.object({
  /** [inbox id, position], in position order. */
  items: z.array(z.tuple([z.string(), z.number()])),
  /** [ticket id, last version with a position]. */
  tickets: z.array(z.tuple([z.string(), z.number()])),
  /** Inbox documents of versions the feed already has (replays): deleted with the rest. */
  stale: z.array(z.string()),
});
type Pending = z.infer<typeof pendingSchema>;

export async function readSequence(db: Db): Promise<SequenceDocument> {
  const { sequence } = feedCollections(db);
  for (;;) {
    const doc = await sequence.findOne({ _id: SEQUENCE_ID });
    if (doc) return doc;
    try {
      await sequence.insertOne({
        _id: SEQUENCE_ID,
        seq: 0,
        visible: 0,
        start: 1,
        pending: null,
        sequencedAt: null,
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error; // created concurrently: read that one
    }
  }
}

/**
 * Gives everything in the inbox a position, batch by batch; first finishes whatever an earlier
 * round (here or in another process) left half done. Returns how many events it sequenced.
 */
export async function sequenceEvents(db: Db): Promise<number> {
  let sequenced = 0;
  for (;;) {
    const n = await sequenceOnce(db);
    if (n === 0) return sequenced;
    sequenced += n;
  }
}

/**
 * The next events of each ticket that may follow what the feed has: versions above the fed
 * one whose `prev` the feed has reached, consecutively. A version whose predecessor is not
 * staged yet waits (its ticket is still marked, so its projection comes back and stages it).
 */
function nextPerTicket(items: EventInboxDocument[], fed: Map<string, number>) {
  const byTicket = new Map<string, EventInboxDocument[]>();
  const stale: string[] = [];
  for (const item of items) {
    if (item.version <= (fed.get(item.ticketId) ?? 0)) stale.push(item._id);
    else byTicket.set(item.ticketId, [...(byTicket.get(item.ticketId) ?? []), item]);
  }
  const runs: EventInboxDocument[][] = [];
  for (const [ticketId, own] of byTicket) {
    own.sort((a, b) => a.version - b.version);
    let last = fed.get(ticketId) ?? 0;
    const run: EventInboxDocument[] = [];
    for (const item of own) {
      if (item.prev > last) break;
      run.push(item);
      last = item.version;
    }
    if (run.length > 0) runs.push(run);
  }
  return { runs, stale };
}

/** Merges the tickets' runs by time, each ticket's in version order, within the batch's bytes. */
function merge(runs: EventInboxDocument[][]): EventInboxDocument[] {
  const heads = runs.map(() => 0);
  const out: EventInboxDocument[] = [];
  let bytes = 0;
  for (;;) {
    let best = -1;
    for (let r = 0; r < runs.length; r++) {
      const head = runs[r]![heads[r]!];
      if (!head) continue;
      const current = best >= 0 ? runs[best]![heads[best]!]! : null;
      if (
        !current ||
        head.at.getTime() < current.at.getTime() ||
        (head.at.getTime() === current.at.getTime() && head._id < current._id)
      )
        best = r;
    }
    if (best < 0) return out;
    const item = runs[best]![heads[best]!]!;
    if (out.length > 0 && (out.length >= BATCH || bytes + item.json.length > BATCH_BYTES))
      return out;
    out.push(item);
    bytes += item.json.length;
    heads[best]!++;
  }
}

async function sequenceOnce(db: Db): Promise<number> {
  const cols = feedCollections(db);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const sequence = await readSequence(db);
    if (sequence.pending !== null) {
      await finish(db, sequence.seq, pendingSchema.parse(JSON.parse(sequence.pending)));
      continue;
    }
    // In `_id` order, so a ticket's versions come together and in order. The range (every
    // string id) lets the embedded database answer from its `_id` index instead of reading and
    // sorting the whole inbox, which holds a whole desk's history after an upgrade's rebuild.
    const items = await cols.inbox
      .find({ _id: { $gt: "" } })
      .sort({ _id: 1 })
      .limit(BATCH)
      .toArray();
    if (items.length === 0) return 0;
    const fed = await fedVersions(
      db,
      items.map((i) => i.ticketId),
    );
    const { runs, stale } = nextPerTicket(items, fed);
    const chosen = merge(runs);
    if (chosen.length === 0) {
      // Only replays (and versions still waiting for their predecessor): nothing to number.
      for (const chunk of chunks(stale)) await cols.inbox.deleteMany({ _id: { $in: chunk } });
      return stale.length;
    }
    const last = new Map<string, number>();
    for (const item of chosen) last.set(item.ticketId, item.version);
    const pending: Pending = {
      items: chosen.map((item, i) => [item._id, sequence.seq + 1 + i]),
      tickets: [...last],
      stale,
    };
    const seq = sequence.seq + chosen.length;
    const won = await cols.sequence.updateOne(
      { _id: SEQUENCE_ID, seq: sequence.seq, pending: null },
      { $set: { seq, pending: JSON.stringify(pending) } },
    );
    if (won.matchedCount !== 1) continue; // another process numbered first: read again
    await finish(db, seq, pending);
    return chosen.length + stale.length;
  }
  throw new Error("event feed: too much contention between sequencers");
}

/**
 * The follow-up of the compare-and-set that moved the sequence to `seq`. Idempotent, so any
 * process may run it, again: the events are written first (all of them), then the tickets'
 * versions, then the inbox documents go, and only then do readers see the new positions.
 */
async function finish(db: Db, seq: number, pending: Pending) {
  const cols = feedCollections(db);
  const have = new Set<string>();
  for (const chunk of chunks(pending.items.map(([, p]) => positionId(p)))) {
    for await (const e of cols.events.find({ _id: { $in: chunk } }, { projection: { _id: 1 } }))
      have.add(e._id);
  }
  const missing = pending.items.filter(([, p]) => !have.has(positionId(p)));
  const staged = new Map<string, EventInboxDocument>();
  for (const chunk of chunks(missing.map(([id]) => id))) {
    for await (const item of cols.inbox.find({ _id: { $in: chunk } })) staged.set(item._id, item);
  }
  const docs: EventDocument[] = [];
  for (const [id, position] of missing) {
    const item = staged.get(id);
    if (!item) {
      // Another process finishing the same follow-up wrote it and deleted the inbox document.
      if (await cols.events.findOne({ _id: positionId(position) }, { projection: { _id: 1 } }))
        continue;
      throw new Error(`event feed: staged event ${id} for position ${position} is gone`);
    }
    const event = JSON.parse(item.json) as FeedEvent;
    const positioned: PositionedEvent = { position, ...event };
    docs.push({
      _id: positionId(position),
      position,
      ticketId: item.ticketId,
      version: item.version,
      type: event.type,
      at: item.at,
      json: JSON.stringify(positioned),
    });
  }
  await insertMissing(cols.events, docs);
  const ticketOf = new Map(pending.items.map(([id]) => [id, id.slice(0, id.indexOf(":"))]));
  await insertMissing(
    cols.byTicket,
    pending.items.map(([id, position]) => ({ _id: ticketKey(ticketOf.get(id)!, position) })),
  );
  await insertOrUpsert(
    cols.tickets,
    pending.tickets.map(([_id, version]) => ({ _id, version })),
  );
  for (const chunk of chunks([...pending.items.map(([id]) => id), ...pending.stale]))
    await cols.inbox.deleteMany({ _id: { $in: chunk } });
  await cols.sequence.updateOne(
    { _id: SEQUENCE_ID, seq, pending: { $ne: null } },
    { $set: { pending: null, visible: seq, sequencedAt: new Date() } },
  );
}

/** Whether staged events wait for a position (verification waits until none do). */
export async function feedUnsettled(db: Db): Promise<boolean> {
  const sequence = await readSequence(db);
  if (sequence.pending !== null) return true;
  return (await feedCollections(db).inbox.findOne({}, { projection: { _id: 1 } })) !== null;
}
