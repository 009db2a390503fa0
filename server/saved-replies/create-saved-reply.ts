import "server-only";
import { ObjectId } from "mongodb";
import {
  MAX_SAVED_REPLIES,
  nameKeyOf,
  savedRepliesCollection,
  toSavedReply,
  type SavedReplyDocument,
} from "@/server/saved-replies/collection";
import { asDuplicateName } from "@/server/saved-replies/errors";
import type { SavedReply, SavedReplyInput } from "@/server/saved-replies/schemas";
import { ConflictError } from "@/server/tickets/domain/errors";
import type { Actor } from "@/server/tickets/domain/types";

/**
 * Adds a saved reply. A name already taken (in any case) is a ConflictError beside the name; so
 * is a full set. The bound is checked before the insert, so leads creating at the same moment
 * as the 200th could pass it by one or two: it bounds the size of a read, it is not a quota.
 */
export async function createSavedReply(
  input: SavedReplyInput,
  actor: Actor,
  now = new Date(),
): Promise<SavedReply> {
  const collection = await savedRepliesCollection();
  if ((await collection.countDocuments({})) >= MAX_SAVED_REPLIES) {
    throw new ConflictError(
      `There are already ${MAX_SAVED_REPLIES} saved replies: delete one before adding another.`,
    );
  }
  const doc: SavedReplyDocument = {
    _id: new ObjectId(),
    name: input.name,
    nameKey: nameKeyOf(input.name),
    body: input.body,
    createdAt: now,
    createdBy: actor,
    updatedAt: now,
    updatedBy: actor,
  };
  try {
    await collection.insertOne(doc);
  } catch (error) {
    throw asDuplicateName(error);
  }
  return toSavedReply(doc);
}
