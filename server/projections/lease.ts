import { randomBytes } from "node:crypto";
import type { Collection, ObjectId } from "mongodb";
import type { QueueEntry } from "@/server/projections/documents";
import { FRESH_ROUND } from "@/server/projections/queue";

const FAR_FUTURE = new Date("9999-12-31T00:00:00Z");

/** A claimed queue entry: what `n` was at the claim, and the claim's own token. */
export interface Lease {
  ticketId: ObjectId;
  n: number;
  attempts: number;
  claim: string;
}

/**
 * Claims a due entry for `leaseMs`. A fresh token per claim: a projector whose lease ran out can
 * then never release or delete an entry that another projector (or a later enqueue) owns now.
 * Null when someone else holds it, or it is done.
 */
export async function claimEntry(
  queue: Collection<QueueEntry>,
  ticketId: ObjectId,
  owner: string,
  leaseMs: number,
  now = new Date(),
): Promise<Lease | null> {
  const claim = `${owner}:${randomBytes(6).toString("hex")}`;
  const claimed = await queue.findOneAndUpdate(
    { _id: ticketId, leaseUntil: { $lte: now } },
    { $set: { leaseUntil: new Date(now.getTime() + leaseMs), owner: claim } },
    { returnDocument: "after" },
  );
  return claimed ? { ticketId, n: claimed.n, attempts: claimed.attempts, claim } : null;
}

/**
 * The entry's work is done: delete it, unless an enqueue happened since the claim (`n` moved),
 * in which case it is put back in line for another round.
 */
export async function releaseEntry(queue: Collection<QueueEntry>, lease: Lease): Promise<void> {
  const removed = await queue.deleteOne({ _id: lease.ticketId, n: lease.n, owner: lease.claim });
  if (removed.deletedCount === 0) {
    await queue.updateOne({ _id: lease.ticketId, owner: lease.claim }, { $set: FRESH_ROUND });
  }
}

/**
 * The projection failed: retry later with exponential backoff, or park the entry as a dead
 * letter after `maxAttempts`. Returns whether it was parked.
 */
export async function failEntry(
  queue: Collection<QueueEntry>,
  lease: Lease,
  message: string,
  maxAttempts: number,
): Promise<{ attempts: number; dead: boolean }> {
  const attempts = lease.attempts + 1;
  const dead = attempts >= maxAttempts;
  const retryAt = new Date(Date.now() + Math.min(100 * 2 ** attempts, 60_000));
  await queue.updateOne(
    { _id: lease.ticketId, owner: lease.claim },
    {
      $set: {
        attempts,
        dead,
        lastError: message,
        owner: null,
        leaseUntil: dead ? FAR_FUTURE : retryAt,
      },
    },
  );
  return { attempts, dead };
}
