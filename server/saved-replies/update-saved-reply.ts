import "server-only";
import {
  nameKeyOf,
  parseSavedReplyId,
  savedRepliesCollection,
  toSavedReply,
} from "@/server/saved-replies/collection";
import { asDuplicateName, SavedReplyNotFoundError } from "@/server/saved-replies/errors";
import type { SavedReply, SavedReplyInput } from "@/server/saved-replies/schemas";
import type { Actor } from "@/server/tickets/domain/types";

/**
 * Replaces a saved reply's name and body (one `_id` write). An unknown or malformed id is
 * SavedReplyNotFoundError; a name another reply has is a ConflictError beside the name.
 */
export async function updateSavedReply(
  id: string,
  input: SavedReplyInput,
  actor: Actor,
  now = new Date(),
): Promise<SavedReply> {
  const _id = parseSavedReplyId(id);
  const collection = await savedRepliesCollection();
  let updated;
  try {
    updated = await collection.findOneAndUpdate(
      { _id },
      {
        $set: {
          name: input.name,
          nameKey: nameKeyOf(input.name),
          body: input.body,
          updatedAt: now,
          updatedBy: actor,
        },
      },
      { returnDocument: "after" },
    );
  } catch (error) {
    throw asDuplicateName(error);
  }
  if (!updated) throw new SavedReplyNotFoundError(id);
  return toSavedReply(updated);
}
