import {
  MongoBulkWriteError,
  type AnyBulkWriteOperation,
  type Collection,
  type ObjectId,
} from "mongodb";
import type { Collections } from "@/server/db/collections";
import { isDuplicateKey } from "@/server/db/errors";
import { difference, syncBucket } from "@/server/projections/project-dashboard";
import { projectListRows } from "@/server/projections/project-list";
import { contribution } from "@/server/tickets/queries/dashboard/contribution";
import { bucketOf, type BucketId } from "@/server/tickets/queries/dashboard/documents";
import { toTicketDetailDocument } from "@/server/tickets/queries/ticket-detail/document";
import { toTicketListDocument } from "@/server/tickets/queries/ticket-list/document";
import type { TicketDocument } from "@/server/tickets/write-model";

/**
 * Projects many tickets at once: the same documents and guards as `projectTicket`, in a few
 * round trips per batch instead of a dozen per ticket. Used by the rebuild and the catch-up.
 * With `sync`, also brings the dashboard summary up to date with every bucket it touched.
 */
export async function projectBatch(
  target: Collections,
  tickets: TicketDocument[],
  now: Date,
  options: { sync?: boolean } = {},
): Promise<void> {
  await Promise.all([
    projectListRows(
      target,
      tickets.map((t) => toTicketListDocument(t, now)),
      (rows) => guardedBulk(target.ticketList, rows),
    ),
    guardedBulk(
      target.ticketDetail,
      tickets.map((t) => toTicketDetailDocument(t, now)),
    ),
  ]);
  const byBucket = new Map<BucketId, TicketDocument[]>();
  for (const ticket of tickets) {
    const b = bucketOf(ticket._id);
    const members = byBucket.get(b);
    if (members) members.push(ticket);
    else byBucket.set(b, [ticket]);
  }
  for (const [b, members] of byBucket) {
    await countBatchIntoBucket(target, b, members, now);
    if (options.sync) await syncBucket(target, b, now);
  }
}

async function guardedBulk<T extends { _id: ObjectId; version: number }>(
  collection: Collection<T>,
  docs: T[],
) {
  // The same guard as writeIfNewer, for a whole batch in one round trip.
  const operations = docs.map(({ _id, ...fields }) => ({
    updateOne: {
      filter: { _id, version: { $lt: fields.version } },
      update: { $set: fields },
      upsert: true,
    },
  })) as unknown as AnyBulkWriteOperation<T>[];
  try {
    await collection.bulkWrite(operations, { ordered: false });
  } catch (error) {
    // A duplicate key means a copy at this version or newer is already there (a resumed batch).
    if (!(error instanceof MongoBulkWriteError)) throw error;
    const errors = error.result.getWriteErrors();
    if (errors.length === 0 || errors.some((e) => e.code !== 11000)) throw error;
  }
}

/** Like the projector's per-ticket counting, for many tickets of one bucket in one update. */
async function countBatchIntoBucket(
  target: Collections,
  b: BucketId,
  tickets: TicketDocument[],
  now: Date,
) {
  for (let round = 0; round < 20; round++) {
    const projection: Record<string, 1> = { rev: 1 };
    for (const t of tickets) projection[`entries.${t._id.toHexString()}`] = 1;
    const bucket = await target.dashboardBuckets.findOne({ _id: b }, { projection });
    if (!bucket) {
      try {
        await target.dashboardBuckets.insertOne({
          _id: b,
          rev: 0,
          counts: {},
          entries: {},
          projectedAt: now,
        });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      continue;
    }
    const inc: Record<string, number> = {};
    const set: Record<string, unknown> = { projectedAt: now };
    for (const ticket of tickets) {
      const id = ticket._id.toHexString();
      const entry = bucket.entries?.[id];
      if (entry && entry.v >= ticket.version) continue;
      const next = contribution(ticket);
      for (const [key, change] of Object.entries(difference(entry?.k ?? [], next))) {
        inc[`counts.${key}`] = (inc[`counts.${key}`] ?? 0) + change;
      }
      set[`entries.${id}`] = { v: ticket.version, k: next };
    }
    if (Object.keys(set).length === 1) return; // all counted already
    const written = await target.dashboardBuckets.updateOne(
      { _id: b, rev: bucket.rev },
      { $inc: { ...inc, rev: 1 }, $set: set },
    );
    if (written.matchedCount === 1) return;
  }
  throw new Error(`dashboard bucket ${b}: too much contention during the rebuild`);
}
