import "server-only";
import {
  MAX_SAVED_REPLIES,
  savedRepliesCollection,
  toSavedReply,
} from "@/server/saved-replies/collection";
import type { SavedReply } from "@/server/saved-replies/schemas";

const byName = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/**
 * Every saved reply, by name ignoring case (then by id, so equal names keep one order). The set
 * is small and bounded, so it is read whole and sorted here: the embedded database would sort
 * it in memory anyway, and it has no collation.
 */
export async function listSavedReplies(): Promise<SavedReply[]> {
  const docs = await (
    await savedRepliesCollection()
  )
    .find({})
    .limit(MAX_SAVED_REPLIES * 2)
    .toArray();
  return docs
    .map(toSavedReply)
    .sort((a, b) => byName.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
