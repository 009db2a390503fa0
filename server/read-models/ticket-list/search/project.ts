import type { AnyBulkWriteOperation, Collection, ObjectId } from "mongodb";
import type { ReadTarget } from "@/server/db/generations";
import { insertMissing } from "@/server/projections/bulk-writes";
import { chunks } from "@/server/projections/chunks";
import { parseListKey, position } from "@/server/read-models/ticket-list/keys";
import {
  ticketSearchCollections,
  type SearchTicketDocument,
} from "@/server/read-models/ticket-list/search/collections";
import { readBodies } from "@/server/tickets/message-bodies";
import { wordsOf } from "@/server/text/words";
import { messageDocumentId, type TicketDocument } from "@/server/tickets/write-model";

/** The words of the ticket's subject and first message. */
export const headWords = (ticket: TicketDocument) => wordsOf(`${ticket.subject} ${ticket.message}`);

/** A ticket's word keys at its version. */
export function wordKeysOf(ticket: TicketDocument, words: Iterable<string>): string[] {
  const at = position(ticket.updatedAt.getTime(), ticket._id.toHexString());
  return [...new Set(words)].map((word) => `${word}|${at}|${ticket.version}`);
}

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
 *  1. list the new version's keys in the ticket's search document (`$addToSet`, no guard),
 *  2. write the keys (and new words to the vocabulary),
 *  3. set the version, words and message count with the version guard,
 *  4. delete every listed key of a version below the stored one and unlist it.
 * A key is written only after it is listed, so a crash anywhere leaves no key a later
 * projection cannot find; step 4 runs at the end of every projection of the ticket, whichever
 * version it projected. Readers only take keys at the list row's version, so leftovers of a
 * crash are never shown.
 */
export async function projectSearchWords(target: ReadTarget, tickets: TicketDocument[]) {
  const cols = ticketSearchCollections(target);
  const stored = new Map<string, SearchTicketDocument>();
  for (const chunk of chunks(tickets)) {
    const ids: ObjectId[] = chunk.map((t) => t._id);
    for await (const doc of cols.tickets.find(
      { _id: { $in: ids } },
      { projection: { version: 1, words: 1, messages: 1 } },
    ))
      stored.set(doc._id.toHexString(), doc);
  }
  const fresh = tickets.filter((t) => (stored.get(t._id.toHexString())?.version ?? 0) < t.version);
  if (fresh.length === 0) return;

  const later = (t: TicketDocument) => {
    const s = stored.get(t._id.toHexString());
    const from = s?.words ? (s.messages ?? 0) : 0;
    return t.messageIds.slice(from).map((id) => messageDocumentId(t._id.toHexString(), id));
  };
  const bodies = await readBodies(target.db, fresh.flatMap(later));
  const work = fresh.map((ticket) => {
    const s = stored.get(ticket._id.toHexString());
    const known = new Set(s?.words ? s.words : headWords(ticket));
    const added = new Set<string>(s?.words ? [] : known);
    for (const id of later(ticket)) {
      const body = bodies.get(id);
      if (body === undefined) throw new Error(`message ${id} is listed but missing`);
      for (const word of wordsOf(body))
        if (!known.has(word)) {
          known.add(word);
          added.add(word);
        }
    }
    return { ticket, words: [...known], added: [...added], keys: wordKeysOf(ticket, known) };
  });

  await bulk(
    cols.tickets,
    work.map(({ ticket, keys }) => ({
      updateOne: {
        filter: { _id: ticket._id },
        update: { $addToSet: { keys: { $each: keys } } },
        upsert: true,
      },
    })),
  );
  await insertAbsent(
    cols.words,
    work.flatMap((w) => w.keys),
  );
  await insertAbsent(cols.vocabulary, [...new Set(work.flatMap((w) => w.added))]);
  const now = new Date();
  await bulk(
    cols.tickets,
    work.map(({ ticket, words }) => ({
      updateOne: {
        filter: {
          _id: ticket._id,
          $or: [{ version: { $lt: ticket.version } }, { version: { $exists: false } }],
        },
        update: {
          $set: {
            version: ticket.version,
            words,
            messages: ticket.messageIds.length,
            projectedAt: now,
          },
        },
      },
    })),
  );
  await deleteOlderKeys(
    cols,
    work.map((w) => w.ticket._id),
  );
}

/** Step 4: the listed keys of versions below the stored one are deleted, then unlisted. */
async function deleteOlderKeys(cols: ReturnType<typeof ticketSearchCollections>, ids: ObjectId[]) {
  for (const chunk of chunks(ids)) {
    for await (const doc of cols.tickets.find({ _id: { $in: chunk } })) {
      const stale = doc.keys.filter((key) => parseListKey(key).version < (doc.version ?? 0));
      if (stale.length === 0) continue;
      for (const part of chunks(stale)) await cols.words.deleteMany({ _id: { $in: part } });
      await cols.tickets.updateOne({ _id: doc._id }, { $pullAll: { keys: stale } });
    }
  }
}

async function bulk(
  collection: Collection<SearchTicketDocument>,
  ops: AnyBulkWriteOperation<SearchTicketDocument>[],
) {
  for (const chunk of chunks(ops)) if (chunk.length > 0) await collection.bulkWrite(chunk);
}
