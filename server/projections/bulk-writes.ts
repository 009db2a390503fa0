import {
  MongoBulkWriteError,
  type AnyBulkWriteOperation,
  type Collection,
  type Document,
  type ObjectId,
  type OptionalUnlessRequiredId,
} from "mongodb";
import { isDuplicateKey } from "@/server/db/errors";
import { chunks, WRITE_CHUNK } from "@/server/projections/chunks";

/**
 * Sends every item, in one bulk command where nothing collides. A duplicate key means "already
 * there" to every caller here; the colliding items go to `onDuplicates`, and what follows the
 * last collision is sent again: FerretDB stops an unordered bulk at its first failed statement
 * (MongoDB runs the rest, so there the repeat collides again, harmlessly).
 */
async function sendAll<T>(
  items: T[],
  send: (items: T[]) => Promise<unknown>,
  onDuplicates: (items: T[]) => Promise<void> = () => Promise.resolve(),
) {
  let pending = items;
  while (pending.length > 0) {
    try {
      await send(pending);
      return;
    } catch (error) {
      if (!(error instanceof MongoBulkWriteError)) {
        if (isDuplicateKey(error) && pending.length === 1) return onDuplicates(pending);
        throw error;
      }
      const errors = error.result.getWriteErrors();
      if (errors.length === 0 || errors.some((e) => e.code !== 11000)) throw error;
      await onDuplicates(errors.map((e) => pending[e.index]!));
      pending = pending.slice(Math.max(...errors.map((e) => e.index)) + 1);
    }
  }
}

/** Inserts the documents; those already there (a retry, a second writer) are left as they are. */
export async function insertMissing<T extends Document>(
  collection: Collection<T>,
  docs: OptionalUnlessRequiredId<T>[],
  chunkSize = WRITE_CHUNK,
) {
  for (const chunk of chunks(docs, chunkSize)) {
    await sendAll(chunk, (part) => collection.insertMany(part, { ordered: false }));
  }
}

/** Inserts the documents; those already there get the version-guarded upsert instead. */
export async function insertOrUpsert<T extends { _id: ObjectId | string; version: number }>(
  collection: Collection<T>,
  docs: T[],
) {
  for (const chunk of chunks(docs)) {
    await sendAll(
      chunk,
      (part) =>
        collection.insertMany(part as OptionalUnlessRequiredId<T>[], {
          ordered: false,
        }),
      (taken) => guardedBulk(collection, taken),
    );
  }
}

/** The same guard as writeIfNewer, for many documents in one command. */
export async function guardedBulk<T extends { _id: ObjectId | string; version: number }>(
  collection: Collection<T>,
  docs: T[],
) {
  for (const chunk of chunks(docs)) {
    const operations = chunk.map(({ _id, ...fields }) => ({
      updateOne: {
        filter: { _id, version: { $lt: fields.version } },
        update: { $set: fields },
        upsert: true,
      },
    })) as unknown as AnyBulkWriteOperation<T>[];
    // A duplicate key: a copy at this version or newer is already there.
    await sendAll(operations, (part) => collection.bulkWrite(part, { ordered: false }));
  }
}
