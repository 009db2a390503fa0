import type { AnyBulkWriteOperation, Collection, ObjectId } from "mongodb";
import type { ReadTarget } from "@/server/db/generations";
import { insertMissing } from "@/server/projections/bulk-writes";
import { chunks } from "@/server/projections/chunks";
import {
  bucketOf,
  splitWords,
  ticketSearchCollections,
  wordKey,
  type SearchTicketDocument,
} from "@/server/read-models/ticket-list/search/collections";
import { readBodies } from "@/server/tickets/message-bodies";
import { wordsOf } from "@/server/text/words";
import { messageDocumentId, type TicketDocument } from "@/server/tickets/write-model";

/** The words of the ticket's subject and first message. */
export const headWords = (ticket: TicketDocument) => wordsOf(`${ticket.subject} ${ticket.message}`);

/** A ticket's word keys in a minute. */
export const wordKeysOf = (ticketId: string, bucket: number, words: Iterable<string>) =>
  [...new Set(words)].map((word) => wordKey(word, bucket, ticketId));

/** Inserts the documents not there yet: reading first, as a bulk insert stops at each duplicate. */
async function insertAbsent<T extends { _id: string }>(collection: Collection<T>, ids: string[]) {
  const present = new Set<string>();
  for (const chunk of chunks(ids)) {
    const found = collection.find({ _id: { $in: chunk } } as never, { projection: { _id: 1 } });
    for await (const doc of found) present.add(doc._id);
  }
  const absent = ids.filter((id) => !present.has(id)).map((_id) => ({ _id }));
  await insertMissing(collection, absent as never);
}

/**
 * Projects many tickets' words. Per ticket, in this order (docs/projections.md, "Search words"):
 *  1. when the ticket moves to a later minute: list that minute in `buckets` (`$addToSet`, no guard),
 *  2. write the keys: all words in the new minute if it moved, else only the words it adds (and
 *     new words to the vocabulary),
 *  3. set the version, words, message count and minute with the version guard,
 *  4. delete the keys of every listed minute but the stored one, and unlist those minutes.
 * A key is written only after its minute is listed, so a crash anywhere leaves no key a later
 * projection cannot find. Readers take a key only while its minute is the list row's, so the
 * leftovers of a crash are never shown.
 */
export async function projectSearchWords(target: ReadTarget, tickets: TicketDocument[]) {
  const cols = ticketSearchCollections(target);
  const stored = new Map<string, SearchTicketDocument>();
  for (const chunk of chunks(tickets)) {
    const ids: ObjectId[] = chunk.map((t) => t._id);
    for await (const doc of cols.tickets.find({ _id: { $in: ids } }))
      stored.set(doc._id.toHexString(), doc);
  }
  const fresh = tickets.filter((t) => (stored.get(t._id.toHexString())?.version ?? 0) < t.version);
  if (fresh.length === 0) return;

  const later = (t: TicketDocument) => {
    const s = stored.get(t._id.toHexString());
    const from = s?.words !== undefined ? (s.messages ?? 0) : 0;
    return t.messageIds.slice(from).map((id) => messageDocumentId(t._id.toHexString(), id));
  };
  const bodies = await readBodies(target.db, fresh.flatMap(later));
  const work = fresh.map((ticket) => {
    const ticketId = ticket._id.toHexString();
    const s = stored.get(ticketId);
    const known = new Set(s?.words !== undefined ? splitWords(s.words) : headWords(ticket));
    const added = new Set<string>(s?.words !== undefined ? [] : known);
    for (const id of later(ticket)) {
      const body = bodies.get(id);
      if (body === undefined) throw new Error(`message ${id} is listed but missing`);
      for (const word of wordsOf(body))
        if (!known.has(word)) {
          known.add(word);
          added.add(word);
        }
    }
    const bucket = bucketOf(ticket.updatedAt);
    const moved = s?.bucket !== bucket;
    return {
      ticket,
      bucket,
      moved,
      words: [...known],
      added: [...added],
      keys: wordKeysOf(ticketId, bucket, moved ? known : added),
    };
  });

  await bulk(
    cols.tickets,
    work
      .filter((w) => w.moved)
      .map(({ ticket, bucket }) => ({
        updateOne: {
          filter: { _id: ticket._id },
          update: { $addToSet: { buckets: bucket } },
          upsert: true,
        },
      })),
  );
  // Straight inserts: a ticket's keys in a minute are new unless a crashed projection wrote some
  // (then insertMissing steps over each one already there).
  await insertMissing(
    cols.words,
    work.flatMap((w) => w.keys.map((_id) => ({ _id }))),
  );
  await insertAbsent(cols.vocabulary, [...new Set(work.flatMap((w) => w.added))]);
  const now = new Date();
  await bulk(
    cols.tickets,
    work.map(({ ticket, words, bucket }) => ({
      updateOne: {
        filter: {
          _id: ticket._id,
          $or: [{ version: { $lt: ticket.version } }, { version: { $exists: false } }],
        },
        update: {
          $set: {
            version: ticket.version,
            words: words.join(" "),
            messages: ticket.messageIds.length,
            bucket,
            projectedAt: now,
          },
        },
      },
    })),
  );
  // Only a ticket that moved (or one a crash left with an old minute listed) has keys to delete.
  await deleteOlderHours(
    cols,
    work
      .filter((w) => w.moved || (stored.get(w.ticket._id.toHexString())?.buckets.length ?? 0) > 1)
      .map((w) => w.ticket._id),
  );
}

/** Step 4: the keys of listed minutes other than the stored one are deleted, then unlisted. */
async function deleteOlderHours(cols: ReturnType<typeof ticketSearchCollections>, ids: ObjectId[]) {
  for (const chunk of chunks(ids)) {
    for await (const doc of cols.tickets.find({ _id: { $in: chunk } })) {
      const stale = doc.buckets.filter((b) => b !== doc.bucket);
      if (stale.length === 0) continue;
      const words = splitWords(doc.words);
      const ticketId = doc._id.toHexString();
      const keys = stale.flatMap((bucket) => wordKeysOf(ticketId, bucket, words));
      for (const part of chunks(keys)) await cols.words.deleteMany({ _id: { $in: part } });
      await cols.tickets.updateOne({ _id: doc._id }, { $pullAll: { buckets: stale } });
    }
  }
}

async function bulk(
  collection: Collection<SearchTicketDocument>,
  ops: AnyBulkWriteOperation<SearchTicketDocument>[],
) {
  for (const chunk of chunks(ops)) if (chunk.length > 0) await collection.bulkWrite(chunk);
}
