import type { Collection, Filter, ObjectId } from "mongodb";
import { isDuplicateKey } from "@/server/db/errors";

/**
 * Writes a read document only if the stored copy is older. The filter matches nothing when a
 * copy of the same or a newer version is there, so the upsert tries to insert a second document
 * with the same `_id` and the database refuses it: that refusal means "already newer".
 * Replays, retries, reordering and a second projector can never move a read model backwards.
 */
export async function writeIfNewer<T extends { _id: ObjectId | string; version: number }>(
  collection: Collection<T>,
  doc: T,
): Promise<"written" | "stale"> {
  const { _id, ...fields } = doc;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await collection.updateOne(
        { _id, version: { $lt: doc.version } } as Filter<T>,
        { $set: fields as Partial<T> },
        { upsert: true },
      );
      return "written";
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // On MongoDB two first upserts can race: the loser's insert collides with an *older*
      // copy. Only a copy at least as new means "stale"; otherwise try again (it now updates).
      const stored = await collection.findOne({ _id } as Filter<T>, { projection: { version: 1 } });
      if (stored && stored.version >= doc.version) return "stale";
    }
  }
  throw new Error(`could not write ${collection.collectionName} ${String(_id)}`);
}
