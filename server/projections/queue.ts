import type { Collection, ObjectId } from "mongodb";
import { isDuplicateKey } from "@/server/db/errors";

/**
 * The projection queue is an index of the tickets whose projection is owed, kept small so the
 * poller never scans the ticket collection (on the embedded database only `_id` lookups are
 * cheap). The ticket's own `dirtySince` marker stays the source of truth; the sweeper rebuilds
 * queue entries from it if a process died between the ticket write and the enqueue.
 */
export interface QueueEntry {
  _id: ObjectId; // the ticket id
  /** Bumped by every enqueue; the projector deletes the entry only if it did not move. */
  n: number;
  since: Date;
  /** Claimable when in the past. Claiming sets it forward: the lease. */
  leaseUntil: Date;
  owner: string | null;
  attempts: number;
  lastError: string | null;
  /** Parked after too many failures; shown as a dead letter until retried. */
  dead: boolean;
}

export const EPOCH = new Date(0);

export async function enqueue(queue: Collection<QueueEntry>, ticketId: ObjectId, now: Date) {
  // One write on the common path: the upsert also says whether the entry is parked.
  const upsert = () =>
    queue.findOneAndUpdate(
      { _id: ticketId },
      {
        $inc: { n: 1 },
        $setOnInsert: {
          since: now,
          leaseUntil: EPOCH,
          owner: null,
          attempts: 0,
          lastError: null,
          dead: false,
        },
      },
      { upsert: true, returnDocument: "after" },
    );
  let entry: QueueEntry | null;
  try {
    entry = await upsert();
  } catch (error) {
    // Two concurrent upserts of a new entry: one inserts, the other must update.
    if (!isDuplicateKey(error)) throw error;
    entry = await upsert();
  }
  // A new write to a parked ticket deserves a fresh round of attempts: a dead letter must never
  // swallow later commands.
  if (entry?.dead !== false) {
    await queue.updateOne(
      { _id: ticketId, dead: true },
      { $set: { dead: false, attempts: 0, lastError: null, leaseUntil: EPOCH, owner: null } },
    );
  }
}
