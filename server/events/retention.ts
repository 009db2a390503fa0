// EVENTS_RETENTION_DAYS: the sweep prunes the oldest events. The start moves first and the
// events go after it, so a reader never pages over a hole: a cursor before the start is a 410.
import type { Db } from "mongodb";
import { SEQUENCE_ID, feedCollections, positionId } from "@/server/events/collections";
import { readSequence } from "@/server/events/sequence";

const BATCH = 500;

/** Prunes events older than `cutoff` from the start of the feed; returns how many went. */
export async function pruneEvents(db: Db, cutoff: Date): Promise<number> {
  const { events, sequence } = feedCollections(db);
  let pruned = 0;
  for (;;) {
    const { start, visible } = await readSequence(db);
    const oldest = await events
      .find(
        { _id: { $gt: positionId(0), $lte: positionId(visible) } },
        { projection: { at: 1, position: 1 } },
      )
      .sort({ _id: 1 })
      .limit(BATCH)
      .toArray();
    // Below the start: left by a prune that stopped between moving the start and deleting.
    const leftover = oldest.filter((e) => e.position < start);
    const old = oldest.filter((e) => e.position >= start);
    const cut = old.findIndex((e) => e.at >= cutoff);
    const expired = cut < 0 ? old : old.slice(0, cut);
    if (leftover.length === 0 && expired.length === 0) return pruned;
    if (expired.length > 0) {
      const nextStart = expired.at(-1)!.position + 1;
      await sequence.updateOne(
        { _id: SEQUENCE_ID, start: { $lt: nextStart } },
        { $set: { start: nextStart } },
      );
    }
    const gone = [...leftover, ...expired].map((e) => e._id);
    await events.deleteMany({ _id: { $in: gone } });
    pruned += gone.length;
  }
}
