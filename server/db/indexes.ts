import "server-only";
import type { Db, IndexDescription } from "mongodb";
import { COLLECTIONS } from "@/server/db/collections";
import { readModelName } from "@/server/db/generations";
import { READ_MODELS } from "@/server/read-models/registry";

/** The write side's indexes, named. The read models declare theirs in their folders. */
const WRITE_SIDE: Record<string, IndexDescription[]> = {
  [COLLECTIONS.tickets]: [
    // The sweeper's query: tickets whose projection is still owed.
    { name: "tickets_dirty", key: { dirtySince: 1 } },
  ],
  [COLLECTIONS.projectionQueue]: [{ name: "queue_due", key: { leaseUntil: 1, since: 1 } }],
  // Sign-in looks people up by email; one account per email.
  [COLLECTIONS.users]: [{ name: "users_email", key: { email: 1 }, unique: true }],
  // Deactivating someone ends their sessions. Sessions and tokens are otherwise read by _id.
  [COLLECTIONS.sessions]: [{ name: "sessions_user", key: { userId: 1 } }],
  // One name per agent; the list reads one agent's views, sorted by name.
  [COLLECTIONS.savedViews]: [
    { name: "saved_views_user_name", key: { userId: 1, name: 1 }, unique: true },
  ],
  // One saved reply per name, whatever its case: the unique key is the folded name.
  [COLLECTIONS.savedReplies]: [{ name: "saved_replies_name", key: { nameKey: 1 }, unique: true }],
};

/**
 * Creates the indexes that are missing, by name, for the write side and for the read models of
 * the given generations. Only missing ones are sent because re-sending an existing compound
 * index of four fields crashes the embedded database's connection (FerretDB 1.24), and because
 * it makes every start-up after the first one read-only.
 */
export async function ensureIndexes(db: Db, generations: number[] = [0]): Promise<void> {
  const wanted: [string, IndexDescription[]][] = Object.entries(WRITE_SIDE);
  for (const generation of new Set(generations)) {
    for (const model of READ_MODELS) {
      for (const [name, indexes] of Object.entries(model.collections)) {
        wanted.push([readModelName(name, generation), indexes]);
      }
    }
  }
  const existing = new Set(
    (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name),
  );
  for (const [name, indexes] of wanted) {
    if (indexes.length === 0) continue;
    const collection = db.collection(name);
    const present = existing.has(name)
      ? new Set(
          (await collection.listIndexes().toArray()).map((i: { name?: unknown }) => String(i.name)),
        )
      : new Set<string>();
    const missing = indexes.filter((index) => !present.has(index.name ?? ""));
    if (missing.length > 0) await collection.createIndexes(missing);
  }
}
