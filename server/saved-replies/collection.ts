import "server-only";
import { ObjectId } from "mongodb";
import { getDb } from "@/server/db/client";
import { COLLECTIONS } from "@/server/db/collections";
import { SavedReplyNotFoundError } from "@/server/saved-replies/errors";
import type { SavedReply } from "@/server/saved-replies/schemas";
import type { Actor } from "@/server/tickets/domain/types";

/** One reply of the desk's shared set, which leads keep. */
export interface SavedReplyDocument {
  _id: ObjectId;
  name: string;
  /**
   * The name folded to lower case, under a unique index: the index, not a read before the write,
   * is what keeps two names that differ only in case out, even when two leads save at once.
   */
  nameKey: string;
  body: string;
  createdAt: Date;
  createdBy: Actor;
  updatedAt: Date;
  updatedBy: Actor;
}

/** At most this many replies: the whole set is read (and sorted) at once. */
export const MAX_SAVED_REPLIES = 200;

export async function savedRepliesCollection() {
  return (await getDb()).collection<SavedReplyDocument>(COLLECTIONS.savedReplies);
}

export const nameKeyOf = (name: string) => name.normalize("NFC").toLowerCase();

export const toSavedReply = (doc: SavedReplyDocument): SavedReply => ({
  id: doc._id.toHexString(),
  name: doc.name,
  body: doc.body,
  updatedAt: doc.updatedAt.toISOString(),
  updatedBy: doc.updatedBy.name,
});

/** A saved reply id from outside (a URL, a form): a malformed one is simply not found. */
export function parseSavedReplyId(id: string): ObjectId {
  if (!/^[0-9a-f]{24}$/i.test(id)) throw new SavedReplyNotFoundError(id);
  return ObjectId.createFromHexString(id.toLowerCase());
}
