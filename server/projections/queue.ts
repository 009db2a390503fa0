import type { Collection, ObjectId } from "mongodb";
import { isDuplicateKey } from "@/server/db/errors";
import type { QueueEntry } from "@/server/projections/documents";

export const EPOCH = new Date(0);

/** An entry as a fresh enqueue leaves it: claimable now, no failures counted, not parked. */
export const FRESH_ROUND = {
  dead: false,
  attempts: 0,
  lastError: null,
  leaseUntil: EPOCH,
  owner: null,
} as const satisfies Partial<QueueEntry>;

export async function enqueue(queue: Collection<QueueEntry>, ticketId: ObjectId, now: Date) {
  // One write on the common path: the upsert also says whether the entry is parked.
  const upsert = () =>
    queue.findOneAndUpdate(
      { _id: ticketId },
      {
        $inc: { n: 1 },
        $setOnInsert: { since: now, ...FRESH_ROUND },
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
    await retryDeadLetter(queue, ticketId);
  }
}

/** Puts a parked ticket back in line. Returns false when it is not a dead letter. */
export async function retryDeadLetter(queue: Collection<QueueEntry>, ticketId: ObjectId) {
  const result = await queue.updateOne({ _id: ticketId, dead: true }, { $set: FRESH_ROUND });
  return result.matchedCount === 1;
}
