import {
  MongoBulkWriteError,
  type AnyBulkWriteOperation,
  type Collection,
  type ObjectId,
  type OptionalUnlessRequiredId,
} from "mongodb";
import type { Collections } from "@/server/db/collections";
import { isDuplicateKey } from "@/server/db/errors";
import { difference } from "@/server/projections/project-dashboard";
import { chunks } from "@/server/projections/chunks";
import { projectListRows } from "@/server/projections/project-list";
import { contribution } from "@/server/tickets/queries/dashboard/contribution";
import { bucketOf, type BucketId, type Counts } from "@/server/tickets/queries/dashboard/documents";
import { toTicketDetailDocument } from "@/server/tickets/queries/ticket-detail/document";
import { toTicketListDocument } from "@/server/tickets/queries/ticket-list/document";
import type { TicketDocument } from "@/server/tickets/write-model";

/**
 * Projects many tickets at once: the same documents and guards as `projectTicket`, in a few
 * commands per batch instead of a dozen round trips per ticket. Used by the rebuild and the
 * catch-up. Documents that do not exist yet are inserted (one write for many documents; an
 * update is one write per document on the embedded database), existing ones get the guarded
 * upsert. Returns the dashboard buckets it changed: the caller syncs them into the summary.
 */
export async function projectBatch(
  target: Collections,
  tickets: TicketDocument[],
  now: Date,
): Promise<Set<BucketId>> {
  await projectListRows(
    target,
    tickets.map((t) => toTicketListDocument(t, now)),
    (rows) => insertOrUpsert(target.ticketList, rows),
  );
  // Only details that are missing or older: a statement that changes nothing is an error on
  // the embedded database (the guarded upsert collides), and costs a write everywhere.
  const details = new Map<string, number>();
  for (const chunk of chunks(tickets)) {
    const found = target.ticketDetail.find(
      { _id: { $in: chunk.map((t) => t._id) } },
      { projection: { version: 1 } },
    );
    for await (const d of found) details.set(d._id.toHexString(), d.version);
  }
  await insertOrUpsert(
    target.ticketDetail,
    tickets
      .filter((t) => (details.get(t._id.toHexString()) ?? 0) < t.version)
      .map((t) => toTicketDetailDocument(t, now)),
  );
  const byBucket = new Map<BucketId, TicketDocument[]>();
  for (const ticket of tickets) {
    const b = bucketOf(ticket._id);
    const members = byBucket.get(b);
    if (members) members.push(ticket);
    else byBucket.set(b, [ticket]);
  }
  const changed = new Set<BucketId>();
  for (const [b, members] of byBucket) {
    if (await countBatchIntoBucket(target, b, members, now)) changed.add(b);
  }
  return changed;
}

/** Inserts the documents; those already there get the version-guarded upsert instead. */
export async function insertOrUpsert<T extends { _id: ObjectId; version: number }>(
  collection: Collection<T>,
  docs: T[],
) {
  for (const chunk of chunks(docs)) {
    try {
      await collection.insertMany(chunk as OptionalUnlessRequiredId<T>[], { ordered: false });
    } catch (error) {
      if (!(error instanceof MongoBulkWriteError)) throw error;
      const errors = error.result.getWriteErrors();
      if (errors.some((e) => e.code !== 11000)) throw error;
      await guardedBulk(
        collection,
        errors.map((e) => chunk[e.index]!),
      );
    }
  }
}

export async function guardedBulk<T extends { _id: ObjectId; version: number }>(
  collection: Collection<T>,
  docs: T[],
) {
  for (const chunk of chunks(docs)) {
    // The same guard as writeIfNewer, for many documents in one command.
    const operations = chunk.map(({ _id, ...fields }) => ({
      updateOne: {
        filter: { _id, version: { $lt: fields.version } },
        update: { $set: fields },
        upsert: true,
      },
    })) as unknown as AnyBulkWriteOperation<T>[];
    let pending = operations;
    while (pending.length > 0) {
      try {
        await collection.bulkWrite(pending, { ordered: false });
        break;
      } catch (error) {
        // A duplicate key means a copy at this version or newer is already there. FerretDB stops
        // at the first failed statement even when unordered, so what follows it runs again
        // (harmless on MongoDB, where it already ran: every statement is guarded).
        if (!(error instanceof MongoBulkWriteError)) throw error;
        const errors = error.result.getWriteErrors();
        if (errors.length === 0 || errors.some((e) => e.code !== 11000)) throw error;
        pending = pending.slice(Math.max(...errors.map((e) => e.index)) + 1);
      }
    }
  }
}

/**
 * Like the projector's per-ticket counting, for many tickets of one bucket in one write; a
 * bucket that does not exist yet is created with them in it. Returns whether it changed.
 */
async function countBatchIntoBucket(
  target: Collections,
  b: BucketId,
  tickets: TicketDocument[],
  now: Date,
): Promise<boolean> {
  for (let round = 0; round < 20; round++) {
    const projection: Record<string, 1> = { rev: 1 };
    for (const t of tickets) projection[`entries.${t._id.toHexString()}`] = 1;
    const bucket = await target.dashboardBuckets.findOne({ _id: b }, { projection });
    const inc: Counts = {};
    const entries: Record<string, { v: number; k: string[] }> = {};
    for (const ticket of tickets) {
      const id = ticket._id.toHexString();
      const entry = bucket?.entries?.[id];
      if (entry && entry.v >= ticket.version) continue;
      const next = contribution(ticket);
      for (const [key, change] of Object.entries(difference(entry?.k ?? [], next))) {
        inc[key] = (inc[key] ?? 0) + change;
      }
      entries[id] = { v: ticket.version, k: next };
    }
    if (Object.keys(entries).length === 0) return false; // all counted already
    if (!bucket) {
      try {
        await target.dashboardBuckets.insertOne({
          _id: b,
          rev: 1,
          counts: inc,
          entries,
          projectedAt: now,
        });
        return true;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        continue; // created meanwhile: count into it
      }
    }
    const set: Record<string, unknown> = { projectedAt: now };
    for (const [id, entry] of Object.entries(entries)) set[`entries.${id}`] = entry;
    const increments: Record<string, number> = { rev: 1 };
    for (const [key, change] of Object.entries(inc)) increments[`counts.${key}`] = change;
    const written = await target.dashboardBuckets.updateOne(
      { _id: b, rev: bucket.rev },
      { $inc: increments, $set: set },
    );
    if (written.matchedCount === 1) return true;
  }
  throw new Error(`dashboard bucket ${b}: too much contention`);
}
