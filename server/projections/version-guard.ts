import type { Collection, Filter, ObjectId } from "mongodb";
import { isDuplicateKey } from "@/server/db/errors";

/**
 * Writes a read document only if the stored copy is older. The filter matches nothing when a
 * copy of the same or a newer version is there, so the upsert tries to insert a second document
 * with the same `_id` and the database refuses it: that refusal means "already newer".
 * Replays, retries, reordering and a second projector can never move a read model backwards.
 */
export async function writeIfNewer<T extends { _id: ObjectId; version: number }>(
  collection: Collection<T>,
  doc: T,
): Promise<"written" | "stale"> {
  const { _id, ...fields } = doc;
  try {
    await collection.updateOne(
      { _id, version: { $lt: doc.version } } as Filter<T>,
      { $set: fields as Partial<T> },
      { upsert: true },
    );
    return "written";
  } catch (error) {
    if (isDuplicateKey(error)) return "stale";
    throw error;
  }
}
